import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import { createStream } from 'rotating-file-stream'
import { ensurePrivateDir, narrowFile, PRIVATE_FILE_MODE } from '../store/private-files'
import { redact } from './redaction'

export interface DeskLog {
  logger: Logger
  /** Writes what is buffered and lets go of the file; later lines are dropped, not thrown. */
  close(): Promise<void>
}

/**
 * The app's log: JSON lines in `<dataDir>/logs/desk.log`, rotated at 10 MB (five files
 * kept, older ones gzipped), readable by the user only. Secret-named fields (by pattern, any
 * spelling) are censored, and so is any known secret value (`secrets()`: the live token,
 * AppSecrets, remembered passwords) wherever it appears, error messages included.
 */
export function createLogger(dataDir: string, level = 'info', secrets: () => string[] = () => []): DeskLog {
  const dir = join(dataDir, 'logs')
  ensurePrivateDir(dir)
  narrowFile(join(dir, 'desk.log'))
  const stream = createStream('desk.log', { path: dir, size: '10M', maxFiles: 5, compress: 'gzip', mode: PRIVATE_FILE_MODE })
  const logger = pino(
    {
      level,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => redact(plain(arg), secrets())) as Parameters<typeof method>)
        },
      },
    },
    stream,
  )
  const close = async (): Promise<void> => {
    // Silent first: a line logged by work finishing after the close must not write to an ended stream.
    logger.level = 'silent'
    if (!stream.writableEnded) await new Promise<void>((resolve) => stream.end(resolve))
  }
  return { logger, close }
}

/** Errors keep their message and stack when copied for redaction. */
function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'err' in value && (value as { err: unknown }).err instanceof Error) {
    const { err, ...rest } = value as { err: Error }
    return { ...rest, err: { type: err.name, message: err.message, stack: err.stack } }
  }
  return value
}
