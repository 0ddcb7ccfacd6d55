import { describe, expect, it } from 'vitest'
import { mapConcurrently, settleConcurrently } from '../../shared/concurrency'

/** A task that records how many run at once, finishing in a scrambled order. */
function tracked() {
  let running = 0
  let peak = 0
  const run = async (n: number) => {
    running++
    peak = Math.max(peak, running)
    await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5))
    running--
    if (n < 0) throw new Error(`bad ${n}`)
    return n * 10
  }
  return { run, peak: () => peak }
}

describe('bounded concurrency', () => {
  it('runs at most `limit` at once and keeps the results in the items order', async () => {
    const t = tracked()
    expect(await mapConcurrently([1, 2, 3, 4, 5, 6, 7], 3, t.run)).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(t.peak()).toBe(3)
  })

  it('rejects with the failure when one item fails', async () => {
    await expect(mapConcurrently([1, -2, 3], 2, tracked().run)).rejects.toThrow('bad -2')
  })

  it('settles every item, failures included, in order', async () => {
    const results = await settleConcurrently([1, -2, 3], 2, tracked().run)
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(results[0]).toEqual({ status: 'fulfilled', value: 10 })
  })

  it('starts no item once its signal aborts, and rejects with the reason', async () => {
    const controller = new AbortController()
    const started: number[] = []
    const run = async (n: number) => {
      started.push(n)
      if (n === 2) controller.abort(new Error('left the page'))
      await new Promise((resolve) => setTimeout(resolve, 1))
      return n
    }
    await expect(mapConcurrently([1, 2, 3, 4, 5, 6], 2, run, controller.signal)).rejects.toThrow('left the page')
    expect(started).toEqual([1, 2])
  })

  it('handles an empty list, and refuses a limit below 1 with a clear error instead of doing nothing', async () => {
    expect(await mapConcurrently([], 4, tracked().run)).toEqual([])
    await expect(mapConcurrently([1], 0, tracked().run)).rejects.toThrow(RangeError)
    await expect(mapConcurrently([1], 1.5, tracked().run)).rejects.toThrow(/at least 1/)
  })
})
