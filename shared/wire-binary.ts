/**
 * Browser mode's binary frames: a bridge message holding Float64Arrays (a history answer)
 * goes as one binary WebSocket frame instead of JSON text, so a million points cross as
 * a few bytes a point, not 20 MB of digits to print and parse.
 *
 * Layout: a uint32 (little-endian) header length, the header as UTF-8 JSON (the message
 * with each array left out as null, and where each went), zero padding to a multiple of 8,
 * then the arrays' bytes one after another (each padded to a multiple of 8).
 *
 * A column goes as the narrowest exact form: Chromium's WebSocket takes in ~45 MB/s on the
 * page's main thread here (16 MB of float64s held it ~500 ms), so bytes are time. Numbers
 * with at most a few decimals (sensor readings, millisecond times) go as integers n / 10^scale,
 * stored as they are or as differences from the previous one (times a few seconds apart),
 * in 1, 2 or 4 bytes each; a column that any value would not survive exactly (NaN, -0,
 * many decimals, too large) stays raw float64s, which the page reads as a view of the frame.
 * The host uses this form only for answers that hold such arrays; the rest stays JSON text.
 */

type Key = string | number
interface ColumnPlace {
  path: Key[]
  offset: number
  length: number
  /** Bytes a number: 8 raw float64s; 1, 2 or 4 signed integers n, read as n / 10^scale. */
  bytes: Width
  scale: number
  /** The integers are differences, each from the one before; the first integer is `first`. */
  delta: boolean
  first: number
}
type Width = 1 | 2 | 4 | 8
interface Header {
  message: unknown
  columns: ColumnPlace[]
}

const align8 = (n: number) => Math.ceil(n / 8) * 8

/** Every Float64Array in plain objects and arrays, with where it sits. */
function findColumns(value: unknown, path: Key[], found: { path: Key[]; array: Float64Array }[]): void {
  if (value instanceof Float64Array) found.push({ path, array: value })
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object' && value[i] !== null) findColumns(value[i], [...path, i], found)
  } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [key, field] of Object.entries(value)) if (typeof field === 'object' && field !== null) findColumns(field, [...path, key], found)
  }
}

/** The message as one binary frame, or null when it holds no Float64Array (send it as JSON). */
export function encodeBinaryFrame(message: unknown): Uint8Array | null {
  const found: { path: Key[]; array: Float64Array }[] = []
  findColumns(message, [], found)
  if (found.length === 0) return null
  const left = new Set<unknown>(found.map((f) => f.array))
  const encoded = found.map(({ array }) => encodeColumn(array))
  const columns: ColumnPlace[] = []
  let size = 0
  found.forEach(({ path }, i) => {
    const { bytes, form } = encoded[i] as EncodedColumn
    columns.push({ path, offset: size, length: found[i]!.array.length, ...form })
    size += align8(bytes.byteLength)
  })
  const header = new TextEncoder().encode(JSON.stringify({ message, columns } satisfies Header, (_key, v: unknown) => (left.has(v) ? null : v)))
  const start = align8(4 + header.length)
  const frame = new Uint8Array(start + size)
  new DataView(frame.buffer).setUint32(0, header.length, true)
  frame.set(header, 4)
  encoded.forEach(({ bytes }, i) => frame.set(bytes, start + (columns[i] as ColumnPlace).offset))
  return frame
}

type ColumnForm = Pick<ColumnPlace, 'bytes' | 'scale' | 'delta' | 'first'>
interface EncodedColumn {
  bytes: Uint8Array
  form: ColumnForm
}

/** Decimals tried, up to: a reading of 21.375 needs 3; a float with more goes raw. */
const MAX_SCALE = 6
const INTEGER_ARRAYS = { 1: Int8Array, 2: Int16Array, 4: Int32Array } as const
const LIMITS: [Width, number][] = [
  [1, 0x7f],
  [2, 0x7fff],
  [4, 0x7fffffff],
]

