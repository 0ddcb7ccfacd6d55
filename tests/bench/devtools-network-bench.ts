/**
 * `npm run bench -- devtools-network`: why the soak reads the renderer's RSS less what its
 * DevTools connection keeps (devtools-network.ts). The same page fetches the same XHR bodies
 * (video segments, 1 MB each) in two Chromiums side by side:
 * - driven by Playwright, as every browser bench is: its Network domain is on;
 * - driven over a bare DevTools connection that enables no Network domain, as the packaged app
 *   runs (nothing attached at all).
 * Printed for each (devtools_network.<driver>_*): the growth, after a full collection, of
 * PartitionAlloc's buffer partition in the renderer (where Blink keeps the bodies; a
 * memory-infra dump). RSS is not compared: the freed bodies' pages stay resident in either
 * until PartitionAlloc purges them, so it differs by less than what is kept.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from '../support/chromium'
import { allocatorBytes } from './renderer-memory'
import { report } from './report'

const SEGMENTS = 60
const SEGMENT_BYTES = 1_000_000
const MB = 1_048_576
const BUFFER_PARTITION = 'partition_alloc/partitions/buffer'

/** The little the measurement needs of a DevTools connection: Playwright's CDPSession has it too. */
interface Devtools {
  send(method: string, params?: object): Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (params: any) => void): unknown // eslint-disable-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (params: any) => void): unknown // eslint-disable-line @typescript-eslint/no-explicit-any
  once(event: string, listener: (params: any) => void): unknown // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function devtoolsNetworkBench(): Promise<void> {
  const server = segmentServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
  try {
    await measure('playwright', await withPlaywright(url))
    await measure('bare_cdp', await withBareDevtools(url))
  } finally {
    server.close()
  }
}

interface Driven {
  /** Page-level commands (Runtime, HeapProfiler); `browser` takes Tracing. */
  page: Devtools
  browser: Devtools
  close(): Promise<void>
}

async function measure(driver: string, driven: Driven): Promise<void> {
  try {
    const before = await reading(driven)
    const fetched = await driven.page.send('Runtime.evaluate', { awaitPromise: true, returnByValue: true, expression: FETCH_SEGMENTS })
    if (fetched.exceptionDetails || fetched.result?.value !== SEGMENTS) throw new Error(`${driver}: the page fetched ${JSON.stringify(fetched.result?.value)} segments`)
    const after = await reading(driven)
    report(`devtools_network.${driver}_fetched_mb`, (SEGMENTS * SEGMENT_BYTES) / MB, 'MB')
    report(`devtools_network.${driver}_buffer_partition_growth_mb`, (after.buffer - before.buffer) / MB, 'MB')
  } finally {
    await driven.close()
  }
}

async function reading(driven: Driven): Promise<{ buffer: number }> {
  await driven.page.send('HeapProfiler.collectGarbage')
  // The bare session is not Playwright's CDPSession type, but has every call allocatorBytes makes.
  const buffer = (await allocatorBytes(driven.browser as never, { detail: [BUFFER_PARTITION] }))[BUFFER_PARTITION]
  if (buffer === undefined) throw new Error('the memory dump has no buffer partition')
  return { buffer }
}

const FETCH_SEGMENTS = `(async () => {
  let done = 0
  for (let i = 0; i < ${SEGMENTS}; i++) {
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest()
      xhr.open('GET', '/segment-' + i + '.ts')
      xhr.responseType = 'arraybuffer'
      xhr.onloadend = () => { if (xhr.response && xhr.response.byteLength === ${SEGMENT_BYTES}) done++; resolve() }
      xhr.send()
    })
  }
  return done
})()`

function segmentServer(): Server {
  const segment = randomBytes(SEGMENT_BYTES)
  return createServer((request, response) => {
    if (request.url === '/') {
      response.setHeader('content-type', 'text/html')
      response.end('<!doctype html><title>segments</title>')
    } else {
      response.setHeader('content-type', 'video/mp2t')
      response.setHeader('cache-control', 'no-store')
      response.end(segment)
    }
  })
}

async function withPlaywright(url: string): Promise<Driven> {
  const browser = await launchChromium()
  const page = await browser.context.newPage()
  await page.goto(url)
  const cdp = await page.context().newCDPSession(page)
  return { page: cdp, browser: cdp, close: () => browser.close() }
}

/** Chromium started by hand and driven over one WebSocket, attached to its page with no Network domain enabled. */
async function withBareDevtools(url: string): Promise<Driven> {
  const profile = mkdtempSync(join(tmpdir(), 'desk-bare-cdp-'))
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' })
  const close = async () => {
    child.kill()
    await new Promise((resolve) => child.once('exit', resolve))
    rmSync(profile, { recursive: true, force: true })
  }
  try {
    const socket = await connect(join(profile, 'DevToolsActivePort'))
    const browser = bareSession(socket)
    const { targetId } = await browser.send('Target.createTarget', { url })
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true })
    const page = bareSession(socket, sessionId)
    await page.send('Runtime.evaluate', { awaitPromise: true, expression: `new Promise((resolve) => document.readyState === 'complete' ? resolve() : addEventListener('load', resolve))` })
    return { page, browser, close: async () => (socket.close(), close()) }
  } catch (error) {
    await close()
    throw error
  }
}

async function connect(portFile: string): Promise<WebSocket> {
  const deadline = Date.now() + 30_000
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (Date.now() > deadline) throw new Error('Chromium did not open its DevTools port')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n')
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { maxPayload: 256 * MB })
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  return socket
}

let lastId = 0
/** One DevTools session over `socket`: the browser's, or a page's with `sessionId` (flat mode). */
function bareSession(socket: WebSocket, sessionId?: string): Devtools {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  const events = new EventEmitter()
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw))
    if (message.sessionId !== sessionId) return
    if (message.id === undefined) events.emit(message.method, message.params)
    else if (message.error) waiting.get(message.id)?.reject(new Error(message.error.message))
    else waiting.get(message.id)?.resolve(message.result)
    waiting.delete(message.id)
  })
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++lastId
        waiting.set(id, { resolve, reject })
        socket.send(JSON.stringify({ id, method, params, sessionId }))
      }),
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
    once: (event, listener) => events.once(event, listener),
  }
}
