/**
 * Property and event history: deterministic backfill, exact Context/Listover paging,
 * template-true values, millisecond units, live changes recorded, event filters, access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT, type Device, type RunningSandbox } from '../../electron/sandbox'
import { cursorAfter, takePage, type Cursor } from '../../electron/sandbox/history/cursor'
import { LiveLog } from '../../electron/sandbox/history/live-log'
import type { ThingDefine } from '../../electron/sandbox/world/thing-model'
import { errorCode, signIn, T0, testClock, tokenapi, withSandbox, type Json } from './helpers'

const DAY = 86_400_000
const clock = testClock(T0 + 10 * DAY)
let sb: RunningSandbox
let token: string

beforeAll(async () => {
  sb = await withSandbox({ seed: 7, devices: 40, simulate: false, clock: clock.now })
  token = await signIn(sb)
})
afterAll(() => sb.close())

const now = () => sb.options.clock()

/** A device of the demo home; online unless `online` says otherwise (undefined: any). */
function demoDevice(world: RunningSandbox['world'], kind: string, online: boolean | undefined = true): Device {
  const home = world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const device = world.devicesIn(home.familyId).find((d) => world.products.get(d.productId)?.kind === kind && (online === undefined || d.online === online))
  if (!device) throw new Error(`no ${kind} in the demo home`)
  return device as Device
}

async function historyPage(s: RunningSandbox, t: string, params: Json): Promise<Json> {
  const body = await tokenapi(s, t, 'AppGetDeviceDataHistory', params)
  if (errorCode(body)) throw new Error(JSON.stringify(body))
  return body.Response
}

/** Every page of a range; checks each page's Listover/Context agree and no page is empty but a lone one. */
async function allHistory(s: RunningSandbox, t: string, params: Json, limit: number): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = []
  let context = ''
  for (let pages = 1; pages < 1000; pages++) {
    const page = await historyPage(s, t, { ...params, Limit: limit, Context: context })
    expect(page.Results.length).toBeLessThanOrEqual(limit)
    if (pages > 1) expect(page.Results.length).toBeGreaterThan(0)
    items.push(...page.Results)
    if (page.Listover) {
      expect(page.Context).toBe('')
      return { items, pages }
    }
    expect(page.Results.length).toBe(limit)
    expect(page.Context).not.toBe('')
    context = page.Context
  }
  throw new Error('history never ended')
}

async function allEvents(s: RunningSandbox, t: string, params: Json, size: number): Promise<Json[]> {
  const items: Json[] = []
  let context = ''
  for (;;) {
    const body = await tokenapi(s, t, 'AppListEventHistory', { ...params, Size: size, Context: context })
    if (errorCode(body)) throw new Error(JSON.stringify(body))
    const page = body.Response
    items.push(...page.EventHistory)
    expect(page.Total).toBeGreaterThanOrEqual(items.length)
    if (page.Listover) return items
    context = page.Context
  }
}

const weekOf = (device: Device, FieldName: string) => ({ DeviceId: device.deviceId, FieldName, MinTime: now() - 7 * DAY, MaxTime: now() })

