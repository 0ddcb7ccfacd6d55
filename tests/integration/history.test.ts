/**
 * History through the core's bridge against the sandbox cloud: segmented fetching equals a
 * sequential fetch point for point, a failed page is retried, cancel stops every request,
 * the cache answers covered spans with no request and fetches only gaps, and the cap evicts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HistoryFetchResult } from '../../shared/history'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

const DAY = 86_400_000
const HISTORY_ACTIONS = new Set(['AppGetDeviceDataHistory', 'AppListEventHistory'])

let app: DeskUnderTest | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

interface SentCall {
  Action: string
  MinTime?: number
  MaxTime?: number
  StartTime?: number
  EndTime?: number
  Context?: string
}

/** The desk on a quiet sandbox, every history request it sends recorded. */
async function historyDesk(onAnswer?: (call: SentCall, text: string, t: DeskUnderTest) => void) {
  const sent: SentCall[] = []
  const holder: { desk?: DeskUnderTest } = {}
  const recording: typeof fetch = async (input, init) => {
    const body = (typeof init?.body === 'string' ? JSON.parse(init.body) : {}) as SentCall
    if (HISTORY_ACTIONS.has(body.Action)) sent.push(body)
    const response = await fetch(input, init)
    if (onAnswer && holder.desk && HISTORY_ACTIONS.has(body.Action)) onAnswer(body, await response.clone().text(), holder.desk)
    return response
  }
  const desk = await deskOnSandbox({ desk: { fetch: recording, history: { retry: { delaysMs: [20, 40, 80], jitterMs: 10 } } } })
  holder.desk = desk
  await desk.signInDemo()
  return { t: desk, sent }
}

/** Sensors of the demo home with at least a week of history: temperature every 5 minutes. */
function sensors(t: DeskUnderTest, count: number): string[] {
  const home = t.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const found = t.sandbox.world
    .devicesIn(home.familyId)
    .filter((d) => t.sandbox.world.products.get(d.productId)?.kind === 'sensor' && d.createTime * 1000 < Date.now() - 7 * DAY)
  if (found.length < count) throw new Error(`fewer than ${count} sensors old enough in the demo home`)
  return found.slice(0, count).map((d) => d.deviceId)
}

const sensor = (t: DeskUnderTest): string => sensors(t, 1)[0]!

/** The last seven days, ending before the unsettled last minutes so all of it is cacheable. */
function lastWeek(): { fromMs: number; toMs: number } {
  const toMs = Date.now() - 10 * 60_000
  return { fromMs: toMs - 7 * DAY + 20 * 60_000, toMs }
}

const timesOf = (result: HistoryFetchResult, i = 0) => result.series[i]!.times

