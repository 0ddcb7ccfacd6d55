/// <reference lib="dom" />
/**
 * `npm run bench -- ui`: the device list in Chromium (browser mode) with 10,000 devices in
 * one family, then 2,000 property pushes/s for 60 s while the list is on screen.
 * - devices.list_load_ms: from opening the family to its 10,000 rows counted, at 20 ms
 *   injected latency on every cloud call
 * - ui.filter_text_ms: median time from a search keystroke to the next frame with the
 *   filtered rows, right after the list loaded (the devices suite's devices.filter_ms times
 *   every kind of filter)
 * - ui.long_tasks_over_50ms: long tasks (PerformanceObserver 'longtask') during the push run,
 *   less those overlapping the bench's own forced GC at 5 s (reported apart as
 *   ui.long_tasks_in_forced_gc: that pause is the heap reading's, not the app's)
 * - ui.push_to_dom_p95_ms: probe reports on rows in view, from the sandbox's report to the
 *   first frame showing the value (same machine clock on both sides)
 * - ui.heap_growth_mb: JS heap after 60 s of pushes minus after 5 s (both after a forced GC)
 * UI_BENCH_DEBUG=1 also prints the long tasks and the page's hottest functions (CPU profile).
 */
import type { Page } from 'playwright-core'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import type { ThingProperty } from '../../electron/sandbox/world/thing-model'
import { signInAsDemo, startApp, type RunningApp } from '../support/app'
import { percentile, report } from './report'

// Overridable for a quick look (UI_BENCH_DEVICES=1000 UI_BENCH_SECONDS=10); the figures quoted use the defaults.
const DEVICES = Number(process.env.UI_BENCH_DEVICES ?? 10_000)
const PER_SECOND = 2_000
const SECONDS = Number(process.env.UI_BENCH_SECONDS ?? 60)
const LATENCY_MS = 20
/** Probe reports per second, on rows in view (part of the 2,000). */
const PROBES_PER_SECOND = 10

interface Probe {
  deviceId: string
  propId: string
  min: number
  span: number
  next: number
}

export async function uiBench(): Promise<void> {
  const app = await startApp({
    sandbox: { devices: DEVICES, oneFamily: true, simulate: false, historyDays: 0, latencyMs: LATENCY_MS },
  })
  try {
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    report('devices.list_load_ms', await measureListLoad(app), 'ms')
    report('ui.filter_text_ms', await measureFilter(app.page), 'ms')
    await pushRun(app)
  } finally {
    await app.close()
  }
}

async function measureListLoad(app: RunningApp): Promise<number> {
  const home = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const started = Date.now()
  await app.page.locator(`[data-testid="family-row"]`, { hasText: home.name }).first().click()
  await app.page.waitForFunction((n) => document.querySelector('[data-testid="device-count-total"]')?.textContent === String(n), DEVICES, {
    timeout: 120_000,
    polling: 'raf',
  })
  await app.page.getByTestId('device-row').first().waitFor()
  return Date.now() - started
}

/** Types a search, waits for the frame after the rows change; then clears it again. */
async function measureFilter(page: Page): Promise<number> {
  const samples: number[] = []
  for (const term of ['light', 'sensor 1', 'plug', 'camera', 'gw', 'kitchen']) {
    samples.push(await page.evaluate(typeAndWait, term))
    samples.push(await page.evaluate(typeAndWait, ''))
  }
  return percentile(samples, 50)
}

/** Types a search into the device list, waits for the frame after the rows change. */
export async function typeAndWait(term: string): Promise<number> {
  const input = document.querySelector<HTMLInputElement>('input[data-testid="device-search"]')!
  const started = performance.now()
  input.value = term
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  return performance.now() - started
}

