/// <reference lib="dom" />
/**
 * `npm run bench -- history-e2e`: a million points of one property from the local cache to
 * a drawn chart through the real bridge, in the whole app in browser mode (sandbox, core,
 * web host, Chromium). The cache is filled first, in the core's own SQLite store, with
 * 1,000,000 temperature points of one sensor over the last 30 days; then the history page
 * is opened on that sensor's last 24 hours (warming up), and the user picks 30 days: that
 * fetch is the one measured.
 * - history.e2e_points: points drawn
 * - history.e2e_total_ms: from the page sending history.fetch to the chart drawn (target <= 1500)
 * - history.e2e_cache_read_ms: reading the points from the SQLite cache (median of 3, in the core)
 * - history.e2e_core_ms: the page's history.fetch in the core (cache, merge, secret scrub, the
 *   sandbox asked for the unsettled last minutes and the events); e2e_core_warm_ms: the same
 *   again from Node, median of 3
 * - history.e2e_transfer_ms: send to the answer's frame arriving in the page, less the core's part
 * - history.e2e_render_ms: the frame arriving to the chart drawn (decode, plot, ECharts, a frame)
 * - history.e2e_frame_mb: the answer's binary frame
 * - history.e2e_zoom_ms / e2e_zoom_max_ms: a keyboard zoom or pan step on the drawn chart to the
 *   next frame after it (median and worst of 8; target <= 100 ms)
 * Side by side, the same answer as JSON text (the form before): history.e2e_json_mb (baseline
 * of e2e_frame_mb), history.e2e_json_codec_ms (stringify in the host plus parse in the page,
 * measured in Node) beside history.e2e_binary_codec_ms; and history.e2e_raw_mb, its columns
 * as raw float64s (the frame's form until session 13, 8 bytes a number).
 * HISTORY_BENCH_DEBUG=1 also prints the page's long tasks and hottest functions while drawing.
 */
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { HistoryCache } from '../../electron/core/history/cache'
import { openDeskDatabase } from '../../electron/core/store/database'
import type { HistoryFetchResult } from '../../shared/history'
import { decodeBinaryFrame, encodeBinaryFrame } from '../../shared/wire-binary'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { startPageProfile } from './page-profile'
import { percentile, report } from './report'

const DAY = 86_400_000
const POINTS = 1_000_000
const PROPERTY = 'temperature'
/** Keyboard steps on the chart: zoom in three times, pan both ways, zoom out, reset. */
const ZOOM_KEYS = ['+', '+', '+', 'ArrowLeft', 'ArrowRight', 'ArrowRight', '-', '0']

export async function historyE2eBench(): Promise<void> {
  const app = await startApp({ sandbox: { historyDays: 0 }, recordTraffic: false })
  try {
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const { familyId, deviceId } = sensorOfDemoHome(app)
    const seeded = await seedCache(app, deviceId)
    const coreMs = timeCore(app)
    await app.page.evaluate(INSTALL_HOOKS)
    // Warm-up, as a user comes to it: the page opens on the last 24 hours (from the cache too).
    await navigate(app.page, `#/history?familyId=${encodeURIComponent(familyId)}&devices=${encodeURIComponent(deviceId)}&properties=${PROPERTY}&range=24h`)
    await app.page.evaluate(`window.__historyBench.drawn(${Math.floor(POINTS / 30)})`)
    // Then picks 30 days: a million points.
    const profiler = process.env.HISTORY_BENCH_DEBUG ? await startPageProfile(app.page, 25) : null
    await app.page.getByTestId('history-preset-30d').click()
    const timing = (await app.page.evaluate(`window.__historyBench.drawn(${POINTS})`)) as PageTiming
    await profiler?.()
    if (profiler) console.error('long tasks after the send [start, ms]', JSON.stringify(timing.tasks), 'arrived', Math.round(timing.arrivedAt - timing.sentAt), 'drawn', Math.round(timing.drawnAt - timing.sentAt))
    const zooms = (await app.page.evaluate(`window.__historyBench.zoom(${JSON.stringify(ZOOM_KEYS)})`)) as number[]
    const pageCoreMs = coreMs.at(-1) ?? 0
    const core = await coreFigures(app, deviceId, seeded)

    report('history.e2e_points', timing.points, 'points')
    report('history.e2e_total_ms', Math.round(timing.drawnAt - timing.sentAt), 'ms')
    report('history.e2e_cache_read_ms', Math.round(core.cacheReadMs), 'ms')
    report('history.e2e_core_ms', Math.round(pageCoreMs), 'ms')
    report('history.e2e_core_warm_ms', Math.round(core.coreMs), 'ms')
    report('history.e2e_transfer_ms', Math.round(Math.max(0, timing.arrivedAt - timing.sentAt - pageCoreMs)), 'ms')
    report('history.e2e_render_ms', Math.round(timing.drawnAt - timing.arrivedAt), 'ms')
    report('history.e2e_frame_mb', timing.frameBytes / 1e6, 'MB')
    report('history.e2e_raw_mb', core.rawBytes / 1e6, 'MB')
    report('history.e2e_json_mb', core.jsonBytes / 1e6, 'MB')
    report('history.e2e_binary_codec_ms', Math.round(core.binaryCodecMs), 'ms')
    report('history.e2e_json_codec_ms', Math.round(core.jsonCodecMs), 'ms')
    report('history.e2e_zoom_ms', Math.round(percentile(zooms, 50)), 'ms')
    report('history.e2e_zoom_max_ms', Math.round(Math.max(...zooms)), 'ms')
  } finally {
    await app.close()
  }
}

