import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { AuditLog } from '../../electron/core/audit/audit-log'
import { createDesk } from '../../electron/core/desk'
import { DataFolderError, openDatabase, openDeskDatabase } from '../../electron/core/store/database'
import { LOCK_FILE, lockDataFolder } from '../../electron/core/store/folder-lock'
import { MIGRATIONS } from '../../electron/core/store/migrations'

const tempDir = () => mkdtempSync(join(tmpdir(), 'desk-folder-'))

function filledStore(dir: string): void {
  const db = openDatabase(dir)
  const audit = new AuditLog(db)
  const row = { timeMs: 1, profileId: 'p', profileName: 'P', account: 'a', action: 'AppDeleteDeviceInFamily', params: 'x'.repeat(5000), requestId: 'r', outcome: 'ok' as const, errorCode: '', errorMessage: '' }
  for (let i = 0; i < 200; i++) audit.record(row)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

describe('the local database', () => {
  it('is created readable by the user only, with its WAL files', () => {
    const dir = tempDir()
    const db = openDatabase(dir)
    new AuditLog(db).record({ timeMs: 1, profileId: 'p', profileName: 'P', account: 'a', action: 'X', params: '{}', requestId: 'r', outcome: 'ok', errorCode: '', errorMessage: '' })
    for (const file of ['desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm']) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600)
    db.close()
  })

  it.each([
    ['garbage', (file: string) => writeFileSync(file, 'this is not a database, it is a note')],
    ['cut short', (file: string) => truncateSync(file, statSync(file).size - 40_000)],
  ])('moves a %s file aside, starts afresh and says where the old one is', (_what, damage) => {
    const dir = tempDir()
    filledStore(dir)
    damage(join(dir, 'desk.sqlite'))
    const before = readFileSync(join(dir, 'desk.sqlite'))
    const { db, notices } = openDeskDatabase(dir)
    expect(new AuditLog(db).list().total).toBe(0)
    expect(notices).toEqual([{ kind: 'database-reset', movedTo: expect.stringContaining(join(dir, 'desk.sqlite.damaged-')) }])
    expect(readFileSync(notices[0]!.movedTo).equals(before)).toBe(true)
    db.close()
  })

  it('opens a healthy store with no notice', () => {
    const dir = tempDir()
    filledStore(dir)
    const { db, notices } = openDeskDatabase(dir)
    expect(notices).toEqual([])
    expect(new AuditLog(db).list().total).toBe(200)
    db.close()
  })

  it('refuses a store written by a newer version, and leaves it untouched', () => {
    const dir = tempDir()
    const db = openDatabase(dir)
    db.pragma(`user_version = ${MIGRATIONS.length + 3}`)
    db.close()
    expect(() => openDeskDatabase(dir)).toThrow(DataFolderError)
    expect(() => openDeskDatabase(dir)).toThrow(/newer version of Explorer Desk/)
    expect(readdirSync(dir).some((f) => f.includes('damaged'))).toBe(false)
  })
})

describe('the data-folder lock', () => {
  it('refuses a second instance on the same folder, and frees the folder on release', () => {
    const dir = tempDir()
    const lock = lockDataFolder(dir)
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600)
    expect(() => lockDataFolder(dir)).toThrow(/already using the data folder/)
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    lockDataFolder(dir).release()
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dir = tempDir()
    const child = spawn(process.execPath, ['-e', ''])
    const pid = child.pid!
    await new Promise((resolve) => child.once('exit', resolve))
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, since: '2026-01-01T00:00:00.000Z' }))
    const lock = lockDataFolder(dir)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    lock.release()
  })
})

describe('starting on a damaged data folder', () => {
  it('the desk starts, and app.info carries the notice the page shows', async () => {
    const dir = tempDir()
    filledStore(dir)
    writeFileSync(join(dir, 'desk.sqlite'), 'scribbled over')
    const desk = await createDesk(
      { mode: 'web', version: 'test', platform: process.platform, dataDir: dir, cipher: null, embeddedSandbox: false },
      { logger: pino({ level: 'silent' }) },
    )
    const info = await desk.dispatch('app.info', {})
    await desk.close()
    expect(info).toMatchObject({ ok: true, result: { notices: [{ kind: 'database-reset', movedTo: expect.stringContaining('desk.sqlite.damaged-') }] } })
  })

  it('browser mode refuses to start on a folder another instance holds, saying why', async () => {
    const dir = tempDir()
    const lock = lockDataFolder(dir) // this process plays the running instance
    const cli = join(import.meta.dirname, '..', '..', 'electron', 'web', 'cli.ts')
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', cli, '--data-dir', dir], { timeout: 30_000 }, (_error, _stdout, stderr) =>
        resolve({ code: child.exitCode, stderr }),
      )
    })
    lock.release()
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('Another Explorer Desk')
    expect(outcome.stderr).toContain(dir)
  }, 40_000)
})