async function pushRun(app: RunningApp): Promise<void> {
  const { page } = app
  // Sorted by product, last first: gateways and sensors lead, whose values include numbers to probe with.
  await page.evaluate(() => (location.hash = `${location.hash.split('?')[0]}?sort=product&order=desc`))
  await page.waitForFunction(() => document.querySelector('[data-testid="device-row"]')?.getAttribute('data-row-index') === '0')
  await page.evaluate(INSTALL_OBSERVERS)
  const probes = await findProbes(app)
  if (probes.length === 0) throw new Error('No row in view shows a numeric live value to probe.')
  const background = backgroundReports(app, new Set(probes.map((p) => p.deviceId)))
  const sends: [string, string, number][] = []
  const cdp = await page.context().newCDPSession(page)
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    return (await cdp.send('Runtime.getHeapUsage')).usedSize
  }
  await page.evaluate(() => ((window as unknown as { __bench: BenchWindow }).__bench.tasks = []))

  if (process.env.UI_BENCH_DEBUG) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  const started = Date.now()
  let sent = 0
  let probeTurn = 0
  let heapAt5s: number | null = null
  /** When the bench itself forced a collection mid-run (epoch ms): its pause is not the app's. */
  let gcWindow: [number, number] = [0, 0]
  await new Promise<void>((resolve) => {
    let tick = 0
    const timer = setInterval(() => {
      const due = Math.min(SECONDS * 100, Math.floor((Date.now() - started) / 10) + 1)
      for (; tick < due; tick++) {
        const probing = tick % (100 / PROBES_PER_SECOND) === 0
        for (let i = 0; i < PER_SECOND / 100; i++) {
          if (probing && i === 0) {
            const probe = probes[probeTurn++ % probes.length]!
            const value = probe.min + (probe.next++ % probe.span)
            app.sandbox.control.reportProperties(probe.deviceId, { [probe.propId]: value })
            sends.push([`${probe.deviceId}|${probe.propId}`, String(value), Date.now()])
          } else {
            background()
          }
          sent++
        }
      }
      if (tick >= SECONDS * 100) {
        clearInterval(timer)
        resolve()
      }
    }, 10)
    setTimeout(() => {
      const gcStart = Date.now()
      void heap().then((h) => {
        heapAt5s = h
        gcWindow = [gcStart, Date.now()]
      })
    }, 5_000)
  })
  const elapsedMs = Date.now() - started
  if (process.env.UI_BENCH_DEBUG) {
    const { profile } = await cdp.send('Profiler.stop')
    const self = new Map<string, number>()
    const dt = profile.timeDeltas ?? []
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    ;(profile.samples ?? []).forEach((id, i) => {
      const n = byId.get(id)!
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000)
    })
    console.error([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'))
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500)) // the last batches
  const heapAtEnd = await heap()
  const result = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: BenchWindow }).__bench
    return { changes: bench.changes, tasks: bench.tasks.map(([start, ms]) => [start + performance.timeOrigin, ms] as [number, number]) }
  })
  const inForcedGc = result.tasks.filter(([start, ms]) => start < gcWindow[1] && start + ms > gcWindow[0]).length

  if (process.env.UI_BENCH_DEBUG) console.error('long tasks [start, ms]', JSON.stringify(result.tasks), 'probes', probes.length)
  const latencies = probeLatencies(sends, result.changes)
  report('ui.pushes_sent', sent, 'pushes')
  report('ui.push_rate_per_s', Math.round(sent / (elapsedMs / 1000)), 'pushes/s')
  report('ui.long_tasks_over_50ms', result.tasks.length - inForcedGc, 'tasks')
  report('ui.long_tasks_in_forced_gc', inForcedGc, 'tasks')
  report('ui.push_to_dom_p50_ms', percentile(latencies, 50), 'ms')
  report('ui.push_to_dom_p95_ms', percentile(latencies, 95), 'ms')
  report('ui.push_to_dom_seen_ratio', latencies.length / Math.max(1, sends.length), 'ratio')
  report('ui.heap_growth_mb', (heapAtEnd - (heapAt5s ?? heapAtEnd)) / 1_048_576, 'MB')
}

export interface BenchWindow {
  /** Long tasks: [startTime (page clock), duration ms]. */
  tasks: [number, number][]
  /** Every change of a live value on screen: [`deviceId|propId`, value, Date.now() of the frame]. */
  changes: [string, string, number][]
}

/**
 * In the page: count long tasks, and each frame note which live values are on screen.
 * A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
 */
