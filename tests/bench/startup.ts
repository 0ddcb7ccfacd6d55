/// <reference lib="dom" />
/**
 * `npm run bench -- startup`: start-up time and page weight of the built renderer
 * (out/renderer: run `npx electron-vite build` first), in browser mode with 100 devices.
 * - start.signin_interactive_ms: from opening the page (navigation start, the one-time URL's
 *   redirect included) to the sign-in form shown with its fields enabled and the page's main
 *   thread free (a task queued then has run); median of 3 fresh pages. Target <= 700 ms
 * - start.assets_loaded_ms, start.link_open_ms: stages of the same openings (medians): the
 *   scripts and stylesheets index.html asks for arrived; the bridge WebSocket opened. What follows the later
 *   of the two, up to signin_interactive, is the app's code running and the page rendering
 * - start.signin_to_families_ms: the sign-in click to the family list shown
 * - start.family_to_rows_ms: a click on the family to its first device rows shown
 * - start.signin_to_first_rows_ms: the two together, the app's part of "sign in, see my
 *   devices" (the user's own click between them left out). Target <= 1000 ms
 * - weight.initial_js_gzip_kb: the JavaScript index.html loads before anything is asked
 *   (its module script and modulepreloads), gzip, KB of 1000 bytes
 * - weight.largest_lazy_chunk_gzip_kb (its file named on stderr), weight.lazy_js_gzip_kb (all
 *   lazy chunks together)
 * - weight.echarts_chunk_gzip_kb: the chunk holding ECharts' core, beside
 *   weight.echarts_full_gzip_kb, the whole library (echarts.min.js) as a baseline
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { DEMO, RENDERER_DIR, startApp, type RunningApp } from '../support/app'
import { percentile, report } from './report'

const DEVICES = 100
const RUNS = 3
/** A string ECharts' core keeps whatever the minifier does: it marks the chunk holding it. */
const ECHARTS_MARK = '_echarts_instance_'

export async function startupBench(): Promise<void> {
  reportWeight()
  const app = await startApp({ sandbox: { devices: DEVICES, oneFamily: true, historyDays: 0 }, recordTraffic: false, open: false })
  try {
    const openings: Opening[] = []
    for (let i = 0; i < RUNS; i++) openings.push(await timeSignInForm(app, i === 0 ? app.host.url : app.host.issueUrl()))
    const median = (stage: keyof Opening) => Math.round(percentile(openings.map((o) => o[stage]), 50))
    report('start.assets_loaded_ms', median('assetsLoaded'), 'ms')
    report('start.link_open_ms', median('linkOpen'), 'ms')
    report('start.signin_interactive_ms', median('interactive'), 'ms')
    const home = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
    const { toFamilies, toRows } = await timeSignInToRows(app, home.name)
    report('start.signin_to_families_ms', Math.round(toFamilies), 'ms')
    report('start.family_to_rows_ms', Math.round(toRows), 'ms')
    report('start.signin_to_first_rows_ms', Math.round(toFamilies + toRows), 'ms')
  } finally {
    await app.close()
  }
}

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file)).length / 1000
}

function reportWeight(): void {
  const assets = join(RENDERER_DIR, 'assets')
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8')
  const initial = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] as string))
  if (initial.size === 0) throw new Error('out/renderer/index.html loads no script: build the renderer first (npx electron-vite build).')
  const chunks = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => ({ file: f, kb: gzipKb(join(assets, f)) }))
  const lazy = chunks.filter((c) => !initial.has(c.file)).sort((a, b) => b.kb - a.kb)
  const echarts = chunks.filter((c) => readFileSync(join(assets, c.file), 'utf8').includes(ECHARTS_MARK))
  const echartsFull = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js')
  report('weight.initial_js_gzip_kb', sum(chunks.filter((c) => initial.has(c.file)).map((c) => c.kb)), 'KB')
  report('weight.largest_lazy_chunk_gzip_kb', lazy[0]?.kb ?? 0, 'KB')
  console.error(`# largest lazy chunk: ${lazy[0]?.file ?? 'none'}; echarts in: ${echarts.map((c) => c.file).join(', ') || 'none'}`)
  report('weight.lazy_js_gzip_kb', sum(lazy.map((c) => c.kb)), 'KB')
  report('weight.echarts_chunk_gzip_kb', sum(echarts.map((c) => c.kb)), 'KB')
  report('weight.echarts_full_gzip_kb', gzipKb(echartsFull), 'KB')
}

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10

/** Page-clock times (ms from navigation start) of one opening. */
interface Opening {
  assetsLoaded: number
  linkOpen: number
  interactive: number
}

/** Notes when the page's first WebSocket (the bridge) opens; it changes nothing else. */
const NOTE_LINK_OPEN = `(() => {
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('open', () => { window.__benchLinkOpen ??= performance.now() })
    }
  }
})()`

/** Opens a fresh page on a one-time URL; answers when its stages happened, the sign-in form usable last. */
async function timeSignInForm(app: RunningApp, url: string): Promise<Opening> {
  const page = await app.browser.context.newPage()
  try {
    await page.addInitScript(NOTE_LINK_OPEN)
    await page.goto(url, { waitUntil: 'commit' })
    return (await page.evaluate(`(async () => {
      const usable = ${SIGN_IN_USABLE}
      while (!usable()) await new Promise((resolve) => requestAnimationFrame(resolve))
      // The first moment a task queued once the form showed could run: the form answers input.
      await new Promise((resolve) => setTimeout(resolve, 0))
      const interactive = performance.now()
      // What index.html itself asks for: requested while it is parsed (later ones are lazy chunks).
      const parsed = performance.getEntriesByType('navigation')[0].domInteractive
      const assets = performance.getEntriesByType('resource').filter((e) => /[.](js|css)$/.test(e.name) && e.startTime <= parsed)
      return { assetsLoaded: Math.max(0, ...assets.map((e) => e.responseEnd)), linkOpen: window.__benchLinkOpen ?? 0, interactive }
    })()`)) as Opening
  } finally {
    await page.close()
  }
}

/** In the page: whether the sign-in fields and button are there and enabled. */
const SIGN_IN_USABLE = `() => {
  const email = document.querySelector('[data-testid="signin-email"] input')
  const button = document.querySelector('[data-testid="signin-submit"]')
  return Boolean(email && !email.disabled && button && !button.disabled)
}`

/** Signs in on the app's page, then opens the family, all timed in the page without the bench's round trips. */
async function timeSignInToRows(app: RunningApp, familyName: string): Promise<{ toFamilies: number; toRows: number }> {
  const { page } = app
  await page.goto(app.host.issueUrl())
  await page.evaluate(`(async () => { while (!(${SIGN_IN_USABLE})()) await new Promise((resolve) => requestAnimationFrame(resolve)) })()`)
  await page.getByTestId('signin-email').locator('input').fill(DEMO.email)
  await page.getByTestId('signin-password').locator('input').fill(DEMO.password)
  return (await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    const until = async (find) => { for (;;) { const found = find(); if (found) return found; await frame() } }
    const started = performance.now()
    document.querySelector('[data-testid="signin-submit"]').click()
    const row = await until(() => [...document.querySelectorAll('[data-testid="family-row"]')].find((r) => r.textContent.includes(${JSON.stringify(familyName)})))
    const families = performance.now()
    row.click()
    const clicked = performance.now()
    await until(() => document.querySelector('[data-testid="device-row"]'))
    return { toFamilies: families - started, toRows: performance.now() - clicked }
  })()`)) as { toFamilies: number; toRows: number }
}
