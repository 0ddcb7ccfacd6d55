/**
 * Browser mode's binary frames: an answer holding Float64Arrays crosses in a few bytes a
 * point where its numbers allow, and comes back exactly equal; anything else stays JSON.
 */
import { describe, expect, it } from 'vitest'
import { decodeBinaryFrame, encodeBinaryFrame } from '../../shared/wire-binary'

const frameOf = (message: unknown): ArrayBuffer => {
  const frame = encodeBinaryFrame(message)!
  return frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer
}

describe('binary bridge frames', () => {
  it('carries every Float64Array of a message, wherever it sits, and the rest as it was', () => {
    const times = Float64Array.from({ length: 1_001 }, (_, i) => 1_700_000_000_000 + i * 2_500)
    const values = Float64Array.from({ length: 1_001 }, (_, i) => Math.sin(i) * 40.125)
    const message = {
      type: 'result',
      id: 7,
      result: { ok: true, result: { jobId: 'j', series: [{ property: 'temperature', times, values }, { property: 'mode', times: times.subarray(2, 5), values: ['a', 2, 'c'] }], events: [] } },
    }
    const decoded = decodeBinaryFrame(frameOf(message)) as typeof message
    expect(decoded.result.result.series[0]!.times).toBeInstanceOf(Float64Array)
    expect(decoded).toEqual(message)
    // At most eight bytes a point per column, plus a small header: no text per point.
    expect(encodeBinaryFrame(message)!.byteLength).toBeLessThan((1_001 + 1_001 + 3) * 8 + 1_000)
  })

  it('brings every number back exactly, whatever form its column took', () => {
    const columns = {
      millisecondTimes: Float64Array.from({ length: 500 }, (_, i) => 1_764_800_000_000 + i * 1_000 + (i % 7)),
      readings: Float64Array.from({ length: 500 }, (_, i) => Math.round(2_000 * Math.sin(i / 9)) / 10),
      threeDecimals: Float64Array.from({ length: 500 }, (_, i) => (i * 1_237) / 1_000 - 300),
      counters: Float64Array.from({ length: 500 }, (_, i) => 9_000_000_000 + i * i),
      floats: Float64Array.from({ length: 500 }, (_, i) => Math.sin(i) * 40.125),
      special: Float64Array.of(1, Number.NaN, Number.POSITIVE_INFINITY, -0, 2.5),
      negativeZero: Float64Array.of(3, -0),
      huge: Float64Array.of(1e300, -1e300),
      empty: new Float64Array(0),
      one: Float64Array.of(-7.25),
    }
    const decoded = decodeBinaryFrame(frameOf({ columns })) as { columns: Record<string, Float64Array> }
    for (const [name, sent] of Object.entries(columns)) {
      const got = decoded.columns[name]!
      expect(got, name).toBeInstanceOf(Float64Array)
      expect(got.length, name).toBe(sent.length)
      expect(Array.from(sent).every((v, i) => Object.is(v, got[i])), name).toBe(true)
    }
  })

  it('sends a day of one-second readings in about three bytes a point, not sixteen', () => {
    const points = 86_400
    const times = Float64Array.from({ length: points }, (_, i) => 1_764_800_000_000 + i * 1_000)
    const values = Float64Array.from({ length: points }, (_, i) => Math.round(220 + 40 * Math.sin(i / 600)) / 10)
    const frame = encodeBinaryFrame({ series: [{ times, values }] })!
    expect(frame.byteLength).toBeLessThan(points * 3.2)
    const decoded = decodeBinaryFrame(frameOf({ series: [{ times, values }] })) as { series: { times: Float64Array; values: Float64Array }[] }
    expect(decoded.series[0]!.times).toEqual(times)
    expect(decoded.series[0]!.values).toEqual(values)
  })

  it('answers null for a message without typed columns, which then goes as JSON', () => {
    expect(encodeBinaryFrame({ type: 'result', id: 1, result: { ok: true, result: { times: [1, 2, 3] } } })).toBeNull()
  })

  it('refuses a frame whose column points outside it or into an object prototype', () => {
    const frame = new Uint8Array(frameOf({ aaaaaaaaa: { b: Float64Array.of(1, 2) } }))
    const headerLength = new DataView(frame.buffer).getUint32(0, true)
    const header = new TextDecoder().decode(frame.subarray(4, 4 + headerLength))
    const patched = (text: string) => {
      const bytes = new TextEncoder().encode(text.padEnd(headerLength))
      const copy = frame.slice()
      copy.set(bytes, 4)
      return copy.buffer
    }
    expect(() => decodeBinaryFrame(patched(header.replace('"length":2', '"length":9')))).toThrow(/outside the frame/)
    expect(() => decodeBinaryFrame(patched(header.replaceAll('"aaaaaaaaa"', '"__proto__"')))).toThrow(/unsafe path/)
    expect(() => decodeBinaryFrame(patched(header.replace('"bytes":1', '"bytes":3')))).toThrow(/unknown form/)
    expect(() => decodeBinaryFrame(patched(header.replace('"scale":0', '"scale":9')))).toThrow(/unknown form/)
  })
})
