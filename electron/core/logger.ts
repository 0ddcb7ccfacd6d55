import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import { createStream } from 'rotating-file-stream'
import { REDACTED, SECRET_FIELDS } from './redaction'

/**
 * The app's log: JSON lines in `<dataDir>/logs/desk.log`, rotated at 10 MB (five files
 * kept, older ones gzipped), with every secret-named field censored at any depth the
 * app writes (objects are shallow: params, errors, requests).
 */
export function createLogger(dataDir: string, level = 'info'): Logger {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true })
  const stream = createStream('desk.log', { path: dir, size: '10M', maxFiles: 5, compress: 'gzip' })
  const paths = [...SECRET_FIELDS].flatMap((field) => [field, `*.${field}`, `*.*.${field}`])
  return pino({ level, redact: { paths, censor: REDACTED } }, stream)
}
