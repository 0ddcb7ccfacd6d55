/**
 * The fuzz test's targets in a process of their own, as the app runs them: the core with its
 * embedded sandbox cloud, and the browser-mode host in front of it. A crash here ends this
 * process, which the test sees. Run with `node --expose-gc --import tsx`; it speaks over IPC:
 * it sends {type: 'ready', ...addresses} and answers {type: 'issueUrl'}, {type: 'rss'} and
 * {type: 'stop'}.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import { createDesk } from '../../electron/core/desk'
import { startSandbox } from '../../electron/sandbox'
import { startWebHost } from '../../electron/web/host'

export interface FuzzTargets {
  type: 'ready'
  sandbox: { url: string; port: number; appKey: string; appSecret: string; deviceIds: string[] }
  host: { origin: string; port: number; url: string }
}
export type FuzzRequest = { type: 'issueUrl' } | { type: 'rss' } | { type: 'stop' }
export type FuzzReply = { type: 'url'; url: string } | { type: 'rss'; rss: number; heapUsed: number; heapTotal: number; external: number; malloced: number; handles: number; polluted: boolean }

const dataDir = mkdtempSync(join(tmpdir(), 'desk-fuzz-'))
const rendererDir = mkdtempSync(join(tmpdir(), 'desk-fuzz-renderer-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>')

// The embedded sandbox, as createDesk starts it, but held so its address and secret are known.
const sandbox = await startSandbox({ port: 0, simulate: false })
const desk = await createDesk(
  { mode: 'web', version: 'fuzz', platform: process.platform, dataDir, cipher: null },
  { sandboxInstance: sandbox },
)
const host = await startWebHost({ desk, rendererDir })

const send = (message: FuzzTargets | FuzzReply) => process.send?.(message)

process.on('message', (message: FuzzRequest) => {
  if (message.type === 'issueUrl') send({ type: 'url', url: host.issueUrl() })
  if (message.type === 'rss') void measure()
  if (message.type === 'stop') {
    void (async () => {
      await host.close()
      await desk.close()
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(rendererDir, { recursive: true, force: true })
      process.exit(0)
    })()
  }
})

/** RSS after full collections; Buffers' memory is freed by finalizers, hence the pauses. */
async function measure(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const usage = process.memoryUsage()
  // A prototype-pollution key that got merged somewhere shows up on every object.
  const polluted = Object.keys(Object.prototype).length > 0 || 'polluted' in {}
    const handles = process.getActiveResourcesInfo().length
  send({ type: 'rss', rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, malloced: getHeapStatistics().malloced_memory, handles, polluted })
}

send({
  type: 'ready',
  sandbox: {
    url: sandbox.url,
    port: sandbox.port,
    appKey: sandbox.appKey,
    appSecret: sandbox.appSecret,
    deviceIds: [...sandbox.world.devices.keys()].slice(0, 20),
  },
  host: { origin: host.origin, port: Number(new URL(host.origin).port), url: host.url },
})
