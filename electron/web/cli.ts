/**
 * `npm run start:web`: the whole app in a browser, for machines without a display or
 * without the Electron binary. Prints a loopback URL with a one-time token.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDesk } from '../core/desk'
import { DataFolderError } from '../core/store/database'
import { lockDataFolder, type FolderLock } from '../core/store/folder-lock'
import { startWebHost } from './host'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: join(homedir(), '.explorer-desk-web') },
    'renderer-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out/renderer') },
  },
})

/** A data folder that cannot be used (another instance on it, a newer schema) is said plainly, not thrown. */
function refuse(error: unknown): never {
  if (!(error instanceof DataFolderError)) throw error
  console.error(`Explorer Desk cannot start: ${error.message}`)
  process.exit(1)
}

let lock: FolderLock
try {
  lock = lockDataFolder(values['data-dir'])
} catch (error) {
  refuse(error)
}
process.once('exit', () => lock.release())

const desk = await createDesk({
  mode: 'web',
  version: process.env.npm_package_version ?? '0.0.0',
  platform: process.platform,
  dataDir: values['data-dir'],
  // Node has no OS keychain here: secrets live for this session only, never on disk.
  cipher: null,
}).catch(refuse)
const host = await startWebHost({ desk, rendererDir: values['renderer-dir'], port: Number(values.port) })

console.log(`Explorer Desk (browser mode) is ready. Open this address once; it works one time only:\n\n  ${host.url}\n`)
console.log('Press Ctrl+C to stop.')

const stop = async (): Promise<void> => {
  await host.close()
  await desk.close()
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
