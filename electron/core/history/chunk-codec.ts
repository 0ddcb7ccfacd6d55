/**
 * A cached chunk of points as SQLite stores it: times as a blob of little-endian float64,
 * values likewise when every one is a number, else as JSON text. Decoding a blob is one
 * copy into a Float64Array, whatever the number of points.
 */
import type { HistorySeriesColumns } from '../../../shared/history'
import { ColumnBuilder, type ColumnsView, type PointValue } from './columns'
import type { Span } from './spans'

export interface ChunkRow {
  fromMs: number
  toMs: number
  count: number
  times: Buffer
  numbers: Buffer | null
  texts: string | null
}

/** Typed arrays are written in the machine's byte order: every platform the app runs on is little-endian. */
const bytesOf = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength)

/** The blob as float64s: a view when it is 8-byte aligned (SQLite's larger blobs are), else a copy. */
function floatsOf(blob: Buffer): Float64Array {
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8)
  const out = new Float64Array(blob.byteLength / 8)
  new Uint8Array(out.buffer).set(blob)
  return out
}

/** The chunk of time-ordered columns (at least one point). */
export function encodeChunk(columns: HistorySeriesColumns): ChunkRow {
  const { times, values } = columns
  return {
    fromMs: times[0] as number,
    toMs: times[times.length - 1] as number,
    count: times.length,
    times: bytesOf(times),
    numbers: values instanceof Float64Array ? bytesOf(values) : null,
    texts: values instanceof Float64Array ? null : JSON.stringify(values),
  }
}

export function decodeChunk(row: ChunkRow): HistorySeriesColumns {
  const values = row.numbers ? floatsOf(row.numbers) : (JSON.parse(row.texts ?? '[]') as PointValue[])
  return { times: floatsOf(row.times), values }
}

/** Time-ordered, disjoint chunks as one set of columns, cut to `span`. */
export function joinChunks(chunks: readonly HistorySeriesColumns[], span: Span): ColumnsView {
  const cut = chunks.map((c) => sliceColumns(c, lowerBound(c.times, span.fromMs), lowerBound(c.times, span.toMs + 1)))
  if (cut.length === 1) return cut[0] as HistorySeriesColumns
  const out = new ColumnBuilder(cut.reduce((n, c) => n + c.times.length, 0))
  for (const c of cut) for (let i = 0; i < c.times.length; i++) out.push(c.times[i] as number, c.values[i] as PointValue)
  return out.finish()
}

function sliceColumns(c: HistorySeriesColumns, from: number, to: number): HistorySeriesColumns {
  if (from === 0 && to === c.times.length) return c
  return { times: c.times.subarray(from, to), values: c.values instanceof Float64Array ? c.values.subarray(from, to) : c.values.slice(from, to) }
}

function lowerBound(times: Float64Array, t: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((times[mid] as number) < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
