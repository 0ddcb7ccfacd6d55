/**
 * `npm run start:web`: the whole app in a browser, for machines without a display or
 * without the Electron binary. Prints a loopback URL with a one-time token.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDesk } from '../core/desk'
import { startWebHost } from './host'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: join(homedir(), '.explorer-desk-web') },
    'renderer-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out/renderer') },
  },
})

const desk = await createDesk({
  mode: 'web',
  version: process.env.npm_package_version ?? '0.0.0',
  platform: process.platform,
  dataDir: values['data-dir'],
  // Node has no OS keychain here: secrets live for this session only, never on disk.
  cipher: null,
})
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
