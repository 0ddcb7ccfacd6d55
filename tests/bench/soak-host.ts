/**
 * The soak benchmark's app host, in its own process so its memory is the app's alone: the
 * core and the browser-mode web host, as `npm run start:web` runs them, signed in to the
 * soak's cloud (soak-cloud.ts, another process: argv[2] its address and keys as JSON). The
 * bench's Chromium and Playwright stay in the parent.
 * Messages: 'ready' (the page's one-time URL), 'sample' (memory after a full collection:
 * V8's figures and where the kernel holds the resident bytes), 'stop'.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import pino from 'pino'
import { createDesk } from '../../electron/core/desk'
import { startWebHost } from '../../electron/web/host'
import { RENDERER_DIR } from '../support/app'
import { signInToCloud } from './bench-cloud'
import { collectFully, residentMemory } from './process-memory'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const cloud = JSON.parse(process.argv[2] ?? '{}') as { url: string; appKey: string; appSecret: string }
const dataDir = mkdtempSync(join(tmpdir(), 'desk-soak-'))
const desk = await createDesk({ mode: 'web', version: 'soak', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false }, { logger: pino({ level: 'silent' }) })
await signInToCloud(desk, cloud)
const host = await startWebHost({ desk, rendererDir: RENDERER_DIR })

process.on('message', (message: { type: string }) => {
  if (message.type === 'sample') void sample()
  if (message.type === 'stop') {
    void host
      .close()
      .then(() => desk.close())
      .finally(() => {
        rmSync(dataDir, { recursive: true, force: true })
        process.send?.({ type: 'stopped' }, () => process.exit(0))
      })
  }
})
process.send?.({ type: 'ready', url: host.url })

/**
 * Memory after a full collection (collectFully, as the renderer's), and RSS after one plain
 * gc() as the soak read it before, to show the difference.
 */
async function sample(): Promise<void> {
  gc()
  const rssOneGc = process.memoryUsage().rss
  await collectFully()
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage()
  process.send?.({ type: 'sample', heapUsed, heapTotal, external, arrayBuffers, rss, rssOneGc, ...residentMemory() })
}

