import { afterEach, describe, expect, it, vi } from 'vitest'
import { Batcher } from '../../electron/core/live/batcher'

afterEach(() => {
  vi.useRealTimers()
})

describe('Batcher (push events towards the renderer)', () => {
  it('hands a burst on once per interval, in order', () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const batcher = new Batcher<number>(50, (items) => batches.push(items))
    for (let i = 0; i < 300; i++) batcher.push(i)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(50)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toEqual(Array.from({ length: 300 }, (_, i) => i))
  })

  it('lets a backlog leave in batches of at most maxItems, none lost or reordered', () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const batcher = new Batcher<number>(50, (items) => batches.push(items), 1_000)
    for (let i = 0; i < 2_500; i++) batcher.push(i)
    vi.advanceTimersByTime(50)
    expect(batches.map((b) => b.length)).toEqual([1_000, 1_000, 500])
    expect(batches.flat()).toEqual(Array.from({ length: 2_500 }, (_, i) => i))
  })
})