describe('AppGetDeviceDataHistory', () => {
  it('pages a week of 5-minute temperatures exactly: Limit 100 pages equal Limit 500 pages', async () => {
    const sensor = demoDevice(sb.world, 'sensor')
    const small = await allHistory(sb, token, weekOf(sensor, 'temperature'), 100)
    const big = await allHistory(sb, token, weekOf(sensor, 'temperature'), 500)
    expect(small.items).toEqual(big.items)
    expect(small.pages).toBe(Math.ceil(small.items.length / 100))
    // About one report per 5 minutes for a week (the device's last report ends it).
    expect(small.items.length).toBeGreaterThan(7 * 288 - 30)
    expect(small.items.length).toBeLessThanOrEqual(7 * 288 + 1)
    const times = small.items.map((r) => Number(r.Time))
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!)
  })

  it('answers a light switch week in one big request, equal to small pages, ending on the current value', async () => {
    const light = demoDevice(sb.world, 'light')
    const one = await historyPage(sb, token, { ...weekOf(light, 'power_switch'), Limit: 500 })
    expect(one.Listover).toBe(true)
    expect(one.Context).toBe('')
    expect(one.FieldName).toBe('power_switch')
    expect(one.Results.length).toBeGreaterThan(20)
    const paged = await allHistory(sb, token, weekOf(light, 'power_switch'), 7)
    expect(paged.items).toEqual(one.Results)
    const last = one.Results.at(-1)
    const state = light.properties.get('power_switch')!
    expect(last).toEqual({ Time: String(state.lastUpdateMs), Value: String(state.value) })
  })

  it('takes ProductId + DeviceName as the example does, with times and values as strings in milliseconds', async () => {
    const sensor = demoDevice(sb.world, 'sensor')
    const min = now() - DAY
    const page = await historyPage(sb, token, { ProductId: sensor.productId, DeviceName: sensor.deviceName, FieldName: 'humidity', MinTime: min, MaxTime: now(), Limit: 20 })
    expect(page.Results).toHaveLength(20)
    expect(page.Listover).toBe(false)
    for (const r of page.Results) {
      expect(typeof r.Time).toBe('string')
      expect(typeof r.Value).toBe('string')
      expect(r.Time).toMatch(/^\d{13}$/)
      expect(Number(r.Time)).toBeGreaterThanOrEqual(min)
    }
    // The same range in seconds is 1970: nothing there.
    const seconds = await historyPage(sb, token, { DeviceId: sensor.deviceId, FieldName: 'humidity', MinTime: Math.floor(min / 1000), MaxTime: Math.floor(now() / 1000), Limit: 20 })
    expect(seconds).toMatchObject({ Results: [], Listover: true, Context: '' })
  })

  it('keeps every backfilled value inside its data template', async () => {
    for (const kind of ['light', 'plug', 'gateway', 'sensor', 'camera']) {
      const device = demoDevice(sb.world, kind)
      const template = sb.world.products.get(device.productId)!.dataTemplate
      for (const property of template.properties) {
        const { items } = await allHistory(sb, token, { ...weekOf(device, property.id), MinTime: now() - 2 * DAY }, 500)
        expect(items.length, `${kind}.${property.id}`).toBeGreaterThan(0)
        for (const r of items) expectInBounds(`${kind}.${property.id}`, property.define, r.Value, Number(r.Time))
      }
    }
  })

  it('records a control after start, at the LastUpdate AppGetDeviceData reports', async () => {
    const light = demoDevice(sb.world, 'light')
    clock.advance(60_000)
    const control = await tokenapi(sb, token, 'AppControlDeviceData', { ProductId: light.productId, DeviceName: light.deviceName, Data: JSON.stringify({ brightness: 42 }) })
    expect(errorCode(control)).toBeUndefined()
    clock.advance(1000)
    const data = JSON.parse((await tokenapi(sb, token, 'AppGetDeviceData', { DeviceId: light.deviceId })).Response.Data)
    const page = await historyPage(sb, token, { DeviceId: light.deviceId, FieldName: 'brightness', MinTime: now() - DAY, MaxTime: now(), Limit: 500 })
    expect(page.Results.at(-1)).toEqual({ Time: String(data.brightness.LastUpdate), Value: '42' })
  })

  it('refuses another user\'s device, an unknown property, a bad range, a bad Limit and a forged Context', async () => {
    const flat = [...sb.world.families.values()].find((f) => f.ownerId === NEIGHBOUR_ACCOUNT.userId && !f.members.has(DEMO_ACCOUNT.userId))!
    const foreign = sb.world.devicesIn(flat.familyId)[0]!
    const base = { DeviceId: foreign.deviceId, FieldName: 'power_switch', MinTime: now() - DAY, MaxTime: now(), Limit: 10 }
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceDataHistory', base))).toBe('InvalidParameterValue.NoPermission')
    const sensor = demoDevice(sb.world, 'sensor')
    const own = { ...base, DeviceId: sensor.deviceId, FieldName: 'temperature' }
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceDataHistory', { ...own, FieldName: 'nope' }))).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceDataHistory', { ...own, MinTime: now(), MaxTime: now() - 1 }))).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceDataHistory', { ...own, Limit: 501 }))).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceDataHistory', { ...own, Context: 'abc' }))).toBe('InvalidParameterValue')
  })
})

