/**
 * Browser mode's binary frames: a bridge message holding Float64Arrays (a history answer)
 * goes as one binary WebSocket frame instead of JSON text, so a million points cross as
 * 8 MB of raw float64s per column, not 20 MB of digits to print and parse.
 *
 * Layout: a uint32 (little-endian) header length, the header as UTF-8 JSON (the message
 * with each array left out as null, and where each went), zero padding to a multiple of 8,
 * then the arrays' bytes one after another (each a multiple of 8 long, so each aligned).
 * The page reads each as a view of the frame, without copying. The host uses this form
 * only for answers that hold such arrays; everything else stays JSON text.
 */

type Key = string | number
interface ColumnPlace {
  path: Key[]
  offset: number
  length: number
}
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
  const columns: ColumnPlace[] = []
  let size = 0
  for (const { path, array } of found) {
    columns.push({ path, offset: size, length: array.length })
    size += array.byteLength
  }
  const header = new TextEncoder().encode(JSON.stringify({ message, columns } satisfies Header, (_key, v: unknown) => (left.has(v) ? null : v)))
  const start = align8(4 + header.length)
  const frame = new Uint8Array(start + size)
  new DataView(frame.buffer).setUint32(0, header.length, true)
  frame.set(header, 4)
  found.forEach(({ array }, i) => frame.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + (columns[i] as ColumnPlace).offset))
  return frame
}

/** The message a binary frame carries, its arrays as views of `frame` (no copy). */
export function decodeBinaryFrame(frame: ArrayBuffer): unknown {
  const headerLength = new DataView(frame).getUint32(0, true)
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(frame, 4, headerLength))) as Header
  const start = align8(4 + headerLength)
  const root = { message: header.message }
  for (const { path, offset, length } of header.columns) {
    if (offset % 8 !== 0 || start + offset + length * 8 > frame.byteLength) throw new Error('A binary frame column lies outside the frame.')
    placeAt(root, ['message', ...path], new Float64Array(frame, start + offset, length))
  }
  return root.message
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
