/**
 * Chromium driven over one bare DevTools WebSocket, with only the domains a caller uses and
 * never Network: Playwright enables Network on every page it drives, and Chromium's network
 * agent then keeps the body of every XHR and fetch response in the renderer (the soak's video
 * segments; `npm run bench -- devtools-network` shows it). The memory benches measure the app
 * this way, as it runs packaged, with no DevTools attached.
 */
import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium'

const MB = 1_048_576
const POLL_MS = 100

/** The little the benches need of a DevTools session: Playwright's CDPSession has it too. */
export interface Devtools {
  send(method: string, params?: object): Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (params: any) => void): unknown // eslint-disable-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (params: any) => void): unknown // eslint-disable-line @typescript-eslint/no-explicit-any
  once(event: string, listener: (params: any) => void): unknown // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface BareChromium {
  /** The page's session (Runtime, HeapProfiler, Memory). */
  page: Devtools
  /** The browser's session (Target, Tracing). */
  browser: Devtools
  close(): Promise<void>
}

/**
 * A headless Chromium started by hand (the same flags and window as Playwright's) with `url` as
 * its one tab, loaded. No spare renderer is kept warm: the page's renderer is then the only
 * one besides Chromium's own browser UI (rendererPids leaves that out), as in the packaged app.
 */
export async function launchBareChromium(url: string): Promise<BareChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'desk-bare-cdp-'))
  const args = [
    ...CHROMIUM_FLAGS,
    '--disable-features=SpareRendererForSitePerProcess',
    '--headless=new',
    '--window-size=1280,800',
    '--lang=en-US',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    url,
  ]
  const child = spawn(CHROMIUM_PATH, args, { stdio: 'ignore' })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const close = async (browser?: Devtools) => {
    // Asked to quit, Chromium stops its helpers and flushes its profile first: killed, a
    // helper could still be writing there while the profile was removed (ENOTEMPTY).
    // Not awaited: Chromium may close the socket before it answers.
    browser?.send('Browser.close').catch(() => undefined)
    const quit = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(resolve, 5_000, false))])
    if (!quit) child.kill('SIGKILL')
    await exited
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
    } catch (error) {
      console.error(`bare Chromium: its profile ${profile} is left behind: ${(error as Error).message}`)
    }
  }
  let browser: Devtools | undefined
  try {
    const socket = await connect(join(profile, 'DevToolsActivePort'))
    browser = bareSession(socket)
    const { targetInfos } = await browser.send('Target.getTargets')
    const tab = (targetInfos as { type: string; targetId: string }[]).find((target) => target.type === 'page')
    if (!tab) throw new Error('Chromium opened no tab')
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId: tab.targetId, flatten: true })
    const page = bareSession(socket, sessionId)
    await evaluate(page, `new Promise((resolve) => document.readyState === 'complete' ? resolve() : addEventListener('load', resolve))`)
    const opened = browser
    return { page, browser: opened, close: async () => (await close(opened), socket.close()) }
  } catch (error) {
    await close(browser)
    throw error
  }
}

/** The value of `expression` in the page (a promise is awaited); its exception, thrown here. */
export async function evaluate<T = unknown>(page: Devtools, expression: string): Promise<T> {
  const { result, exceptionDetails } = await page.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text)
  return result.value as T
}

/** Waits until `expression` is true in the page; after `timeoutMs`, an error naming `what`. */
export async function waitUntil(page: Devtools, expression: string, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await evaluate<boolean>(page, `Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

async function connect(portFile: string): Promise<WebSocket> {
  const deadline = Date.now() + 30_000
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (Date.now() > deadline) throw new Error('Chromium did not open its DevTools port')
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
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
