/**
 * Browser mode's binary frames: an answer holding Float64Arrays crosses as raw float64s and
 * comes back equal, its columns as views of the frame; anything else stays JSON.
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
    // Eight bytes a point per column, plus a small header: no text per point.
    expect(encodeBinaryFrame(message)!.byteLength).toBeLessThan((1_001 + 1_001 + 3) * 8 + 1_000)
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
  })
})
