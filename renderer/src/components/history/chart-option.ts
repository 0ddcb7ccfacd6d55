/**
 * The ECharts option of a history plot. Lines are LTTB-sampled and step lines min/max
 * sampled to the pixels they cover, so a million points draw as a few thousand; zooming
 * filters to the window and samples again. Nothing here touches Vue reactivity.
 */
import type { ChartTheme } from './chart-theme'
import type { PlotAxis, PlotModel, PlotSeries } from '@/utils/history-series'
import { nearestIndex, pointLabel } from '@/utils/history-series'

/** An event of one device, for a marker. */
export interface EventMarker {
  timeMs: number
  deviceLabel: string
  /** The template's event name (or its id). */
  name: string
  type: string
  data: string
}

export interface ChartTexts {
  event: string
  /** Legend name of the markers of one event type. */
  eventType(type: EventType): string
  formatTime(ms: number): string
}

const AXIS_GAP = 56
export const EVENT_TYPES = ['info', 'alert', 'fault', 'other'] as const
export type EventType = (typeof EVENT_TYPES)[number]

export function eventTypeOf(type: string): EventType {
  return type === 'info' || type === 'alert' || type === 'fault' ? type : 'other'
}

export interface ChartInput {
  plot: PlotModel
  events: readonly EventMarker[]
  fromMs: number
  toMs: number
  theme: ChartTheme
  texts: ChartTexts
  /** The zoom window in percent of the range (default all of it), set with the data: zooming by an action after it would filter a million points twice. */
  zoom?: { start: number; end: number }
}

export function chartOption(input: ChartInput): Record<string, unknown> {
  const { plot, theme } = input
  const sides = axisSides(plot.axes)
  const left = sides.filter((s) => s.side === 'left').length
  const right = sides.filter((s) => s.side === 'right').length
  const eventAxis = plot.axes.length
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: theme.palette,
    textStyle: { color: theme.text },
    grid: { left: 24 + Math.max(1, left) * AXIS_GAP, right: 24 + right * AXIS_GAP, top: 48, bottom: 72 },
    legend: { type: 'scroll', top: 4, textStyle: { color: theme.text }, pageTextStyle: { color: theme.textMuted } },
    tooltip: tooltipOption(input),
    xAxis: {
      type: 'time',
      min: input.fromMs,
      max: input.toMs,
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.textMuted, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: [...plot.axes.map((axis, i) => yAxisOption(axis, sides[i] as AxisSide, theme)), eventAxisOption()],
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'filter', ...zoomOf(input) },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'filter',
        ...zoomOf(input),
        bottom: 12,
        height: 28,
        // The shadow is drawn by point index, not time: sparse spans would look full.
        showDataShadow: false,
        textStyle: { color: theme.textMuted },
        borderColor: theme.border,
        labelFormatter: (value: number) => input.texts.formatTime(value),
      },
    ],
    brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', transformable: false, brushStyle: { color: theme.brush, borderColor: theme.palette[0] }, toolbox: [] },
    series: [...plot.series.map((s) => seriesOption(s)), ...eventSeries(input, eventAxis)],
  }
}

const zoomOf = ({ zoom }: ChartInput) => ({ start: zoom?.start ?? 0, end: zoom?.end ?? 100 })

interface AxisSide {
  side: 'left' | 'right'
  offset: number
}

/** Number and step axes alternate left and right, each side stacking outwards. */
function axisSides(axes: readonly PlotAxis[]): AxisSide[] {
  let left = 0
  let right = 0
  return axes.map((axis) => {
    if (axis.kind === 'mark') return { side: 'left', offset: 0 }
    const side = left <= right ? 'left' : 'right'
    const offset = (side === 'left' ? left++ : right++) * AXIS_GAP
    return { side, offset }
  })
}

function yAxisOption(axis: PlotAxis, place: AxisSide, theme: ChartTheme): Record<string, unknown> {
  const common = {
    position: place.side,
    offset: place.offset,
    axisLine: { show: true, lineStyle: { color: theme.border } },
    axisLabel: { color: theme.textMuted },
    nameTextStyle: { color: theme.textMuted },
    splitLine: { show: place.offset === 0 && place.side === 'left', lineStyle: { color: theme.border, type: 'dashed' } },
  }
  if (axis.kind === 'mark') return { type: 'value', show: false, min: -0.5, max: Math.max(0.5, axis.rows.length - 0.5) }
  if (axis.kind === 'line') return { ...common, type: 'value', scale: true, name: axis.unit }
  const labels = new Map(axis.ticks.map((t) => [t.value, t.label]))
  const values = axis.ticks.map((t) => t.value)
  return {
    ...common,
    type: 'value',
    min: Math.min(...values, 0),
    max: Math.max(...values, 1),
    interval: 1,
    axisLabel: { color: theme.textMuted, formatter: (v: number) => labels.get(v) ?? '' },
  }
}

