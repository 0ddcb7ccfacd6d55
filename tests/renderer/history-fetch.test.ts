// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectScope, isReactive, type EffectScope } from 'vue'
import type { HistoryFetchResult } from '@shared/history'
import { setDeskClient } from '@/bridge'
import { useHistoryFetch } from '@/composables/useHistoryFetch'
import { fail, fakeDesk, type FakeDesk } from './fake-desk'

let desk: FakeDesk
let scope: EffectScope
/** Pending fetches by job id, answered or failed by the test. */
let pending: Map<string, { resolve: (r: HistoryFetchResult) => void; reject: (e: unknown) => void }>

const answer = (deviceId: string, jobId: string, points: number): HistoryFetchResult => ({
  jobId,
  deviceId,
  fromMs: 0,
  toMs: 10,
  series: [{ property: 'temperature', times: Float64Array.from({ length: points }, (_, i) => i), values: new Float64Array(points).fill(20) }],
  events: [],
  fromCache: { points: 0, spans: 0 },
  fetched: { points, pages: 1, retries: 0, segments: 1 },
  cacheableUntilMs: 0,
})

beforeEach(() => {
  pending = new Map()
  desk = fakeDesk({
    'history.fetch': (args) => new Promise((resolve, reject) => pending.set(args.jobId!, { resolve, reject })),
  })
  // Cancelling a job makes its fetch fail as main does: a 'cancelled' error.
  desk.handlers['history.cancel'] = ({ jobId }) => {
    const job = pending.get(jobId)
    pending.delete(jobId)
    try {
      fail({ kind: 'cancelled', code: 'Desk.Cancelled' })
    } catch (error) {
      job?.reject(error)
    }
    return { cancelled: Boolean(job) }
  }
  setDeskClient(desk)
  scope = effectScope()
})
afterEach(() => scope.stop())

const request = (deviceId: string) => ({ deviceId, properties: ['temperature'], fromMs: 0, toMs: 10 })
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('history fetch', () => {
  it('runs one job per device and sums their progress for one bar', async () => {
    const history = scope.run(() => useHistoryFetch())!
    const done = history.fetch([request('P/a'), request('P/b')])
    await tick()
    const [a, b] = [...pending.keys()]
    expect(history.status.value).toBe('loading')
    desk.emit('history.progress', { jobId: a!, points: 100, pages: 1, segmentsDone: 1, segmentsTotal: 8 })
    desk.emit('history.progress', { jobId: b!, points: 50, pages: 2, segmentsDone: 3, segmentsTotal: 8 })
    desk.emit('history.progress', { jobId: 'someone-else', points: 999, pages: 9, segmentsDone: 9, segmentsTotal: 9 })
    expect(history.progress.value).toEqual({ points: 150, pages: 3, segmentsDone: 4, segmentsTotal: 16 })
    pending.get(a!)!.resolve(answer('P/a', a!, 3))
    pending.get(b!)!.resolve(answer('P/b', b!, 2))
    await done
    expect(history.status.value).toBe('ready')
    expect(history.results.value.map((r) => r.deviceId)).toEqual(['P/a', 'P/b'])
    // A million points must never be made reactive.
    expect(isReactive(history.results.value[0]!.series)).toBe(false)
  })

  it('cancels every job and ends as cancelled, not as an error', async () => {
    const history = scope.run(() => useHistoryFetch())!
    const done = history.fetch([request('P/a'), request('P/b')])
    await tick()
    await history.cancel()
    await done
    expect(desk.calls.filter((c) => c.command === 'history.cancel')).toHaveLength(2)
    expect(history.status.value).toBe('cancelled')
    expect(history.error.value).toBeNull()
  })

  it('keeps the failure with its code and RequestId, and stops the other jobs', async () => {
    const history = scope.run(() => useHistoryFetch())!
    const done = history.fetch([request('P/a'), request('P/b')])
    await tick()
    const [a] = [...pending.keys()]
    try {
      fail({ kind: 'api', code: 'InternalError', message: 'busy', requestId: 'req-42' })
    } catch (error) {
      pending.get(a!)!.reject(error)
    }
    pending.delete(a!)
    await done
    expect(history.status.value).toBe('error')
    expect(history.error.value).toMatchObject({ code: 'InternalError', requestId: 'req-42' })
    expect(pending.size).toBe(0)
  })

  it('drops the answer of a fetch replaced by a newer one', async () => {
    const history = scope.run(() => useHistoryFetch())!
    const first = history.fetch([request('P/a')])
    await tick()
    const [old] = [...pending.keys()]
    const second = history.fetch([request('P/b')])
    await tick()
    await first
    const [fresh] = [...pending.keys()]
    expect(fresh).not.toBe(old)
    pending.get(fresh!)!.resolve(answer('P/b', fresh!, 1))
    await second
    expect(history.results.value.map((r) => r.deviceId)).toEqual(['P/b'])
    expect(history.status.value).toBe('ready')
  })
})
