/**
 * The fetch engine against a fake cloud: segmented equals sequential, every way a listing
 * ends, retries from the same Context, failures and cancels that stop every request.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FetchArgs } from '../../electron/core/history/history-service'
import { paramError, regularPoints, serverError, type FakeCloudOptions } from '../support/fake-history-cloud'
import { historyOnFake, type HistoryUnderTest } from '../support/history-service'

let t: HistoryUnderTest | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

const start = (options: FakeCloudOptions, tuning = {}) => (t = historyOnFake(options, tuning))
const args = (over: Partial<FetchArgs> = {}): FetchArgs => ({ deviceId: 'PRD/dev_1', properties: ['temp'], fromMs: 0, toMs: 99_999, segments: 8, events: false, ...over })
const pointCalls = (u: HistoryUnderTest) => u.cloud.calls.filter((c) => c.action === 'AppGetDeviceDataHistory')

async function until(test: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

describe('history fetch engine', () => {
  it('segmented fetching equals a sequential fetch point for point, points on segment boundaries included', async () => {
    // A point every 5 ms: every boundary of 8 segments over [0, 99999] holds one.
    const source = regularPoints(0, 99_999, 5)
    const u = start({ points: { temp: source } })
    let maxInFlight = 0
    const sequential = await u.history.fetch(args({ segments: 1 }))
    u.history.clearCache()
    const probe = setInterval(() => (maxInFlight = Math.max(maxInFlight, u.cloud.inFlight().length)), 0)
    const segmented = await u.history.fetch(args({ segments: 8 }))
    clearInterval(probe)
    expect(Array.from(sequential.series[0]!.times)).toEqual(source.map((p) => p.t))
    expect(Array.from(sequential.series[0]!.values)).toEqual(source.map((p) => Number(p.v)))
    expect(segmented.series).toEqual(sequential.series)
    expect(segmented.fetched.segments).toBe(8)
    expect(maxInFlight).toBeGreaterThan(1)
    // The segments tile the range: each starts the millisecond after the previous one ends.
    const firstPages = pointCalls(u).filter((c) => c.params.Context === '').slice(1)
    const spans = firstPages.map((c) => [Number(c.params.MinTime), Number(c.params.MaxTime)] as const).sort((a, b) => a[0] - b[0])
    expect(spans[0]![0]).toBe(0)
    expect(spans[spans.length - 1]![1]).toBe(99_999)
    spans.slice(1).forEach(([from], i) => expect(from).toBe(spans[i]![1] + 1))
  })

  it.each([
    ['Listover true', 'listover', 4],
    ['an empty last page', 'empty-page', 5],
    ['an empty Context', 'empty-context', 4],
  ] as const)('stops on %s without losing or repeating a point', async (_name, ending, calls) => {
    const source = regularPoints(0, 1_999, 1) // exactly 4 pages of 500
    const u = start({ points: { temp: source }, ending })
    const result = await u.history.fetch(args({ toMs: 1_999, segments: 1 }))
    expect(Array.from(result.series[0]!.times)).toEqual(source.map((p) => p.t))
    expect(pointCalls(u)).toHaveLength(calls)
    expect(pointCalls(u).map((c) => c.params.Context)).toEqual(['', 'o:500', 'o:1000', 'o:1500', 'o:2000'].slice(0, calls))
    expect(pointCalls(u).every((c) => c.params.Limit === 500 && c.params.DeviceId === 'PRD/dev_1')).toBe(true)
  })

  it('retries a failed page from the same Context and still returns the whole range', async () => {
    const source = regularPoints(0, 4_999, 1)
    const u = start({ points: { temp: source }, fail: (serial) => (serial === 2 || serial === 3 ? serverError() : undefined) })
    const result = await u.history.fetch(args({ toMs: 4_999, segments: 1 }))
    expect(Array.from(result.series[0]!.times)).toEqual(source.map((p) => p.t))
    expect(result.fetched).toMatchObject({ retries: 2, pages: 10 })
    const contexts = pointCalls(u).map((c) => c.params.Context)
    expect(contexts.slice(1, 5)).toEqual(['o:500', 'o:1000', 'o:1000', 'o:1000'])
    expect(pointCalls(u)).toHaveLength(12)
  })

  it('gives up after three retries with the cloud\'s error', async () => {
    const u = start({ points: { temp: regularPoints(0, 999, 1) }, fail: () => serverError() })
    await expect(u.history.fetch(args({ toMs: 999, segments: 1 }))).rejects.toMatchObject({ kind: 'api', code: 'InternalServerError' })
    expect(pointCalls(u)).toHaveLength(4)
  })

  it('fails at once on an error retrying cannot mend, and stops every other segment', async () => {
    const u = start({ points: { temp: regularPoints(0, 99_999, 5) }, delayMs: 20, fail: (serial) => (serial === 0 ? paramError() : undefined) })
    await expect(u.history.fetch(args({ segments: 4 }))).rejects.toMatchObject({ kind: 'api', code: 'InvalidParameterValue' })
    expect(u.cloud.calls).toHaveLength(4)
    expect(u.cloud.calls.every((c) => c.settled && c.signal?.aborted)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(u.cloud.calls).toHaveLength(4)
  })

  it('cancel aborts every in-flight request, makes no further call and answers cancelled', async () => {
    const u = start({ points: { temp: regularPoints(0, 99_999, 5) }, delayMs: 60_000 })
    const fetching = u.history.fetch(args({ segments: 4, jobId: 'job-1' }))
    const outcome = fetching.catch((error: unknown) => error)
    await until(() => u.cloud.inFlight().length === 4)
    expect(u.history.cancel('job-1')).toBe(true)
    expect(await outcome).toMatchObject({ kind: 'cancelled', code: 'Desk.Cancelled' })
    expect(u.cloud.calls).toHaveLength(4)
    expect(u.cloud.calls.every((c) => c.signal?.aborted && c.settled)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(u.cloud.calls).toHaveLength(4)
    expect(u.history.cancel('job-1')).toBe(false)
  })

  it('cancel also ends a wait between retries', async () => {
    const u = start({ points: { temp: regularPoints(0, 999, 1) }, fail: () => serverError() }, { retry: { delaysMs: [60_000], jitterMs: 0 } })
    const outcome = u.history.fetch(args({ toMs: 999, segments: 1, jobId: 'slow' })).catch((error: unknown) => error)
    await until(() => u.cloud.calls.length === 1 && u.cloud.calls[0]!.settled)
    const cancelledAt = Date.now()
    u.history.cancel('slow')
    expect(await outcome).toMatchObject({ kind: 'cancelled' })
    expect(Date.now() - cancelledAt).toBeLessThan(1_000)
    expect(u.cloud.calls).toHaveLength(1)
  })

  it('refuses a job id already running', async () => {
    const u = start({ points: { temp: regularPoints(0, 999, 1) }, delayMs: 60_000 })
    const first = u.history.fetch(args({ jobId: 'twice' })).catch((error: unknown) => error)
    await expect(u.history.fetch(args({ jobId: 'twice' }))).rejects.toMatchObject({ kind: 'validation' })
    u.history.cancel('twice')
    expect(await first).toMatchObject({ kind: 'cancelled' })
  })

  it('reports progress at most once per 100 ms, with the job id and growing counts', async () => {
    const source = regularPoints(0, 19_999, 1) // 40 pages
    const u = start({ points: { temp: source }, delayMs: 8 })
    const result = await u.history.fetch(args({ toMs: 19_999, segments: 1, jobId: 'p1' }))
    expect(u.progress.length).toBeGreaterThanOrEqual(2)
    u.progressAt.slice(1).forEach((at, i) => expect(at - u.progressAt[i]!).toBeGreaterThanOrEqual(95))
    expect(u.progress.every((p) => p.jobId === 'p1' && p.segmentsTotal === 1 && p.points <= result.fetched.points)).toBe(true)
    u.progress.slice(1).forEach((p, i) => expect(p.pages).toBeGreaterThanOrEqual(u.progress[i]!.pages))
  })

  it('fetches the events of the range by whole seconds, paged, in time order', async () => {
    const events = Array.from({ length: 300 }, (_, i) => ({ s: i + 1, id: `e${i % 3}`, type: ['info', 'alert', 'fault'][i % 3]! }))
    const u = start({ points: { temp: [] }, events })
    const result = await u.history.fetch(args({ fromMs: 1_500, toMs: 250_499, events: true }))
    // Seconds 2..250: second 1 starts before the range, second 251 after it.
    expect(result.events.map((e) => e.timeMs)).toEqual(Array.from({ length: 249 }, (_, i) => (i + 2) * 1000))
    expect(result.events[0]).toEqual({ timeMs: 2000, eventId: 'e1', type: 'alert', data: '{}' })
    const eventCalls = u.cloud.calls.filter((c) => c.action === 'AppListEventHistory')
    expect(eventCalls).toHaveLength(3)
    expect(eventCalls[0]!.params).toMatchObject({ ProductId: 'PRD', DeviceName: 'dev_1', StartTime: 2, EndTime: 250, Size: 100 })
  })
})
