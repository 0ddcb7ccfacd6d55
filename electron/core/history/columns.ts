/**
 * Points kept as two parallel arrays (times, values), never a million small objects. While
 * a fetch gathers pages they are plain arrays; a merged series leaves as typed arrays
 * (shared/history.ts): a Float64Array of times, and of values when every value is a number.
 */
import type { HistorySeriesColumns } from '../../../shared/history'
import type { Span } from './spans'

export type PointValue = number | string

/** Columns being gathered (a segment's pages). */
export interface Columns {
  times: number[]
  values: PointValue[]
}

/** Columns to read: arrays or typed arrays alike. */
export interface ColumnsView {
  times: ArrayLike<number>
  values: ArrayLike<PointValue>
}

/** Points of one span: what a segment fetched, or what the cache holds for a covered span. */
export interface Piece extends ColumnsView {
  span: Span
}

export const emptyColumns = (): Columns => ({ times: [], values: [] })

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/** The cloud sends every value as text: numbers become numbers, the rest stays text. */
export function parseValue(raw: unknown): PointValue {
  if (typeof raw === 'number') return raw
  if (typeof raw !== 'string') return JSON.stringify(raw) ?? ''
  const trimmed = raw.trim()
  return NUMBER.test(trimmed) ? Number(trimmed) : raw
}

/** Appends `from` onto `to` without spreading (a spread of 500k items overflows the stack). */
export function append(to: Columns, from: ColumnsView): void {
  for (let i = 0; i < from.times.length; i++) {
    to.times.push(from.times[i] as number)
    to.values.push(from.values[i] as PointValue)
  }
}

/**
 * Fills typed columns up to a known capacity: values stay a Float64Array until a text value
 * comes, then become a plain array (a series of text is rare and short).
 */
export class ColumnBuilder {
  private readonly times: Float64Array
  private numbers: Float64Array | null
  private mixed: PointValue[] | null = null
  length = 0

  constructor(capacity: number) {
    this.times = new Float64Array(capacity)
    this.numbers = new Float64Array(capacity)
  }

  push(time: number, value: PointValue): void {
    if (this.numbers && typeof value !== 'number') this.toMixed()
    this.times[this.length] = time
    if (this.numbers) this.numbers[this.length] = value as number
    else (this.mixed as PointValue[]).push(value)
    this.length++
  }

  timeAt(i: number): number {
    return this.times[i] as number
  }

  valueAt(i: number): PointValue {
    return this.numbers ? (this.numbers[i] as number) : ((this.mixed as PointValue[])[i] as PointValue)
  }

  /** The columns, trimmed to what was pushed (copied only when shorter than the capacity). */
  finish(): HistorySeriesColumns {
    const trim = (a: Float64Array) => (a.length === this.length ? a : a.slice(0, this.length))
    return { times: trim(this.times), values: this.numbers ? trim(this.numbers) : (this.mixed as PointValue[]) }
  }

  private toMixed(): void {
    this.mixed = Array.from(this.numbers!.subarray(0, this.length))
    this.numbers = null
  }
}

/**
 * The pieces as one time-ordered series. Pieces cover disjoint spans, so ordering them by
 * span and concatenating is enough; a cloud that answered out of order is sorted anyway.
 * Exact repeats (same time and value) are dropped; two different values at one moment stay.
 */
export function mergePieces(pieces: readonly Piece[]): HistorySeriesColumns {
  const ordered = pieces.filter((p) => p.times.length > 0).sort((a, b) => a.span.fromMs - b.span.fromMs)
  const all = concat(ordered)
  if (!isOrdered(all.times)) return dedupe(sortByTime(all))
  return isStrictlyIncreasing(all.times) ? ownColumns(all) : dedupe(all)
}

/** The pieces one after another: one piece as it is, several copied once into typed columns. */
function concat(pieces: readonly ColumnsView[]): ColumnsView {
  if (pieces.length === 1) return pieces[0] as ColumnsView
  const all = new ColumnBuilder(pieces.reduce((n, p) => n + p.times.length, 0))
  for (const piece of pieces) for (let i = 0; i < piece.times.length; i++) all.push(piece.times[i] as number, piece.values[i] as PointValue)
  return all.finish()
}

function isStrictlyIncreasing(times: ArrayLike<number>): boolean {
  for (let i = 1; i < times.length; i++) if ((times[i] as number) <= (times[i - 1] as number)) return false
  return true
}

/**
 * Columns with no tie to look at, as the bridge takes them: Float64Arrays of their own
 * (a view of a larger buffer would carry all of it), a plain array of values kept when
 * some are text.
 */
function ownColumns(columns: ColumnsView): HistorySeriesColumns {
  const own = (a: ArrayLike<number>) => (a instanceof Float64Array && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : Float64Array.from(a))
  const { times, values } = columns
  if (values instanceof Float64Array) return { times: own(times), values: own(values) }
  const texts = Array.from(values)
  return { times: own(times), values: texts.every((v) => typeof v === 'number') ? Float64Array.from(texts as number[]) : texts }
}

export function isOrdered(times: ArrayLike<number>): boolean {
  for (let i = 1; i < times.length; i++) if ((times[i] as number) < (times[i - 1] as number)) return false
  return true
}

export function sortByTime(columns: ColumnsView): Columns {
  // Stable, so values at the same moment keep the cloud's order.
  const order = Array.from({ length: columns.times.length }, (_, i) => i).sort((a, b) => (columns.times[a] as number) - (columns.times[b] as number))
  return { times: order.map((i) => columns.times[i] as number), values: order.map((i) => columns.values[i] as PointValue) }
}

/** Drops a point equal in time and value to one already kept at that moment. */
export function dedupe(columns: ColumnsView): HistorySeriesColumns {
  const out = new ColumnBuilder(columns.times.length)
  let tieStart = 0
  for (let i = 0; i < columns.times.length; i++) {
    const t = columns.times[i] as number
    const v = columns.values[i] as PointValue
    if (out.length === 0 || out.timeAt(out.length - 1) !== t) {
      tieStart = out.length
      out.push(t, v)
      continue
    }
    let repeated = false
    for (let j = tieStart; j < out.length && !repeated; j++) repeated = out.valueAt(j) === v
    if (!repeated) out.push(t, v)
  }
  return out.finish()
}