export const INSTALL_OBSERVERS = `(() => {
  const bench = { tasks: [], last: new Map(), changes: [] }
  window.__bench = bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push([Math.round(e.startTime), Math.round(e.duration)])
  }).observe({ type: 'longtask' })
  const frame = () => {
    const now = Date.now()
    for (const cell of document.querySelectorAll('[data-testid="device-prop"]')) {
      const row = cell.closest('[data-testid="device-row"]')
      const key = (row ? row.dataset.deviceId : '') + '|' + cell.dataset.propId
      const value = cell.dataset.value
      if (bench.last.get(key) !== value) {
        bench.last.set(key, value)
        bench.changes.push([key, value, now])
      }
    }
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
})()`

/**
 * For each probe report that was shown, the time until its cell first showed that value.
 * A change is the work of the latest report of that value to that cell before it: a report
 * lost on the way (a dropped connection) is not shown at all, and must not borrow the
 * latency of the next report of the same value, which a cycle of values brings round a
 * minute later. Lost reports lower the seen ratio instead.
 */
export function probeLatencies(sends: [string, string, number][], changes: [string, string, number][]): number[] {
  const sentAt = new Map<string, number[]>() // cell and value -> report times, in order
  for (const [cell, value, at] of sends) (sentAt.get(`${cell}\u0000${value}`) ?? sentAt.set(`${cell}\u0000${value}`, []).get(`${cell}\u0000${value}`)!).push(at)
  const shown = new Map<string, number>() // report (cell, value, index) -> latency
  for (const [cell, value, at] of changes) {
    const key = `${cell}\u0000${value}`
    const times = sentAt.get(key)
    if (!times) continue
    let i = times.length - 1
    while (i >= 0 && times[i]! > at + 5) i--
    if (i >= 0 && !shown.has(`${key}\u0000${i}`)) shown.set(`${key}\u0000${i}`, Math.max(0, at - times[i]!))
  }
  return [...shown.values()]
}

/** Rows in view whose live values include a number with room to change (int or float). */
async function findProbes(app: RunningApp): Promise<Probe[]> {
  // The products' thing models arrive just after the list: wait for the value cells.
  await app.page.locator('[data-testid="device-prop"]').first().waitFor({ timeout: 30_000 })
  const cells = await app.page.locator('[data-testid="device-prop"]').evaluateAll((els) =>
    els.map((el) => ({ deviceId: el.closest<HTMLElement>('[data-testid="device-row"]')?.dataset.deviceId ?? '', propId: el.getAttribute('data-prop-id') ?? '' })),
  )
  const probes: Probe[] = []
  for (const { deviceId, propId } of cells) {
    const define = numericDefine(app, deviceId, propId)
    if (define) probes.push({ deviceId, propId, ...define, next: 1 })
  }
  return probes
}

function numericDefine(app: RunningApp, deviceId: string, propId: string): { min: number; span: number } | null {
  const device = app.sandbox.world.devices.get(deviceId)
  const property = device && app.sandbox.world.products.get(device.productId)?.dataTemplate.properties.find((p) => p.id === propId)
  const define = property?.define
  if (!define || (define.type !== 'int' && define.type !== 'float')) return null
  const min = Math.ceil(Number(define.min))
  const span = Math.min(50, Math.floor(Number(define.max)) - min + 1)
  return span >= 2 ? { min, span } : null
}

/** Reports on every other device of the family, round robin, each on a numeric or bool property. */
function backgroundReports(app: RunningApp, probed: ReadonlySet<string>): () => void {
  const targets: { deviceId: string; property: ThingProperty }[] = []
  const home = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  for (const device of app.sandbox.world.devicesIn(home.familyId)) {
    if (probed.has(device.deviceId)) continue // a background value must never pass for a probe's
    const properties = app.sandbox.world.products.get(device.productId)?.dataTemplate.properties ?? []
    const property = properties.find((p) => p.define.type === 'int' || p.define.type === 'float') ?? properties.find((p) => p.define.type === 'bool')
    if (property) targets.push({ deviceId: device.deviceId, property })
  }
  let next = 0
  return () => {
    const { deviceId, property } = targets[next++ % targets.length]!
    const define = property.define
    const value = define.type === 'bool' ? next % 2 : Math.ceil(Number((define as { min: string }).min)) + (next % 2)
    app.sandbox.control.reportProperties(deviceId, { [property.id]: value })
  }
}
