import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

/**
 * The local store: one SQLite file in the data directory, WAL so readers never wait for the
 * writer, migrated forward on open (PRAGMA user_version counts the migrations applied).
 */
export function openDatabase(dataDir: string, file = 'desk.sqlite'): Db {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, file))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  migrate(db)
  return db
}

export function migrate(db: Db): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  for (const [index, sql] of MIGRATIONS.entries()) {
    if (index < applied) continue
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${index + 1}`)
    })()
  }
}
