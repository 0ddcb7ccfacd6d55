import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { StartNotice } from '../../../shared/domain'
import { stamp } from './json-file'
import { MIGRATIONS } from './migrations'
import { ensurePrivateDir, narrowFile, PRIVATE_FILE_MODE } from './private-files'

export type Db = Database.Database

const SIDE_FILES = ['', '-wal', '-shm']

/** The data folder cannot be used as it is; the message says why and what to do. */
export class DataFolderError extends Error {
  override name = 'DataFolderError'
}

/**
 * The local store: one SQLite file in the data directory, WAL so readers never wait for the
 * writer, migrated forward on open (PRAGMA user_version counts the migrations applied).
 * Readable by the user only. A store from a newer app version is refused, not opened.
 */
export function openDatabase(dataDir: string, file = 'desk.sqlite'): Db {
  ensurePrivateDir(dataDir)
  const path = join(dataDir, file)
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE)) // SQLite gives -wal/-shm the file's mode
  for (const suffix of SIDE_FILES) narrowFile(path + suffix)
  checkLength(path)
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    migrate(db)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

/**
 * The app's store, started afresh when the file is damaged: the damaged one (with its -wal
 * and -shm) is moved aside, named with the time, and a notice says where it went.
 */
export function openDeskDatabase(dataDir: string, file = 'desk.sqlite'): { db: Db; notices: StartNotice[] } {
  try {
    return { db: openDatabase(dataDir, file), notices: [] }
  } catch (error) {
    if (!isDamage(error)) throw error
    const movedTo = join(dataDir, `${file}.damaged-${stamp()}`)
    for (const suffix of SIDE_FILES) {
      if (existsSync(join(dataDir, file + suffix))) renameSync(join(dataDir, file + suffix), movedTo + suffix)
    }
    return { db: openDatabase(dataDir, file), notices: [{ kind: 'database-reset', movedTo }] }
  }
}

export function migrate(db: Db): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  if (applied > MIGRATIONS.length) {
    throw new DataFolderError(
      `The data folder's database (${db.name}) was written by a newer version of Explorer Desk (schema ${applied}; this version knows ${MIGRATIONS.length}). ` +
        'Open it with that newer version, or start this one with another data folder.',
    )
  }
  for (const [index, sql] of MIGRATIONS.entries()) {
    if (index < applied) continue
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${index + 1}`)
    })()
  }
}

class DamagedDatabase extends Error {}

function isDamage(error: unknown): boolean {
  if (error instanceof DamagedDatabase) return true
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)
}

/**
 * A file cut short (a copy that did not finish, a full disk) opens fine and fails later,
 * page by page: its header says how long it should be, so compare before opening.
 */
function checkLength(path: string): void {
  const size = statSync(path).size
  if (size === 0) return
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) throw new DamagedDatabase('the file is shorter than its header')
  } finally {
    closeSync(fd)
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new DamagedDatabase('not an SQLite file')
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16)
  const pages = header.readUInt32BE(28)
  // The page count is trusted only when it was written by the same change as the header (SQLite's rule).
  const valid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92)
  if (valid && size < pages * pageSize) throw new DamagedDatabase(`the file is ${size} bytes, its header says ${pages * pageSize}`)
}
