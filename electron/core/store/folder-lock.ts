import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DataFolderError } from './database'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files'

export const LOCK_FILE = 'desk.lock'

export interface FolderLock {
  release(): void
}

/**
 * One app per data folder, as Electron's single-instance lock gives the desktop app: two
 * instances would overwrite each other's profiles. A lock left by a process that is gone
 * (a crash, a kill -9) is taken over.
 */
export function lockDataFolder(dataDir: string): FolderLock {
  ensurePrivateDir(dataDir)
  const file = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: 'wx', mode: PRIVATE_FILE_MODE })
      return { release: () => releaseIfOurs(file) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = holderOf(file)
    if (holder !== null && isAlive(holder)) {
      throw new DataFolderError(
        `Another Explorer Desk (process ${holder}) is already using the data folder ${dataDir}. ` +
          'Use that one, stop it first, or start this one with another --data-dir.',
      )
    }
    unlinkSync(file) // stale: its process is gone
  }
  throw new DataFolderError(`The data folder ${dataDir} could not be locked; another instance may be starting.`)
}

function holderOf(file: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null // torn or foreign: treated as stale
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, another user's
  }
}

function releaseIfOurs(file: string): void {
  try {
    if (holderOf(file) === process.pid) unlinkSync(file)
  } catch {
    // already gone
  }
}