describe('history on the sandbox', () => {
  it('segmented fetching equals a sequential fetch point for point over 7 days', async () => {
    const { t, sent } = await historyDesk()
    app = t
    const args = { deviceId: sensor(t), properties: ['temperature', 'humidity'], ...lastWeek() }
    const sequential = await t.run('history.fetch', { ...args, segments: 1 })
    const sequentialCalls = sent.length
    await t.run('history.clearCache')
    const segmented = await t.run('history.fetch', { ...args, segments: 8, jobId: 'week-8' })

    expect(segmented.series).toEqual(sequential.series)
    expect(segmented.events).toEqual(sequential.events)
    const times = timesOf(segmented)
    expect(times.length).toBeGreaterThan(1_900) // every 5 minutes for a week, less the jitter at the ends
    times.slice(1).forEach((time, i) => expect(time).toBeGreaterThan(times[i]!))
    expect(times[0]).toBeGreaterThanOrEqual(args.fromMs)
    expect(times[times.length - 1]).toBeLessThanOrEqual(args.toMs)
    // Numbers only: the values cross the bridge as a Float64Array, like the times.
    expect(segmented.series[0]!.values).toBeInstanceOf(Float64Array)
    expect(segmented.events.length).toBeGreaterThan(0)
    expect(segmented.fetched.segments).toBe(8 + 1) // 4 per property, and the events
    expect(sent.length - sequentialCalls).toBeGreaterThan(sequentialCalls) // a page per segment at least
    const progress = await t.waitForEvent('history.progress', (p) => p.jobId === 'week-8')
    expect(progress.segmentsTotal).toBe(9)
  })

  it('a page the cloud fails is retried and the range still comes back whole', async () => {
    let failures = 0
    const { t } = await historyDesk((_call, text, desk) => {
      // The sandbox's own fault injection, on for the first answers only.
      if (text.includes('InternalServerError') && failures++ === 0) desk.sandbox.control.setErrorRate(0)
    })
    app = t
    const args = { deviceId: sensor(t), properties: ['temperature'], ...lastWeek(), segments: 4 }
    const reference = await t.run('history.fetch', args)
    await t.run('history.clearCache')
    t.sandbox.control.setErrorRate(1)
    const retried = await t.run('history.fetch', args)
    expect(failures).toBeGreaterThan(0)
    expect(retried.fetched.retries).toBeGreaterThan(0)
    expect(retried.series).toEqual(reference.series)
    expect(retried.events).toEqual(reference.events)
  })

  it('a reopened range makes no request; a widened one asks only for the gaps', async () => {
    const { t, sent } = await historyDesk()
    app = t
    const week = lastWeek()
    const middle = { fromMs: week.fromMs + 2 * DAY, toMs: week.fromMs + 4 * DAY }
    const args = { deviceId: sensor(t), properties: ['temperature', 'humidity'] }
    const first = await t.run('history.fetch', { ...args, ...middle })
    const afterFirst = sent.length

    const reopened = await t.run('history.fetch', { ...args, ...middle })
    expect(sent.length).toBe(afterFirst)
    expect(reopened.series).toEqual(first.series)
    expect(reopened.events).toEqual(first.events)
    expect(reopened.fromCache.points).toBe(first.fetched.points)

    const widened = await t.run('history.fetch', { ...args, ...week })
    const gapCalls = sent.slice(afterFirst)
    expect(gapCalls.length).toBeGreaterThan(0)
    for (const call of gapCalls) {
      // An event is marked at its TimeStamp (whole seconds): asking seconds S..E asks for marks S*1000..E*1000.
      const [from, to] = call.Action === 'AppListEventHistory' ? [call.StartTime! * 1000, call.EndTime! * 1000] : [call.MinTime!, call.MaxTime!]
      expect(to < middle.fromMs || from > middle.toMs).toBe(true)
    }
    await t.run('history.clearCache')
    const scratch = await t.run('history.fetch', { ...args, ...week })
    expect(widened.series).toEqual(scratch.series)
    expect(widened.events).toEqual(scratch.events)
  })

  it('cancel aborts every request in flight and no further request is made', async () => {
    const { t, sent } = await historyDesk()
    app = t
    t.sandbox.control.setLatency(1_500)
    const fetching = t.fail('history.fetch', { deviceId: sensor(t), properties: ['temperature'], ...lastWeek(), segments: 8, jobId: 'to-cancel' })
    const deadline = Date.now() + 5_000
    while (sent.length < 9 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await t.run('history.cancel', { jobId: 'to-cancel' })).toEqual({ cancelled: true })
    expect(await fetching).toMatchObject({ kind: 'cancelled', code: 'Desk.Cancelled' })
    const calls = sent.length
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(sent.length).toBe(calls)
    expect(calls).toBe(9) // the first page of each segment and of the events, nothing after
    expect(await t.run('history.cancel', { jobId: 'to-cancel' })).toEqual({ cancelled: false })
  })

  it('signing out cancels a running fetch', async () => {
    const { t, sent } = await historyDesk()
    app = t
    t.sandbox.control.setLatency(1_000)
    const fetching = t.fail('history.fetch', { deviceId: sensor(t), properties: ['temperature'], ...lastWeek(), segments: 4 })
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await t.run('session.signOut', {})
    expect(await fetching).toMatchObject({ kind: 'cancelled', code: 'Desk.Cancelled' })
  })

  it('the cap evicts the least recently used spans, and is kept', async () => {
    const { t, sent } = await historyDesk()
    app = t
    const [a, b, c] = sensors(t, 3) as [string, string, string]
    const toMs = Date.now() - 10 * 60_000
    const day = (deviceId: string) => ({ deviceId, properties: ['temperature'], fromMs: toMs - DAY + 1, toMs, events: false })
    expect(await t.run('history.setCacheLimit', { maxPoints: 700 })).toMatchObject({ maxPoints: 700, points: 0 })
    await t.run('history.fetch', day(a)) // about 288 points a day each
    await t.run('history.fetch', day(b))
    await t.run('history.fetch', day(a)) // a is now used more recently than b
    await t.run('history.fetch', day(c)) // past the cap: b goes
    const stats = await t.run('history.cacheStats')
    expect(stats).toMatchObject({ maxPoints: 700, spans: 2 })
    expect(stats.points).toBeLessThanOrEqual(700)
    const before = sent.length
    await t.run('history.fetch', day(a))
    await t.run('history.fetch', day(c))
    expect(sent.length).toBe(before)
    await t.run('history.fetch', day(b))
    expect(sent.length).toBeGreaterThan(before)
  })

  it('refuses bad arguments and works only signed in', async () => {
    app = await deskOnSandbox()
    const base = { deviceId: 'SNS5T6H2BQ/th_0001', properties: ['temperature'], fromMs: 10, toMs: 20 }
    expect(await app.fail('history.fetch', base)).toMatchObject({ kind: 'session' })
    expect(await app.fail('history.fetch', { ...base, fromMs: 30 })).toMatchObject({ kind: 'validation' })
    expect(await app.fail('history.fetch', { ...base, properties: Array.from({ length: 9 }, (_, i) => `p${i}`) })).toMatchObject({ kind: 'validation' })
    expect(await app.fail('history.fetch', { ...base, properties: ['a', 'a'] })).toMatchObject({ kind: 'validation' })
    expect(await app.fail('history.fetch', { ...base, segments: 0 })).toMatchObject({ kind: 'validation' })
    expect(await app.fail('history.setCacheLimit', { maxPoints: -1 })).toMatchObject({ kind: 'validation' })
  })
})
