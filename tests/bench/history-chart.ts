/**
 * The history chart in Chromium (part of `npm run bench -- history`): the view's own chart
 * modules (renderer/src/utils/history-series.ts, components/history/chart-option.ts and the
 * tree-shaken ECharts), bundled by Vite into a one-chart page and driven with 1,000,000
 * points of one property over 30 days, as HistoryView drives them when a history.fetch
 * answer arrives. The page is not the whole app: no sandbox can produce a million points
 * in a bench's time, so the data is made in the page before the clock starts.
 * - history.render_1m_ms: from the answer's arrays in hand to the chart drawn (packing,
 *   option, ECharts 'finished', the next frame); target <= 1500 ms
 * - history.zoom_ms: one zoom step (median of 8: keyboard-sized steps in and out, and pans),
 *   dispatch to drawn; target <= 100 ms
 * - history.render_1m_heap_mb: JS heap after drawing (read only)
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { build } from 'vite'
import { launchChromium } from '../support/chromium'
import { percentile, report } from './report'

const ROOT = resolve(import.meta.dirname, '../..')
const PAGE = resolve(import.meta.dirname, 'history-chart-page')
const POINTS = 1_000_000
const DAYS = 30
/** Zoom in by keyboard-sized steps, pan, and back out: what a user does after opening. */
const ZOOM_STEPS: readonly [number, number][] = [[12.5, 87.5], [25, 75], [37.5, 62.5], [50, 75], [25, 50], [25, 75], [0, 100], [60, 90]]
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

export async function historyChartBench(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'desk-chart-bench-'))
  let server: Server | null = null
  const browser = await launchChromium()
  try {
    await build({
      root: PAGE,
      base: './',
      logLevel: 'warn',
      resolve: { alias: { '@shared': resolve(ROOT, 'shared'), '@': resolve(ROOT, 'renderer/src') } },
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
    })
    const { url, close } = await serve(outDir)
    server = close
    const page = await browser.context.newPage()
    await page.goto(url)
    await page.waitForFunction('document.title === "ready"')
    const call = <T>(expression: string) => page.evaluate(`window.historyBench.${expression}`) as Promise<T>

    await call<unknown>(`render(100000, ${DAYS})`) // warms up the JIT, fonts and canvas
    const { ms, heapMb } = await call<{ ms: number; heapMb: number }>(`render(${POINTS}, ${DAYS})`)
    const zooms: number[] = []
    for (const [start, end] of ZOOM_STEPS) zooms.push(await call<number>(`zoom(${start}, ${end})`))
    report('history.render_1m_ms', Math.round(ms), 'ms')
    report('history.zoom_ms', Math.round(percentile(zooms, 50)), 'ms')
    report('history.zoom_max_ms', Math.round(Math.max(...zooms)), 'ms')
    report('history.render_1m_heap_mb', Math.round(heapMb), 'MB')
  } finally {
    await browser.close()
    server?.close()
    rmSync(outDir, { recursive: true, force: true })
  }
}

/** A static server for the built page on loopback (module scripts do not load from file://). */
function serve(dir: string): Promise<{ url: string; close: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)))
    const file = path.startsWith(dir) && existsSync(path) && statSync(path).isFile() ? path : join(dir, 'index.html')
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolvePromise({ url: `http://127.0.0.1:${port}/`, close: server })
    })
  })
}