interface PageTiming {
  sentAt: number
  arrivedAt: number
  drawnAt: number
  frameBytes: number
  points: number
  /** Long tasks from the send on: [start after the send, ms]. */
  tasks: [number, number][]
}

function sensorOfDemoHome(app: RunningApp): { familyId: string; deviceId: string } {
  const world = app.sandbox.world
  const home = world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const sensor = world.devicesIn(home.familyId).find((d) => world.products.get(d.productId)?.kind === 'sensor')
  if (!sensor) throw new Error('The demo home has no sensor.')
  return { familyId: home.familyId, deviceId: sensor.deviceId }
}

interface Seeded {
  fromMs: number
  toMs: number
}

/**
 * A million points over the 30 days the page will ask for, stored through the cache's own
 * code in the core's database (a second connection: SQLite in WAL mode lets both in). The
 * series' cloud scope is the one the core uses: a one-minute fetch through the bridge made it.
 */
async function seedCache(app: RunningApp, deviceId: string): Promise<Seeded> {
  const now = Date.now()
  const args = { deviceId, properties: [PROPERTY], fromMs: now - 3 * DAY, toMs: now - 3 * DAY + 60_000, events: false }
  const made = await app.desk.dispatch('history.fetch', args)
  if (!made.ok) throw new Error(`history.fetch failed: ${made.error.message}`)
  const { db } = openDeskDatabase(app.dataDir)
  try {
    const scope = db.prepare('SELECT scope FROM history_series WHERE device_id = ? AND property = ?').pluck().get(deviceId, PROPERTY) as string
    const cache = new HistoryCache(db, Date.now)
    cache.clear()
    // The page opens within a minute or two: its 30 days start a little after these.
    const span = { fromMs: now - 30 * DAY - 3_600_000, toMs: now - 10 * 60_000 }
    const fromMs = now - 30 * DAY + 5 * 60_000
    const step = (span.toMs - fromMs) / POINTS
    const times = Float64Array.from({ length: POINTS }, (_, i) => Math.floor(fromMs + i * step))
    const values = Float64Array.from({ length: POINTS }, (_, i) => Math.round((22 + 4 * Math.sin((2 * Math.PI * (times[i] as number)) / DAY) + ((i * 7919) % 13) / 10) * 10) / 10)
    cache.store([{ seriesId: cache.seriesId({ scope, deviceId, property: PROPERTY }), spans: [span], points: { times, values } }])
    return span
  } finally {
    db.close()
  }
}