/** Event markers ride a hidden 0..1 axis near the top of the grid. */
function eventAxisOption(): Record<string, unknown> {
  return { type: 'value', show: false, min: 0, max: 1 }
}

function seriesOption(s: PlotSeries): Record<string, unknown> {
  const common = { name: s.name, yAxisIndex: s.axisIndex, data: s.xy, dimensions: ['time', 'value'], encode: { x: 0, y: 1 } }
  if (s.kind === 'mark') {
    return { ...common, type: 'scatter', symbol: 'diamond', symbolSize: 8, large: true, largeThreshold: 5000 }
  }
  return {
    ...common,
    type: 'line',
    step: s.kind === 'step' ? 'end' : false,
    sampling: s.kind === 'step' ? 'minmax' : 'lttb',
    showSymbol: false,
    symbol: 'circle',
    lineStyle: { width: 1.5 },
    large: true,
    progressive: 20_000,
    progressiveThreshold: 100_000,
    connectNulls: false,
  }
}

function eventSeries({ events, theme, texts }: ChartInput, axisIndex: number): Record<string, unknown>[] {
  return EVENT_TYPES.flatMap((type) => {
    const marks = events.filter((e) => eventTypeOf(e.type) === type)
    if (marks.length === 0) return []
    return [
      {
        id: `events:${type}`,
        name: texts.eventType(type),
        type: 'scatter',
        yAxisIndex: axisIndex,
        symbol: 'pin',
        symbolSize: 18,
        itemStyle: { color: theme.events[type] },
        data: marks.map((e) => ({ value: [e.timeMs, 0.95], event: e })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: theme.events[type], type: 'dotted', width: 1, opacity: 0.6 },
          data: marks.map((e) => ({ xAxis: e.timeMs })),
        },
      },
    ]
  })
}

interface TooltipParam {
  seriesIndex: number
  value: unknown
  axisValue?: number
  data?: unknown
  marker?: string
}

function tooltipOption(input: ChartInput): Record<string, unknown> {
  const { theme } = input
  return {
    trigger: 'axis',
    confine: true,
    backgroundColor: theme.tooltipBackground,
    borderColor: theme.border,
    textStyle: { color: theme.text },
    axisPointer: { type: 'line', lineStyle: { color: theme.textMuted } },
    formatter: (params: TooltipParam | TooltipParam[]) => tooltipHtml(input, Array.isArray(params) ? params : [params]),
  }
}

/** Exact time and value of each series at the pointer (labels for enums), events listed below. */
export function tooltipHtml(input: Pick<ChartInput, 'plot' | 'texts'>, params: readonly TooltipParam[]): string {
  const first = params[0]
  if (!first) return ''
  const lines: string[] = []
  for (const p of params) {
    const series = input.plot.series[p.seriesIndex]
    if (series) lines.push(seriesLine(series, p, input.texts))
    else {
      const event = (p.data as { event?: EventMarker } | undefined)?.event
      if (event) lines.push(`${p.marker ?? ''}${escapeHtml(`${input.texts.event}: ${event.deviceLabel} · ${event.name} (${event.type})`)}<br/><small>${escapeHtml(event.data)}</small>`)
    }
  }
  const time = timeOf(first)
  return `<b>${escapeHtml(Number.isFinite(time) ? input.texts.formatTime(time) : '')}</b><br/>${lines.join('<br/>')}`
}

function timeOf(p: TooltipParam): number {
  const value = Array.isArray(p.value) ? p.value[0] : (p.data as { value?: unknown[] } | undefined)?.value?.[0]
  return typeof value === 'number' ? value : Number(p.axisValue)
}

/** The series' reported value nearest the pointer, with that report's own exact time. */
function seriesLine(series: PlotSeries, p: TooltipParam, texts: ChartTexts): string {
  const i = nearestIndex(series.times, timeOf(p))
  if (i < 0) return ''
  const text = series.kind === 'mark' ? (series.texts?.[i] ?? '') : pointLabel(series, series.values[i] as number | string)
  return `${p.marker ?? ''}${escapeHtml(`${series.name}: ${text}`)} <small>${escapeHtml(texts.formatTime(series.times[i] as number))}</small>`
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