describe('AppListEventHistory', () => {
  it('filters by Type and EventId; the typed lists partition the whole', async () => {
    const light = demoDevice(sb.world, 'light')
    const base = { ProductID: light.productId, DeviceName: light.deviceName, StartTime: 0, EndTime: 0 }
    const all = await allEvents(sb, token, base, 100)
    expect(all.length).toBeGreaterThan(10)
    const byType: Record<string, Json[]> = {}
    for (const type of ['info', 'alert', 'fault']) {
      byType[type] = await allEvents(sb, token, { ...base, Type: type }, 100)
      for (const e of byType[type]!) expect(e.Type).toBe(type)
    }
    expect(byType.info!.length + byType.alert!.length + byType.fault!.length).toBe(all.length)
    const statusOnly = await allEvents(sb, token, { ...base, EventId: 'status_report' }, 100)
    expect(statusOnly.every((e) => e.EventId === 'status_report')).toBe(true)
    for (const e of all) {
      expect(e).toMatchObject({ ProductId: light.productId, DeviceName: light.deviceName })
      expect(String(e.TimeStamp)).toMatch(/^\d{10}$/)
      expect(typeof JSON.parse(e.Data)).toBe('object')
    }
    expect(errorCode(await tokenapi(sb, token, 'AppListEventHistory', { ...base, Type: 'warning' }))).toBe('InvalidParameterValue')
  })

  it('pages exactly in time order, Size or Limit, with Total for the whole range', async () => {
    const light = demoDevice(sb.world, 'light')
    const base = { ProductId: light.productId, DeviceName: light.deviceName, StartTime: Math.floor((now() - 7 * DAY) / 1000), EndTime: Math.floor(now() / 1000) }
    const whole = await allEvents(sb, token, base, 100)
    const paged = await allEvents(sb, token, base, 3)
    expect(paged).toEqual(whole)
    for (let i = 1; i < whole.length; i++) expect(whole[i]!.TimeStamp).toBeGreaterThanOrEqual(whole[i - 1]!.TimeStamp)
    const first = (await tokenapi(sb, token, 'AppListEventHistory', { ...base, Limit: 2 })).Response
    expect(first.EventHistory).toHaveLength(2)
    expect(first).toMatchObject({ Total: whole.length, Listover: false })
    expect(first).not.toHaveProperty('ClientToken')
  })

  it('records events raised after start', async () => {
    const sensor = demoDevice(sb.world, 'sensor')
    clock.advance(5000)
    sb.control.raiseEvent(sensor.deviceId, 'low_battery', { battery: 7 })
    const events = await allEvents(sb, token, { ProductId: sensor.productId, DeviceName: sensor.deviceName, Type: 'alert' }, 100)
    expect(events.at(-1)).toMatchObject({ EventId: 'low_battery', Type: 'alert', TimeStamp: Math.floor(now() / 1000) })
    expect(JSON.parse(events.at(-1)!.Data)).toEqual({ battery: 7 })
  })

  it('refuses another user\'s device', async () => {
    const flat = [...sb.world.families.values()].find((f) => f.ownerId === NEIGHBOUR_ACCOUNT.userId && !f.members.has(DEMO_ACCOUNT.userId))!
    const foreign = sb.world.devicesIn(flat.familyId)[0]!
    const body = await tokenapi(sb, token, 'AppListEventHistory', { ProductId: foreign.productId, DeviceName: foreign.deviceName })
    expect(errorCode(body)).toBe('InvalidParameterValue.NoPermission')
  })
})

