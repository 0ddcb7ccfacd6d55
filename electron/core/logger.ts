import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'

/** Field names whose values are never written to a log, wherever they sit. */
export const SECRET_FIELDS = [
  'AppSecret',
  'appSecret',
  'Password',
  'password',
  'AccessToken',
  'accessToken',
  'Token',
  'token',
  'Signature',
]

/** The app's log: JSON lines in `<dataDir>/logs/desk.log`, secrets censored by field name. */
export function createLogger(dataDir: string, level = 'info'): Logger {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true })
  const paths = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`])
  return pino(
    { level, redact: { paths, censor: '[redacted]' } },
    pino.destination({ dest: join(dir, 'desk.log'), sync: false, mkdir: true }),
  )
}
