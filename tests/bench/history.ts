/**
 * `npm run bench -- history`: property history through the core (fetch engine, cache,
 * dispatcher) from a sandbox cloud in a child process with 40 ms injected latency.
 * The densest series the sandbox has is a sensor's temperature or humidity, one report
 * every 5 minutes: 25,920 points in its 90 days. So the 100,000+ points are two sensors'
 * temperature and humidity over the same 90 days (4 series, 103,000-odd points), fetched as
 * one history.fetch per sensor, the two one after the other.
 * - history.points: points in the range (history.events: the events fetched with them)
 * - history.sequential_ms: every page one after another (segments 1)
 * - history.segmented_ms: the same with 8 segments (8 requests in flight), cache empty
 * - history.segmented_speedup: sequential / segmented (target >= 6)
 * - history.cached_reopen_ms: the same range again, answered from the SQLite cache (target <= 200 ms)
 * Then the chart in Chromium (history-chart.ts): history.render_1m_ms, history.zoom_ms.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import type { HistoryFetchResult } from '../../shared/history'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { nextMessage, run, signInToCloud } from './bench-cloud'
import { historyChartBench } from './history-chart'
import { report } from './report'

const DAY = 86_400_000
const SENSORS = 2
const PROPERTIES = ['temperature', 'humidity']

interface Ready {
  url: string
  appKey: string
  appSecret: string
  startMs: number
  historyDays: number
  sensors: string[]
}

export async function historyBench(): Promise<void> {
  const cloud = fork(join(import.meta.dirname, 'history-cloud.ts'), { execArgv: ['--import', 'tsx'] })
  const ready = await nextMessage<Ready>(cloud, 'ready')
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-'))
  const desk = await createDesk(
    { mode: 'web', version: 'bench', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
    { logger: pino({ level: 'silent' }) },
  )
  try {
    await signInToCloud(desk, ready)
    const deviceIds = ready.sensors.slice(0, SENSORS)
    if (deviceIds.length < SENSORS) throw new Error(`the sandbox has ${deviceIds.length} sensors with 90 days of history, not ${SENSORS}`)
    // The whole backfill but its first hour, and before the unsettled last minutes: all of it cacheable.
    const range = { fromMs: ready.startMs - ready.historyDays * DAY + 3_600_000, toMs: ready.startMs - 10 * 60_000 }
    const fetchAll = (segments: number) => timed(() => fetchSensors(desk, deviceIds, range, segments))

    await fetchSensors(desk, deviceIds, { fromMs: range.toMs - DAY, toMs: range.toMs }, 8) // warm up JIT and connections
    await run(desk, 'history.clearCache', {})
    const sequential = await fetchAll(1)
    await run(desk, 'history.clearCache', {})
    const segmented = await fetchAll(8)
    const reopened = await fetchAll(8)

    const points = count(segmented.results)
    if (count(sequential.results) !== points || count(reopened.results) !== points) throw new Error('the three runs disagree on the points')
    if (reopened.results.some((r) => r.fetched.pages > 0)) throw new Error('the reopened range made requests')
    report('history.points', points, 'points')
    report('history.events', segmented.results.reduce((n, r) => n + r.events.length, 0), 'events')
    report('history.pages_sequential', sequential.results.reduce((n, r) => n + r.fetched.pages, 0), 'pages')
    report('history.sequential_ms', Math.round(sequential.ms), 'ms')
    report('history.segmented_ms', Math.round(segmented.ms), 'ms')
    report('history.segmented_speedup', sequential.ms / segmented.ms, 'x')
    report('history.cached_reopen_ms', Math.round(reopened.ms), 'ms')
  } finally {
    await desk.close()
    cloud.send({ type: 'stop' })
    rmSync(dataDir, { recursive: true, force: true })
  }
  await historyChartBench()
}

async function fetchSensors(desk: Desk, deviceIds: string[], range: { fromMs: number; toMs: number }, segments: number): Promise<HistoryFetchResult[]> {
  const results: HistoryFetchResult[] = []
  for (const deviceId of deviceIds) results.push(await run(desk, 'history.fetch', { deviceId, properties: PROPERTIES, ...range, segments }))
  return results
}

function count(results: HistoryFetchResult[]): number {
  return results.reduce((n, r) => n + r.series.reduce((m, s) => m + s.times.length, 0), 0)
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; results: T }> {
  const started = performance.now()
  const results = await work()
  return { ms: performance.now() - started, results }
}