/** The column in its narrowest exact form. */
function encodeColumn(array: Float64Array): EncodedColumn {
  const raw = { bytes: new Uint8Array(array.buffer, array.byteOffset, array.byteLength), form: { bytes: 8, scale: 0, delta: false, first: 0 } as ColumnForm }
  const scale = exactScale(array)
  if (scale === null || array.length === 0) return raw
  const divisor = 10 ** scale
  let plain = 0
  let step = 0
  for (let i = 0, before = 0; i < array.length; i++) {
    const n = Math.round(array[i]! * divisor)
    plain = Math.max(plain, Math.abs(n))
    if (i > 0) step = Math.max(step, Math.abs(n - before))
    before = n
  }
  // Differences only when they take fewer bytes: reading them back is a running sum.
  const delta = widthOf(step) < widthOf(plain)
  const width = widthOf(delta ? step : plain)
  if (width === 8) return raw
  const out = new INTEGER_ARRAYS[width as 1 | 2 | 4](array.length)
  for (let i = 0, before = 0; i < array.length; i++) {
    const n = Math.round(array[i]! * divisor)
    out[i] = delta && i > 0 ? n - before : delta ? 0 : n
    before = n
  }
  return { bytes: new Uint8Array(out.buffer), form: { bytes: width, scale, delta, first: delta ? Math.round(array[0]! * divisor) : 0 } }
}

/** Bytes for signed integers up to `magnitude` (8: none fits, the column goes raw). */
function widthOf(magnitude: number): Width {
  return LIMITS.find(([, limit]) => magnitude <= limit)?.[0] ?? 8
}

/** The fewest decimals every value has (each equal to round(v × 10^s) / 10^s), or null. */
function exactScale(array: Float64Array): number | null {
  for (let scale = 0; scale <= MAX_SCALE; scale++) {
    const divisor = 10 ** scale
    let exact = true
    for (let i = 0; i < array.length && exact; i++) {
      const v = array[i]!
      const n = Math.round(v * divisor)
      exact = Number.isSafeInteger(n) && n / divisor === v && !Object.is(v, -0)
    }
    if (exact) return scale
  }
  return null
}

/** The message a binary frame carries, its raw columns as views of `frame`, the rest decoded. */
export function decodeBinaryFrame(frame: ArrayBuffer): unknown {
  const headerLength = new DataView(frame).getUint32(0, true)
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(frame, 4, headerLength))) as Header
  const start = align8(4 + headerLength)
  const root = { message: header.message }
  for (const column of header.columns) placeAt(root, ['message', ...column.path], decodeColumn(frame, start, column))
  return root.message
}

function decodeColumn(frame: ArrayBuffer, start: number, { offset, length, bytes, scale, delta, first }: ColumnPlace): Float64Array {
  const known = bytes === 1 || bytes === 2 || bytes === 4 || bytes === 8 // not `in`: the header is data, and 'toString' is in every object
  if (!known || !Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE || !Number.isSafeInteger(first)) throw new Error('A binary frame column has an unknown form.')
  if (offset % 8 !== 0 || start + offset + length * bytes > frame.byteLength) throw new Error('A binary frame column lies outside the frame.')
  if (bytes === 8) return new Float64Array(frame, start + offset, length)
  const ints = new INTEGER_ARRAYS[bytes](frame, start + offset, length)
  const out = Float64Array.from(ints)
  if (delta) {
    out[0] = first
    for (let i = 1; i < length; i++) out[i]! += out[i - 1]!
  }
  if (scale > 0) {
    const divisor = 10 ** scale
    for (let i = 0; i < length; i++) out[i]! /= divisor
  }
  return out
}

const UNSAFE_KEYS = new Set<Key>(['__proto__', 'constructor', 'prototype'])

function placeAt(root: object, path: Key[], value: unknown): void {
  if (path.some((key) => UNSAFE_KEYS.has(key))) throw new Error('A binary frame column has an unsafe path.')
  let holder = root as Record<Key, unknown>
  for (const key of path.slice(0, -1)) {
    const next = holder[key]
    if (typeof next !== 'object' || next === null) throw new Error('a binary frame column has no place in its message')
    holder = next as Record<Key, unknown>
  }
  holder[path[path.length - 1] as Key] = value
}
