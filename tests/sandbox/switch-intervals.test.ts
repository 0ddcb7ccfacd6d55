import { describe, expect, it } from 'vitest'
import { isWithin, onIntervals } from '../../electron/sandbox/media/switch-intervals'

describe("a camera's recording switch over time", () => {
  it('records an event posted in the same second as recording was switched on', () => {
    const intervals = onIntervals([{ timeMs: 999_200, value: 0 }, { timeMs: 1_000_700, value: 1 }], false)
    // Events carry whole seconds: this one was posted at 1000.9 s.
    expect(isWithin(intervals, 1000)).toBe(true)
    expect(isWithin(intervals, 999)).toBe(false)
  })

  it('ends recording when the switch goes off, and takes the current value without reports', () => {
    const intervals = onIntervals([{ timeMs: 10_000, value: 1 }, { timeMs: 20_500, value: 0 }], true)
    expect(isWithin(intervals, 15)).toBe(true)
    expect(isWithin(intervals, 20)).toBe(false)
    expect(onIntervals([], true)).toEqual([{ start: -Infinity, end: Infinity }])
  })
})
