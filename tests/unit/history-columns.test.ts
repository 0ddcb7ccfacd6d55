import { describe, expect, it } from 'vitest'
import { dedupe, mergePieces, parseValue } from '../../electron/core/history/columns'
import { mergeEventPieces } from '../../electron/core/history/event-merge'
import type { HistorySeriesColumns } from '../../shared/history'

/** Columns as plain arrays, to compare with literals. */
const plain = (c: HistorySeriesColumns) => ({ times: Array.from(c.times), values: Array.from(c.values) })

describe('history values and merging', () => {
  it('reads the cloud\'s text values: numbers as numbers, the rest as text', () => {
    expect(parseValue('77')).toBe(77)
    expect(parseValue('-3.25')).toBe(-3.25)
    expect(parseValue('1e3')).toBe(1000)
    expect(parseValue('0')).toBe(0)
    expect(parseValue('on')).toBe('on')
    expect(parseValue('')).toBe('')
    expect(parseValue('{"used_mb":5}')).toBe('{"used_mb":5}')
    expect(parseValue('0x10')).toBe('0x10')
    expect(parseValue(12)).toBe(12)
    expect(parseValue({ a: 1 })).toBe('{"a":1}')
  })

  it('concatenates disjoint pieces in time order whatever order they finished in', () => {
    const merged = mergePieces([
      { span: { fromMs: 200, toMs: 299 }, times: [200, 250], values: [3, 4] },
      { span: { fromMs: 0, toMs: 99 }, times: [0, 50], values: [1, 2] },
      { span: { fromMs: 100, toMs: 199 }, times: [], values: [] },
    ])
    expect(plain(merged)).toEqual({ times: [0, 50, 200, 250], values: [1, 2, 3, 4] })
    // Numbers only: both columns leave as Float64Arrays, the form that crosses the bridge.
    expect(merged.times).toBeInstanceOf(Float64Array)
    expect(merged.values).toBeInstanceOf(Float64Array)
  })

  it('sorts a piece the cloud answered out of order, stable at equal times', () => {
    const merged = mergePieces([{ span: { fromMs: 0, toMs: 99 }, times: [30, 10, 20, 10], values: ['c', 'a', 'b', 'a2'] }])
    expect(plain(merged)).toEqual({ times: [10, 10, 20, 30], values: ['a', 'a2', 'b', 'c'] })
    expect(Array.isArray(merged.values)).toBe(true)
  })

  it('drops exact repeats but keeps two values at one moment', () => {
    expect(plain(dedupe({ times: [1, 1, 2, 2, 2, 3], values: [5, 5, 6, 7, 6, 8] }))).toEqual({ times: [1, 2, 2, 3], values: [5, 6, 7, 8] })
    // A text value among numbers: the values become a plain array, the numbers kept as numbers.
    expect(dedupe({ times: [1, 2, 3], values: [5, 'on', 5] }).values).toEqual([5, 'on', 5])
  })

  it('merges events by time and drops repeats', () => {
    const e = (timeMs: number, eventId: string) => ({ timeMs, eventId, type: 'info', data: '{}' })
    const merged = mergeEventPieces([
      { span: { fromMs: 5000, toMs: 9999 }, events: [e(6000, 'b'), e(6000, 'c')] },
      { span: { fromMs: 0, toMs: 4999 }, events: [e(1000, 'a'), e(1000, 'a')] },
    ])
    expect(merged.map((m) => `${m.timeMs}${m.eventId}`)).toEqual(['1000a', '6000b', '6000c'])
  })
})
