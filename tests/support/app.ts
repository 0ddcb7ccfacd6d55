import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { createDesk, type DeskOverrides } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../electron/sandbox'
import { startWebHost, type WebHost } from '../../electron/web/host'
import { launchChromium, type Browser } from './chromium'

export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer')

/** Every bridge message of one page, as the WebSocket carried it. */
export interface BridgeTraffic {
  sent: string[]
  received: string[]
}

export interface RunningApp {
  sandbox: RunningSandbox
  desk: Desk
  host: WebHost
  browser: Browser
  page: Page
  traffic: BridgeTraffic
  /** The core's data folder (its SQLite store), for benchmarks that prepare a cache. */
  dataDir: string
  close(): Promise<void>
}

/**
 * The whole app as a user gets it in browser mode: a sandbox, the core, the web host and
 * a Chromium page opened on the one-time URL, with the bridge traffic recorded.
 */
export async function startApp(
  options: {
    sandbox?: Partial<SandboxOptions>
    desk?: DeskOverrides
    locale?: string
    /** false: keep no copy of the bridge traffic (long benchmarks; binary frames). */
    recordTraffic?: boolean
    /** false: leave the page blank; the caller opens `host.url` itself (to time the opening). */
    open?: boolean
  } = {},
): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-'))
  const sandbox = await startSandbox({ port: 0, simulate: false, ...options.sandbox })
  const desk = await createDesk(
    { mode: 'web', version: 'e2e', platform: process.platform, dataDir, cipher: null },
    { sandboxInstance: sandbox, checkResults: true, ...options.desk },
  )
  const host = await startWebHost({ desk, rendererDir: RENDERER_DIR })
  const browser = await launchChromium({ locale: options.locale })
  const page = await browser.context.newPage()
  const traffic: BridgeTraffic = { sent: [], received: [] }
  if (options.recordTraffic !== false) {
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => traffic.sent.push(String(frame.payload)))
      ws.on('framereceived', (frame) => traffic.received.push(String(frame.payload)))
    })
  }
  if (options.open !== false) await page.goto(host.url)
  return {
    sandbox,
    desk,
    host,
    browser,
    page,
    traffic,
    dataDir,
    close: async () => {
      await browser.close()
      await host.close()
      await desk.close()
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const DEMO = { email: 'demo@sandbox.local', password: 'sandbox-demo' }

/** Signs in with the demo account's email on the preselected Sandbox profile. */
export async function signInAsDemo(page: Page): Promise<void> {
  await page.getByTestId('signin-email').locator('input').fill(DEMO.email)
  await page.getByTestId('signin-password').locator('input').fill(DEMO.password)
  await page.getByTestId('signin-submit').click()
}

/**
 * In-app navigation by hash, as a link in the app would: the page's own router takes it
 * from there. (The host's URL is one-time: a reload would sign the page out.)
 */
export async function navigate(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = target
  }, hash)
}