describe('determinism', () => {
  it('gives the same history and events for the same seed, and other ones for another seed', async () => {
    const start = T0 + 10 * DAY
    const [a, b, c] = await Promise.all([1, 1, 2].map((seed) => withSandbox({ seed, devices: 30, simulate: false, clock: () => start })))
    try {
      const fetch = async (s: RunningSandbox) => {
        const t = await signIn(s)
        const sensor = demoDevice(s.world, 'sensor', undefined)
        const range = { DeviceId: sensor.deviceId, FieldName: 'temperature', MinTime: start - 2 * DAY, MaxTime: start }
        const points = (await allHistory(s, t, range, 500)).items
        const events = await allEvents(s, t, { ProductId: sensor.productId, DeviceName: sensor.deviceName }, 100)
        return { points, events }
      }
      const [ha, hb, hc] = await Promise.all([a!, b!, c!].map(fetch))
      expect(ha).toEqual(hb)
      expect(ha!.points.length).toBeGreaterThan(100)
      expect(hc!.points).not.toEqual(ha!.points)
    } finally {
      await Promise.all([a!, b!, c!].map((s) => s.close()))
    }
  })
})

describe('cursors and the live log', () => {
  it('pages through items that share a millisecond without repeating or losing any', () => {
    const items = [1, 2, 2, 2, 2, 2, 3, 4, 4, 5].map((timeMs, i) => ({ timeMs, i }))
    for (const limit of [1, 2, 3, 4, 10]) {
      const seen: number[] = []
      let cursor: Cursor | undefined
      for (;;) {
        const { page, more } = takePage(items, cursor, limit)
        seen.push(...page.map((p) => p.i))
        if (!more) break
        cursor = cursorAfter(page, cursor)
      }
      expect(seen, `limit ${limit}`).toEqual(items.map((p) => p.i))
    }
  })

  it('keeps the live log in time order and within its caps', () => {
    const log = new LiveLog<{ timeMs: number }>(5, 8)
    for (const timeMs of [10, 30, 20, 40, 50, 60]) log.append('a', { timeMs })
    expect([...log.range('a', 0, 100)].map((p) => p.timeMs)).toEqual([20, 30, 40, 50, 60])
    for (const timeMs of [1, 2, 3, 4]) log.append('b', { timeMs })
    const total = [...log.range('a', 0, 100)].length + [...log.range('b', 0, 100)].length
    expect(total).toBeLessThanOrEqual(8)
    expect([...log.range('b', 0, 100)].map((p) => p.timeMs)).toEqual([3, 4])
  })

  it('keeps live reports as bare values and gives them back as points, in order and within range', () => {
    const packed: unknown[] = []
    const codec = {
      pack: (p: { timeMs: number; value: number }) => (packed.push(p.value), p.value),
      unpack: (timeMs: number, value: number) => ({ timeMs, value }),
    }
    const log = new LiveLog(5, 100, codec)
    for (const [timeMs, value] of [[10, 1], [30, 3], [20, 2], [40, 4]] as const) log.append('a', { timeMs, value })
    expect(packed).toEqual([1, 3, 2, 4])
    expect([...log.range('a', 15, 35)]).toEqual([{ timeMs: 20, value: 2 }, { timeMs: 30, value: 3 }])
  })
})

/** A history Value (a string) against its define. */
function expectInBounds(what: string, define: ThingDefine, text: string, timeMs: number): void {
  switch (define.type) {
    case 'bool':
    case 'enum':
      expect(Object.keys(define.mapping), what).toContain(text)
      return
    case 'int':
    case 'float': {
      const n = Number(text)
      expect(n, what).toBeGreaterThanOrEqual(Number(define.min))
      expect(n, what).toBeLessThanOrEqual(Number(define.max))
      const steps = (n - Number(define.min)) / Number(define.step)
      expect(Math.abs(steps - Math.round(steps)), `${what} ${text} on the step grid`).toBeLessThan(1e-6)
      if (define.type === 'int') expect(Number.isInteger(n), what).toBe(true)
      return
    }
    case 'string':
      expect(text.length, what).toBeLessThanOrEqual(Number(define.max))
      return
    case 'timestamp':
      expect(Number(text), what).toBeLessThanOrEqual(Math.floor(timeMs / 1000))
      return
    case 'struct': {
      const value = JSON.parse(text) as Record<string, string | number>
      for (const member of define.specs) expectInBounds(`${what}.${member.id}`, member.dataType, String(value[member.id]), timeMs)
    }
  }
}
