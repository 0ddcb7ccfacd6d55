/**
 * The history cache: a covered range is read locally with no request, a widened range
 * fetches only its gaps, the unsettled tail is never cached, and the cap evicts least
 * recently used spans.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FetchArgs } from '../../electron/core/history/history-service'
import { paramError, regularPoints } from '../support/fake-history-cloud'
import { historyOnFake, type HistoryUnderTest } from '../support/history-service'

let t: HistoryUnderTest | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

const events = Array.from({ length: 100 }, (_, i) => ({ s: i * 10 + 5, id: 'ev', type: 'info' }))
const cloud = () => ({ points: { temp: regularPoints(0, 999_999, 100), hum: regularPoints(0, 999_999, 250) }, events })
const args = (over: Partial<FetchArgs> = {}): FetchArgs => ({ deviceId: 'PRD/dev_1', properties: ['temp', 'hum'], fromMs: 200_000, toMs: 599_999, segments: 4, events: true, ...over })
/** Every request's time span, in ms. */
const requested = (u: HistoryUnderTest, from = 0) =>
  u.cloud.calls.slice(from).map((c) =>
    c.action === 'AppListEventHistory'
      ? { fromMs: Number(c.params.StartTime) * 1000, toMs: Number(c.params.EndTime) * 1000 + 999 }
      : { fromMs: Number(c.params.MinTime), toMs: Number(c.params.MaxTime) },
  )

