/**
 * How property history is plotted, decided from the thing model alone (no chart library
 * here, so it is testable and shared with the benchmark page):
 * - numbers (int, float, timestamp) are lines, one y-axis per unit;
 * - bool, enum and stringenum are step lines on an axis labelled with the mapping
 *   (properties with the same mapping share it);
 * - strings and structs are marks on one strip, their text in the tooltip.
 * Points arrive as typed columns (shared/history.ts) and are packed once into a flat
 * Float64Array [t0, y0, t1, y1, …]: a million points never become a million objects, and
 * ECharts reads the typed array as it is.
 */
import type { PropertySpec, ScalarSpec } from '@shared/thing-model'
import { valueLabel } from '@shared/thing-model'

export type PlotKind = 'line' | 'step' | 'mark'

/** One property of one device as fetched (parallel arrays, times ascending). */
export interface HistoryInput {
  deviceId: string
  deviceLabel: string
  property: PropertySpec
  times: ArrayLike<number>
  values: ArrayLike<number | string>
}

export interface PlotAxis {
  /** 'unit:°C', 'map:{…}' or 'marks'. */
  key: string
  kind: PlotKind
  /** The unit for number axes ('' when the template has none). */
  unit: string
  /** Step axes: y position → label, in order. */
  ticks: { value: number; label: string }[]
  /** Mark axes: row → series name. */
  rows: string[]
}

export interface PlotSeries {
  name: string
  deviceId: string
  deviceLabel: string
  property: PropertySpec
  kind: PlotKind
  axisIndex: number
  /** [t, y] pairs, flat. */
  xy: Float64Array
  /** Mark series: the text of each point (y is the strip row). */
  texts: string[] | null
  /** The source arrays, kept for exact tooltips and CSV (never copied). */
  times: ArrayLike<number>
  values: ArrayLike<number | string>
}

export interface PlotModel {
  axes: PlotAxis[]
  series: PlotSeries[]
  pointCount: number
}

const STEP_TYPES = new Set(['bool', 'enum', 'stringenum'])
const LINE_TYPES = new Set(['int', 'float', 'timestamp'])

export function plotKind(property: PropertySpec): PlotKind {
  const type = property.spec.type
  if (LINE_TYPES.has(type)) return 'line'
  if (STEP_TYPES.has(type)) return 'step'
  return 'mark'
}

/** Mapping keys in plotting order: numeric keys by value, stringenum keys as listed. */
function stepTicks(spec: ScalarSpec): { value: number; label: string; raw: string }[] {
  const keys = Object.keys(spec.mapping)
  if (spec.type === 'stringenum') return keys.map((raw, i) => ({ value: i, label: spec.mapping[raw] || raw, raw }))
  const numeric = keys.filter((k) => Number.isFinite(Number(k))).sort((a, b) => Number(a) - Number(b))
  if (numeric.length === 0 && spec.type === 'bool') return [{ value: 0, label: '0', raw: '0' }, { value: 1, label: '1', raw: '1' }]
  return numeric.map((raw) => ({ value: Number(raw), label: spec.mapping[raw] || raw, raw }))
}

function axisKey(property: PropertySpec, kind: PlotKind): string {
  if (kind === 'mark') return 'marks'
  if (kind === 'line') return `unit:${property.spec.unit}`
  return `map:${property.spec.type === 'stringenum' ? 's' : 'n'}:${JSON.stringify((property.spec as ScalarSpec).mapping)}`
}

/** Series display name: the property's template name, with the device when comparing. */
export function seriesName(input: Pick<HistoryInput, 'deviceLabel' | 'property'>, compare: boolean): string {
  return compare ? `${input.deviceLabel} · ${input.property.name}` : input.property.name
}

/** The plot of the fetched history: axes shared by unit or mapping, one series per input. */
export function buildPlot(inputs: readonly HistoryInput[]): PlotModel {
  const compare = new Set(inputs.map((i) => i.deviceId)).size > 1
  const axes: PlotAxis[] = []
  const axisAt = new Map<string, number>()
  const series: PlotSeries[] = []
  let pointCount = 0
  for (const input of inputs) {
    const kind = plotKind(input.property)
    const key = axisKey(input.property, kind)
    let axisIndex = axisAt.get(key)
    if (axisIndex === undefined) {
      axisIndex = axes.length
      axisAt.set(key, axisIndex)
      const ticks = kind === 'step' ? stepTicks(input.property.spec as ScalarSpec).map(({ value, label }) => ({ value, label })) : []
      axes.push({ key, kind, unit: kind === 'line' ? input.property.spec.unit : '', ticks, rows: [] })
    }
    const axis = axes[axisIndex] as PlotAxis
    const name = seriesName(input, compare)
    if (kind === 'mark') axis.rows.push(name)
    const packed = pack(input, kind, kind === 'mark' ? axis.rows.length - 1 : 0)
    pointCount += input.times.length
    series.push({ name, deviceId: input.deviceId, deviceLabel: input.deviceLabel, property: input.property, kind, axisIndex, ...packed, times: input.times, values: input.values })
  }
  return { axes, series, pointCount }
}

function pack(input: HistoryInput, kind: PlotKind, row: number): { xy: Float64Array; texts: string[] | null } {
  const n = input.times.length
  const xy = new Float64Array(n * 2)
  const y = yOf(input.property, kind, row)
  for (let i = 0; i < n; i++) {
    xy[2 * i] = input.times[i] as number
    xy[2 * i + 1] = y(input.values[i] as number | string)
  }
  return { xy, texts: kind === 'mark' ? Array.from(input.values, (v) => valueLabel(input.property.spec, v)) : null }
}

/** The y of a raw value: itself for numbers, its tick for stringenums, the row for marks. */
function yOf(property: PropertySpec, kind: PlotKind, row: number): (value: number | string) => number {
  if (kind === 'mark') return () => row
  if (property.spec.type === 'stringenum') {
    const index = new Map(stepTicks(property.spec).map((t) => [t.raw, t.value]))
    return (value) => index.get(String(value)) ?? Number.NaN
  }
  return (value) => (typeof value === 'number' ? value : Number.NaN)
}

/** What a point shows in a tooltip: the mapping's label for bool/enum, the unit for numbers. */
export function pointLabel(series: Pick<PlotSeries, 'property' | 'kind'>, value: number | string): string {
  const spec = series.property.spec
  const text = valueLabel(spec, value)
  if (series.kind === 'line' && spec.unit) return `${text} ${spec.unit}`
  if (series.kind === 'step' && text !== String(value)) return `${text} (${value})`
  return text
}

/** Index of the first time >= t in an ascending array. */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((times[mid] as number) < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The point nearest to t (for tooltips), or -1 for an empty series. */
export function nearestIndex(times: ArrayLike<number>, t: number): number {
  if (times.length === 0) return -1
  const i = lowerBound(times, t)
  if (i === 0) return 0
  if (i === times.length) return i - 1
  return t - (times[i - 1] as number) <= (times[i] as number) - t ? i - 1 : i
}
