/** Message Management over loopback HTTP: the seeded inbox, device alerts, paging, deletion. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_PER_INBOX } from '../../electron/sandbox/messages/inbox'
import { errorCode, T0, tokenapi, type Json } from './helpers'
import { codeOf, deviceOf, familyId, inbox, join, ok, shareDevice, startHomes, wechatUser, type Homes } from './homes-helpers'

let h: Homes
beforeEach(async () => {
  h = await startHomes()
})
afterEach(() => h.sb.close())

const DAY = 86_400_000

describe('a fresh inbox', () => {
  it('holds recent alerts of the demo home and the notice of joining the cottage', async () => {
    const body = await tokenapi(h.sb, h.demo.token, 'AppGetMessages', { Category: 1, MsgID: '', MsgTimestamp: 0, Limit: 100 })
    expect(Object.keys(body.Response).sort()).toEqual(['Data', 'RequestId'])
    const { Listover, Msgs } = body.Response.Data
    expect(Listover).toBe(true)
    expect(Msgs).toHaveLength(3)
    const home = familyId(h.sb, 'Home')
    for (const m of Msgs as Json[]) {
      expect(m).toMatchObject({ UserID: h.demo.userId, Category: 1, FamilyId: home, FamilyName: 'Home', FromUserID: '', RelateUserID: '' })
      expect([100, 101]).toContain(m.MsgType)
      expect(h.sb.world.devices.get(`${m.ProductId}/${m.DeviceName}`)?.familyId).toBe(home)
      expect(m.MsgTimestamp).toBeLessThan(T0)
      expect(m.MsgTimestamp).toBeGreaterThanOrEqual(T0 - 3 * DAY)
      expect(m.CreateAt).toBe(new Date(m.MsgTimestamp).toISOString().replace(/\.?0*Z$/, 'Z'))
      expect(m.MsgID).toMatch(/^\d{16}$/)
    }
    const family = await inbox(h.sb, h.demo, 2)
    expect(family).toHaveLength(1)
    expect(family[0]).toMatchObject({
      MsgType: 200, MsgTitle: 'Member addition result notification', FamilyId: familyId(h.sb, 'Holiday cottage'),
      FromUserID: h.neighbour.userId, RelateUserID: h.demo.userId,
    })
    expect(await inbox(h.sb, h.demo, 3)).toEqual([])
  })

  it('is the same for the same seed and differs for another', async () => {
    const read = async (homes: Homes) => (await ok(homes.sb, homes.demo, 'AppGetMessages', { Category: 1, Limit: 100 })).Msgs
    const twin = await startHomes()
    const other = await startHomes({ seed: 2 })
    try {
      expect(await read(twin)).toEqual(await read(h))
      expect(await read(other)).not.toEqual(await read(h))
    } finally {
      await Promise.all([twin.sb.close(), other.sb.close()])
    }
  })
})

describe('device messages', () => {
  it('reach every member of the device family for alerts and faults, not for info events', async () => {
    await join(h.sb, h.demo, h.neighbour, familyId(h.sb, 'Home'))
    const light = deviceOf(h.sb, 'Home', 'light')
    const guest = await wechatUser(h.sb, 'guest')
    await shareDevice(h.sb, h.demo, guest, light)
    const before = (await inbox(h.sb, h.demo, 1)).length
    h.clock.advance(1000)
    h.sb.control.raiseEvent(light.deviceId, 'low_voltage', { voltage: 3.3 })
    h.sb.control.raiseEvent(light.deviceId, 'status_report', { status: 1, message: 'fine' })
    h.clock.advance(1000)
    h.sb.control.raiseEvent(light.deviceId, 'hardware_fault', { name: 'driver', error_code: 17 })
    for (const who of [h.demo, h.neighbour]) {
      const [fault, alert] = await inbox(h.sb, who, 1)
      const alias = h.sb.world.devices.get(light.deviceId)!.aliasName
      expect(alert).toMatchObject({ MsgType: 100, MsgTitle: 'Device Warning', ProductId: light.ProductId, DeviceName: light.DeviceName, DeviceAlias: alias, MsgTimestamp: T0 + 1000 })
      expect(alert!.MsgContent).toContain('LowVoltage (voltage=3.3)')
      expect(fault).toMatchObject({ MsgType: 101, MsgTitle: 'Device Fault', MsgTimestamp: T0 + 2000, UserID: who.userId })
    }
    expect(await inbox(h.sb, h.demo, 1)).toHaveLength(before + 2)
    expect(await inbox(h.sb, guest, 1)).toEqual([])
  })
})

describe('reading and deleting', () => {
  /** Eight more alerts: four at distinct times, then four in the same millisecond. */
  async function raiseAlerts(): Promise<void> {
    const light = deviceOf(h.sb, 'Home', 'light')
    for (let i = 0; i < 4; i++) {
      h.clock.advance(1000)
      h.sb.control.raiseEvent(light.deviceId, 'low_voltage', { voltage: i })
    }
    h.clock.advance(1000)
    for (let i = 0; i < 4; i++) h.sb.control.raiseEvent(light.deviceId, 'low_voltage', { voltage: 10 + i })
  }

  it('pages newest first behind the last MsgID + MsgTimestamp; Listover once nothing is left', async () => {
    await raiseAlerts()
    const all = await inbox(h.sb, h.demo, 1)
    expect(all).toHaveLength(11)
    expect(all.map((m) => m.MsgTimestamp)).toEqual([...all.map((m) => m.MsgTimestamp)].sort((a, b) => b - a))
    const seen: Json[] = []
    const overs: boolean[] = []
    let cursor = { MsgID: '', MsgTimestamp: 0 }
    for (let page = 0; page < 10 && !overs.at(-1); page++) {
      const { Msgs, Listover } = await ok(h.sb, h.demo, 'AppGetMessages', { Category: 1, ...cursor, Limit: 3 })
      seen.push(...Msgs)
      overs.push(Listover)
      const last = Msgs.at(-1)
      cursor = { MsgID: last.MsgID, MsgTimestamp: last.MsgTimestamp }
    }
    expect(overs).toEqual([false, false, false, true])
    expect(seen).toEqual(all)

    const exact = await ok(h.sb, h.demo, 'AppGetMessages', { Category: 1, MsgID: all[7]!.MsgID, MsgTimestamp: all[7]!.MsgTimestamp, Limit: 3 })
    expect(exact).toMatchObject({ Listover: true, Msgs: all.slice(8) })
    const byTime = await ok(h.sb, h.demo, 'AppGetMessages', { Category: 1, MsgTimestamp: all[0]!.MsgTimestamp, Limit: 100 })
    expect(byTime.Msgs).toEqual(all.slice(4))
    const byId = await ok(h.sb, h.demo, 'AppGetMessages', { Category: 1, MsgID: all[1]!.MsgID, Limit: 100 })
    expect(byId.Msgs).toEqual(all.slice(2))
  })

  it(`keeps each user's newest ${MAX_PER_INBOX} messages of a category`, async () => {
    const light = deviceOf(h.sb, 'Home', 'light')
    for (let i = 0; i < MAX_PER_INBOX + 20; i++) {
      h.clock.advance(1)
      h.sb.control.raiseEvent(light.deviceId, 'low_voltage', { voltage: i % 24 })
    }
    const kept: Json[] = []
    let cursor = {}
    for (let over = false; !over; ) {
      const page = await ok(h.sb, h.demo, 'AppGetMessages', { Category: 1, ...cursor, Limit: 100 })
      kept.push(...page.Msgs)
      over = page.Listover
      cursor = { MsgID: page.Msgs.at(-1).MsgID, MsgTimestamp: page.Msgs.at(-1).MsgTimestamp }
    }
    expect(kept).toHaveLength(MAX_PER_INBOX)
    expect(kept[0]!.MsgTimestamp).toBe(T0 + MAX_PER_INBOX + 20)
    expect(await inbox(h.sb, h.demo, 2)).toHaveLength(1)
  })

  it('checks Category and Limit', async () => {
    const get = (params: Json) => codeOf(h.sb, h.demo, 'AppGetMessages', params)
    expect(await get({ Category: 4, Limit: 5 })).toBe('InvalidParameterValue')
    expect(await get({ Category: 1, Limit: 0 })).toBe('InvalidParameterValue')
    expect(await get({ Category: 1, Limit: 101 })).toBe('InvalidParameterValue')
    expect(await get({ Category: 1 })).toBe('ErrorRequiredParamNotFound')
    expect(await get({ Limit: 5 })).toBe('ErrorRequiredParamNotFound')
  })

  it('deletes a message of one own inbox only, its MsgID sent as a number as in the example', async () => {
    const [first, second] = await inbox(h.sb, h.demo, 1)
    expect(await codeOf(h.sb, h.neighbour, 'AppDeleteMessage', { MsgID: first!.MsgID })).toBe('InvalidParameterValue.MsgIDInvalid')
    const body = await tokenapi(h.sb, h.demo.token, 'AppDeleteMessage', { MsgID: Number(first!.MsgID) })
    expect(body.Response).toEqual({ Data: 'OK', RequestId: expect.any(String) })
    expect((await inbox(h.sb, h.demo, 1)).map((m) => m.MsgID)).not.toContain(first!.MsgID)
    expect(errorCode(await tokenapi(h.sb, h.demo.token, 'AppDeleteMessage', { MsgID: first!.MsgID }))).toBe('InvalidParameterValue.MsgIDInvalid')
    expect(await codeOf(h.sb, h.demo, 'AppDeleteMessage', {})).toBe('ErrorRequiredParamNotFound')
    // A cursor on a deleted message still pages on from where it was.
    const after = await ok(h.sb, h.demo, 'AppGetMessages', { Category: 1, MsgID: first!.MsgID, Limit: 100 })
    expect(after.Msgs[0].MsgID).toBe(second!.MsgID)
  })
})
