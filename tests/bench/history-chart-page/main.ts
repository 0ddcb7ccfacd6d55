/**
 * The history view's own chart modules (series packing, ECharts option, tree-shaken
 * ECharts) driven in Chromium with a million points, the way HistoryView drives them when
 * a history.fetch answer arrives: parallel times[]/values[] arrays in, chart drawn out.
 */
import 'element-plus/theme-chalk/el-var.css'
import { buildPlot, type HistoryInput } from '@/utils/history-series'
import { chartOption, type EventMarker } from '@/components/history/chart-option'
import { readChartTheme } from '@/components/history/chart-theme'
import { echarts } from '@/components/history/echarts'
import type { PropertySpec } from '@shared/thing-model'

const DAY = 86_400_000
const temperature: PropertySpec = {
  id: 'temperature',
  name: 'Temperature',
  desc: '',
  mode: 'r',
  spec: { type: 'float', mapping: {}, unit: '°C', min: -40, max: 85, step: 0.1 },
}

/** A wandering daily curve, like the sandbox's sensors but dense: n points over `days`. */
function makeSeries(n: number, toMs: number, days: number): { times: number[]; values: number[] } {
  const fromMs = toMs - days * DAY
  const times = new Array<number>(n)
  const values = new Array<number>(n)
  let drift = 0
  let seed = 12345
  for (let i = 0; i < n; i++) {
    const t = fromMs + Math.floor((i * days * DAY) / n)
    seed = (seed * 1103515245 + 12345) % 2147483648
    drift = drift * 0.9995 + (seed / 2147483648 - 0.5) * 0.05
    times[i] = t
    values[i] = Math.round((22 + 4 * Math.sin((2 * Math.PI * t) / DAY) + drift) * 10) / 10
  }
  return { times, values }
}

function makeEvents(count: number, fromMs: number, toMs: number): EventMarker[] {
  const types = ['info', 'alert', 'fault']
  return Array.from({ length: count }, (_, i) => ({
    timeMs: fromMs + Math.floor(((i + 0.5) * (toMs - fromMs)) / count),
    deviceLabel: 'Bench sensor',
    name: 'event',
    type: types[i % 3] as string,
    data: '{}',
  }))
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

interface Bench {
  render(points: number, days: number): Promise<{ ms: number; heapMb: number }>
  zoom(start: number, end: number): Promise<number>
}

let chart: echarts.ECharts | null = null
let finished: (() => void) | null = null

const bench: Bench = {
  async render(points, days) {
    chart?.dispose()
    chart = echarts.init(document.getElementById('chart'), undefined, { renderer: 'canvas' })
    chart.on('finished', () => finished?.())
    const toMs = Date.UTC(2026, 10, 1)
    const fromMs = toMs - days * DAY
    const { times, values } = makeSeries(points, toMs, days)
    const events = makeEvents(120, fromMs, toMs)
    await frame()
    const started = performance.now()
    const inputs: HistoryInput[] = [{ deviceId: 'P/bench', deviceLabel: 'Bench sensor', property: temperature, times, values }]
    const plot = buildPlot(inputs)
    const done = new Promise<void>((resolve) => (finished = resolve))
    chart.setOption(chartOption({ plot, events, fromMs, toMs, theme: readChartTheme(), texts: { event: 'Event', eventType: (t) => t, formatTime: (ms) => new Date(ms).toISOString() } }), { notMerge: true })
    await done
    await frame() // the frame that shows it
    const ms = performance.now() - started
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
    return { ms, heapMb: memory ? memory.usedJSHeapSize / 1e6 : Number.NaN }
  },
  async zoom(start, end) {
    if (!chart) throw new Error('render first')
    await frame()
    const started = performance.now()
    const done = new Promise<void>((resolve) => (finished = resolve))
    chart.dispatchAction({ type: 'dataZoom', start, end })
    await done
    await frame()
    return performance.now() - started
  },
}

;(window as unknown as { historyBench: Bench }).historyBench = bench
document.title = 'ready'
