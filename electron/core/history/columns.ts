/**
 * Points kept as two parallel arrays (times, values), the form they cross the bridge in,
 * so a million points never become a million objects on the way.
 */
import type { Span } from './spans'

export type PointValue = number | string

export interface Columns {
  times: number[]
  values: PointValue[]
}

/** Points of one span: what a segment fetched, or what the cache holds for a covered span. */
export interface Piece extends Columns {
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
export function append(to: Columns, from: Columns): void {
  for (let i = 0; i < from.times.length; i++) {
    to.times.push(from.times[i] as number)
    to.values.push(from.values[i] as PointValue)
  }
}

/**
 * The pieces as one time-ordered series. Pieces cover disjoint spans, so ordering them by
 * span and concatenating is enough; a cloud that answered out of order is sorted anyway.
 * Exact repeats (same time and value) are dropped; two different values at one moment stay.
 */
export function mergePieces(pieces: readonly Piece[]): Columns {
  const all = emptyColumns()
  for (const piece of [...pieces].sort((a, b) => a.span.fromMs - b.span.fromMs)) append(all, piece)
  return dedupe(isOrdered(all.times) ? all : sortByTime(all))
}

function isOrdered(times: readonly number[]): boolean {
  for (let i = 1; i < times.length; i++) if ((times[i] as number) < (times[i - 1] as number)) return false
  return true
}

function sortByTime(columns: Columns): Columns {
  // Stable, so values at the same moment keep the cloud's order.
  const order = columns.times.map((_, i) => i).sort((a, b) => (columns.times[a] as number) - (columns.times[b] as number))
  return { times: order.map((i) => columns.times[i] as number), values: order.map((i) => columns.values[i] as PointValue) }
}

/** Drops a point equal in time and value to one already kept at that moment. */
export function dedupe(columns: Columns): Columns {
  const out = emptyColumns()
  let tieStart = 0
  for (let i = 0; i < columns.times.length; i++) {
    const t = columns.times[i] as number
    const v = columns.values[i] as PointValue
    if (out.times.length === 0 || out.times[out.times.length - 1] !== t) tieStart = out.times.length
    let repeated = false
    for (let j = tieStart; j < out.times.length && !repeated; j++) repeated = out.values[j] === v
    if (repeated) continue
    out.times.push(t)
    out.values.push(v)
  }
  return out
}
