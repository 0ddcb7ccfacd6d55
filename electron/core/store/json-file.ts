import { chmod, copyFile, open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files'

type Read = { ok: true; value: unknown } | { ok: false; missing: boolean }

async function tryRead(file: string): Promise<Read> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return { ok: false, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, missing: false }
  }
}

/**
 * Reads a JSON file; a torn or unreadable one is recovered from its `.bak` (the version
 * before the last write). With neither usable, the damaged file is moved aside (so the
 * next write cannot destroy it) and `fallback` is returned.
 */
export async function readJsonFile<T>(file: string, fallback: T): Promise<T> {
  const main = await tryRead(file)
  if (main.ok) return main.value as T
  const backup = await tryRead(`${file}.bak`)
  if (backup.ok) return backup.value as T
  if (!main.missing) await rename(file, `${file}.damaged-${stamp()}`).catch(() => undefined)
  return fallback
}

/**
 * Writes atomically and durably: a temporary file, fsync, rename. The version it replaces
 * is kept as `.bak` when it was readable, so a torn write or a bad disk loses one save at most.
 * Readable by the user only.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  ensurePrivateDir(dirname(file))
  const temp = `${file}.${process.pid}.tmp`
  const handle = await open(temp, 'w', PRIVATE_FILE_MODE)
  try {
    await handle.writeFile(JSON.stringify(value, null, 2))
    await handle.sync()
  } finally {
    await handle.close()
  }
  if ((await tryRead(file)).ok) {
    await copyFile(file, `${file}.bak`)
    await chmod(`${file}.bak`, PRIVATE_FILE_MODE)
  }
  await rename(temp, file)
  await syncDir(dirname(file))
}

/** The rename itself survives a power cut only once the folder is synced (best effort: not everywhere possible). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some systems cannot open a folder for syncing; the file itself is synced.
  }
}

/** A file-name-safe time: 2026-12-03T05-30-00-000Z. */
export function stamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-')
}