describe('history cache', () => {
  it('answers a range it holds with no request, the same as the cloud did', async () => {
    const u = (t = historyOnFake(cloud()))
    const first = await u.history.fetch(args())
    const calls = u.cloud.calls.length
    const again = await u.history.fetch(args())
    expect(u.cloud.calls).toHaveLength(calls)
    expect(again.series).toEqual(first.series)
    expect(again.events).toEqual(first.events)
    expect(again.fetched).toEqual({ points: 0, pages: 0, retries: 0, segments: 0 })
    expect(again.fromCache.points).toBe(4_000 + 1_600 + 40)
    expect(first.fromCache.points).toBe(0)
    // A range inside the cached one: no request either.
    const inner = await u.history.fetch(args({ fromMs: 300_000, toMs: 300_099 }))
    expect(u.cloud.calls).toHaveLength(calls)
    expect(Array.from(inner.series[0]!.times)).toEqual([300_000])
  })

  it('fetches only the gaps of a widened range, and the result equals a fetch from scratch', async () => {
    const u = (t = historyOnFake(cloud()))
    await u.history.fetch(args())
    const before = u.cloud.calls.length
    const wide = await u.history.fetch(args({ fromMs: 100_000, toMs: 699_999 }))
    const spans = requested(u, before)
    expect(spans.length).toBeGreaterThan(0)
    for (const span of spans) expect(span.toMs < 200_000 || span.fromMs > 599_999).toBe(true)
    expect(spans.some((s) => s.fromMs === 100_000)).toBe(true)
    expect(spans.some((s) => s.toMs >= 699_000)).toBe(true)
    expect(wide.fromCache.spans).toBe(3)
    u.history.clearCache()
    const scratch = await u.history.fetch(args({ fromMs: 100_000, toMs: 699_999 }))
    expect(wide.series).toEqual(scratch.series)
    expect(wide.events).toEqual(scratch.events)
  })

  it('never caches the last minutes (or the future): they are fetched again each time', async () => {
    const u = (t = historyOnFake(cloud(), { settleMs: 100_000 }))
    u.clock.now = 500_000
    const first = await u.history.fetch(args({ fromMs: 0, toMs: 999_999, events: false }))
    expect(first.cacheableUntilMs).toBe(400_000)
    expect(first.series[0]!.times).toHaveLength(10_000)
    const before = u.cloud.calls.length
    await u.history.fetch(args({ fromMs: 0, toMs: 999_999, events: false }))
    const spans = requested(u, before)
    expect(Math.min(...spans.map((s) => s.fromMs))).toBe(400_001)
    // Time passes: what settled meanwhile is fetched once more, then cached.
    u.clock.now = 900_000
    const later = u.cloud.calls.length
    await u.history.fetch(args({ fromMs: 0, toMs: 799_999, events: false }))
    await u.history.fetch(args({ fromMs: 0, toMs: 799_999, events: false }))
    const refetched = requested(u, later)
    expect(Math.min(...refetched.map((s) => s.fromMs))).toBe(400_001)
    expect(Math.max(...refetched.map((s) => s.toMs))).toBe(799_999)
    expect(u.history.cacheStats().points).toBe(8_000 + 3_200)
  })

  it('stores a gap two jobs fetched at once only once, and reads it back whole', async () => {
    const u = (t = historyOnFake(cloud()))
    const a = args({ properties: ['temp'], events: false, fromMs: 0, toMs: 99_999 }) // 1,000 points
    const [one, two] = await Promise.all([u.history.fetch({ ...a, jobId: 'one' }), u.history.fetch({ ...a, jobId: 'two', segments: 3 })])
    expect(two.series).toEqual(one.series)
    expect(u.history.cacheStats().points).toBe(1_000)
    const calls = u.cloud.calls.length
    const again = await u.history.fetch(a)
    expect(u.cloud.calls).toHaveLength(calls)
    expect(again.series).toEqual(one.series)
    expect(again.series[0]!.times).toBeInstanceOf(Float64Array)
  })

  it('keeps at most the cap, dropping the least recently used spans first', async () => {
    const u = (t = historyOnFake(cloud()))
    const a = args({ properties: ['temp'], events: false, fromMs: 0, toMs: 99_999 }) // 1,000 points
    const b = { ...a, fromMs: 200_000, toMs: 299_999 }
    const c = { ...a, fromMs: 400_000, toMs: 499_999 }
    expect(u.history.setCacheLimit(2_500)).toMatchObject({ maxPoints: 2_500, points: 0 })
    await u.history.fetch(a)
    u.clock.now += 1_000
    await u.history.fetch(b)
    u.clock.now += 1_000
    await u.history.fetch(a) // a is now more recent than b
    u.clock.now += 1_000
    await u.history.fetch(c)
    expect(u.history.cacheStats()).toMatchObject({ points: 2_000, spans: 2 })
    const before = u.cloud.calls.length
    await u.history.fetch(a)
    await u.history.fetch(c)
    expect(u.cloud.calls).toHaveLength(before)
    await u.history.fetch(b)
    expect(u.cloud.calls.length).toBeGreaterThan(before)
    // Lowering the cap applies at once.
    expect(u.history.setCacheLimit(1_000).points).toBeLessThanOrEqual(1_000)
  })

  it('keeps the segments a failed job finished: fetching again asks only for the rest', async () => {
    let failing = true
    const u = (t = historyOnFake({ ...cloud(), fail: (_serial, call) => (call.params.FieldName === 'hum' && failing ? paramError() : undefined) }))
    // One segment at a time: temp is complete and cached before hum fails.
    await expect(u.history.fetch(args({ segments: 1, events: false }))).rejects.toMatchObject({ code: 'InvalidParameterValue' })
    expect(u.history.cacheStats().points).toBe(4_000)
    failing = false
    const before = u.cloud.calls.length
    const result = await u.history.fetch(args({ segments: 1, events: false }))
    expect(u.cloud.calls.slice(before).every((c) => c.params.FieldName === 'hum')).toBe(true)
    expect(result.fromCache.points).toBe(4_000)
    expect(result.series.map((s) => s.times.length)).toEqual([4_000, 1_600])
  })

  it('remembers the cap across restarts, and keeps each cloud\'s series apart', async () => {
    const first = historyOnFake(cloud())
    first.history.setCacheLimit(123_456)
    await first.history.fetch(args({ events: false }))
    await first.history.close()
    first.db.close()
    const u = (t = historyOnFake(cloud(), {}, first.dataDir))
    expect(u.history.cacheStats()).toMatchObject({ maxPoints: 123_456, points: 5_600 })
    await u.history.fetch(args({ events: false }))
    expect(u.cloud.calls).toHaveLength(0)
    const other = u.history.cache.seriesId({ scope: 'https://other.test', deviceId: 'PRD/dev_1', property: 'temp' })
    expect(u.history.cache.covered(other, { fromMs: 0, toMs: 999_999 })).toEqual([])
    expect(u.history.clearCache().removedPoints).toBe(5_600)
    expect(u.history.cacheStats()).toMatchObject({ points: 0, spans: 0, maxPoints: 123_456 })
  })
})