/** The core's parts, measured in Node on the same cache: the cache read, the whole command, and the two wire forms. */
async function coreFigures(app: RunningApp, deviceId: string, seeded: Seeded) {
  const { db } = openDeskDatabase(app.dataDir)
  const cache = new HistoryCache(db, Date.now)
  const seriesId = db.prepare('SELECT id FROM history_series WHERE device_id = ? AND property = ?').pluck().get(deviceId, PROPERTY) as number
  const reads = await repeat(3, async () => cache.readPoints(seriesId, seeded))
  db.close()
  const now = Date.now()
  const args = { deviceId, properties: [PROPERTY], fromMs: now - 30 * DAY, toMs: now, events: true }
  let answer: HistoryFetchResult | null = null
  const fetches = await repeat(3, async () => {
    const reply = await app.desk.dispatch('history.fetch', args)
    if (!reply.ok) throw new Error(`history.fetch failed: ${reply.error.message}`)
    answer = reply.result as HistoryFetchResult
  })
  const message = { type: 'result', id: 1, result: { ok: true, result: answer } }
  const binary = await repeat(3, async () => {
    const frame = encodeBinaryFrame(message)!
    decodeBinaryFrame(frame.buffer as ArrayBuffer)
  })
  const asJson = { ...message, result: { ok: true, result: { ...answer!, series: answer!.series.map((s) => ({ ...s, times: Array.from(s.times), values: Array.from(s.values) })) } } }
  let jsonBytes = 0
  const json = await repeat(3, async () => {
    const text = JSON.stringify(asJson)
    jsonBytes = Buffer.byteLength(text)
    JSON.parse(text)
  })
  const rawBytes = answer!.series.reduce((sum, s) => sum + 8 * (s.times.length + s.values.length), 0)
  return { cacheReadMs: reads, coreMs: fetches, binaryCodecMs: binary, jsonCodecMs: json, jsonBytes, rawBytes }
}


/** Every history.fetch's time in the core, as the web host calls it (it looks dispatch up per call). */
function timeCore(app: RunningApp): number[] {
  const samples: number[] = []
  const dispatch = app.desk.dispatch.bind(app.desk)
  app.desk.dispatch = async (command, args) => {
    const started = performance.now()
    const result = await dispatch(command, args)
    if (command === 'history.fetch') samples.push(performance.now() - started)
    return result
  }
  return samples
}

/** The median time of `times` runs of `work`. */
async function repeat(times: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await work()
    samples.push(performance.now() - started)
  }
  return percentile(samples, 50)
}

/**
 * In the page: notes when history.fetch leaves (the app's socket's send) and when a binary
 * frame arrives (the message event's own timestamp: before the app's handlers run); then
 * waits for the chart to say it is drawn. A string, not a function: the bench runs through
 * tsx, whose helpers do not exist in the page.
 */
const INSTALL_HOOKS = `(() => {
  const bench = { sentAt: 0, arrivedAt: 0, frameBytes: 0, hooked: new WeakSet(), tasks: [] }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push([Math.round(e.startTime), Math.round(e.duration)])
  }).observe({ type: 'longtask' })
  const send = WebSocket.prototype.send
  WebSocket.prototype.send = function (data) {
    if (!bench.hooked.has(this)) {
      bench.hooked.add(this)
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && bench.sentAt > 0 && bench.arrivedAt === 0) {
          bench.arrivedAt = event.timeStamp
          bench.frameBytes = event.data.byteLength
        }
      })
    }
    if (typeof data === 'string' && data.includes('"history.fetch"')) {
      bench.sentAt = performance.now()
      bench.arrivedAt = 0
    }
    return send.call(this, data)
  }
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
  const chart = () => document.querySelector('[data-testid="history-chart"]')
  window.__historyBench = {
    async drawn(points) {
      for (;;) {
        const el = chart()
        if (el && Number(el.dataset.pointCount) >= points * 0.99 && el.dataset.rendered === 'true' && bench.arrivedAt > 0) break
        await frame()
      }
      await frame()
      const tasks = bench.tasks.filter(([start]) => start >= bench.sentAt).map(([start, ms]) => [start - bench.sentAt, ms])
      return { sentAt: bench.sentAt, arrivedAt: bench.arrivedAt, drawnAt: performance.now(), frameBytes: bench.frameBytes, points: Number(chart().dataset.pointCount), tasks }
    },
    async zoom(keys) {
      const samples = []
      chart().focus()
      for (const key of keys) {
        await frame()
        const started = performance.now()
        chart().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
        await frame()
        await frame()
        samples.push(performance.now() - started)
      }
      return samples
    },
  }
})()`
