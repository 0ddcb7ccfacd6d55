import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { controlDevice, setOnline } from '../../electron/sandbox/sim/device-behaviour'
import { errorCode, T0 } from './helpers'
import { controlsOf, cst, directCloud, type DirectCloud } from './intelligence-helpers'

let dc: DirectCloud
let light: { ProductId: string; DeviceName: string; deviceId: string }

beforeEach(() => {
  dc = directCloud(T0) // 08:00 China Standard Time, Wednesday 2025-01-01
  const d = dc.device('light')
  light = { ProductId: d.productId, DeviceName: d.deviceName, deviceId: d.deviceId }
})
afterEach(() => dc.stop())

const ids = () => ({ ProductId: light.ProductId, DeviceName: light.DeviceName })
const timer = (extra: Record<string, unknown> = {}) => ({
  ...ids(), TimerName: 'wake', Days: '0001000', TimePoint: '08:02', Repeat: 1, Data: '{"brightness": 42}', ...extra,
})
const list = () => dc.ok('AppGetTimerList', { ...ids(), Offset: 0, Limit: 50 })
const setBrightness = (value: number) => controlDevice(dc.cloud, dc.cloud.world.devices.get(light.deviceId)!, { brightness: value }, 'test')
const brightness = () => dc.cloud.world.devices.get(light.deviceId)!.properties.get('brightness')?.value

describe('timer management', () => {
  it('creates a timer (Response.Data) and lists it as the reference shows', () => {
    const created = dc.ok('AppCreateTimer', timer()).Data
    expect(created.TimerId).toMatch(/^[0-9a-f]{32}$/)
    expect(created.TimerName).toBe('wake')
    const { Total, TimerList } = list()
    expect(Total).toBe(1)
    expect(TimerList[0]).toEqual({
      TimerId: created.TimerId, TimerName: 'wake', ProductId: light.ProductId, DeviceName: light.DeviceName,
      Days: '0001000', TimePoint: '08:02', Repeat: 1, Data: '{"brightness": 42}', Status: 1,
      CreateTime: T0 / 1000, UpdateTime: T0 / 1000,
    })
  })

  it('lists the newest first, paged', () => {
    const first = dc.ok('AppCreateTimer', timer({ TimerName: 'first' })).Data.TimerId
    const second = dc.ok('AppCreateTimer', timer({ TimerName: 'second' })).Data.TimerId
    expect(list().TimerList.map((t: { TimerId: string }) => t.TimerId)).toEqual([second, first])
    const page = dc.ok('AppGetTimerList', { ...ids(), Offset: 1, Limit: 1 })
    expect(page).toMatchObject({ Total: 2, TimerList: [{ TimerId: first }] })
    expect(errorCode(dc.call('AppGetTimerList', { ...ids(), Limit: 51 }))).toBe('InvalidParameterValue')
  })

  it('modifies every setting and answers "9:30" as "09:30"', () => {
    const id = dc.ok('AppCreateTimer', timer()).Data.TimerId
    dc.clock.advance(60_000)
    expect(dc.ok('AppModifyTimer', { ...timer({ TimerName: 'later', Days: '1100000', TimePoint: '9:30', Repeat: 0, Data: '{"brightness": 28}' }), TimerId: id })).toEqual({ RequestId: expect.any(String) })
    expect(list().TimerList[0]).toMatchObject({ TimerName: 'later', Days: '1100000', TimePoint: '09:30', Repeat: 0, Data: '{"brightness": 28}', Status: 1, UpdateTime: T0 / 1000 + 60 })
  })

  it('switches a timer off and on', () => {
    const id = dc.ok('AppCreateTimer', timer()).Data.TimerId
    dc.ok('AppModifyTimerStatus', { ...ids(), TimerId: id, Status: 0 })
    expect(list().TimerList[0].Status).toBe(0)
    dc.ok('AppModifyTimerStatus', { ...ids(), TimerId: id, Status: '1' })
    expect(list().TimerList[0].Status).toBe(1)
    expect(errorCode(dc.call('AppModifyTimerStatus', { ...ids(), TimerId: id, Status: 2 }))).toBe('InvalidParameterValue')
    // The table marks Status optional; it is the value being changed.
    expect(errorCode(dc.call('AppModifyTimerStatus', { ...ids(), TimerId: id }))).toBe('ErrorRequiredParamNotFound')
  })

  it('deletes a timer once', () => {
    const id = dc.ok('AppCreateTimer', timer()).Data.TimerId
    dc.ok('AppDeleteTimer', { ...ids(), TimerId: id })
    expect(list().Total).toBe(0)
    expect(errorCode(dc.call('AppDeleteTimer', { ...ids(), TimerId: id }))).toBe('InvalidParameterValue')
  })

  it('refuses malformed settings with InvalidParameterValue', () => {
    const bad = [
      { Days: '100000' }, { Days: '1000002' }, { TimePoint: '24:00' }, { TimePoint: '0930' }, { Repeat: 2 },
      { Repeat: 1, Days: '0000000' }, { Data: 'not json' }, { Data: '[1]' }, { Data: '{"nope": 1}' },
      { Data: '{"brightness": 101}' }, { TimerName: ' ' },
    ]
    for (const extra of bad) expect(errorCode(dc.call('AppCreateTimer', timer(extra))), JSON.stringify(extra)).toBe('InvalidParameterValue')
    expect(errorCode(dc.call('AppCreateTimer', timer({ TimePoint: undefined })))).toBe('ErrorRequiredParamNotFound')
  })

  it('keeps other users devices and other devices timers out of reach', () => {
    const flat = dc.cloud.world.familiesOf(NEIGHBOUR_ACCOUNT.userId).find((f) => !f.family.members.has(DEMO_ACCOUNT.userId))!.family
    const theirs = dc.cloud.world.devicesIn(flat.familyId)[0]!
    const onTheirs = { ProductId: theirs.productId, DeviceName: theirs.deviceName }
    expect(errorCode(dc.call('AppCreateTimer', timer(onTheirs)))).toBe('InvalidParameterValue.NoPermission')
    expect(errorCode(dc.call('AppGetTimerList', onTheirs))).toBe('InvalidParameterValue.NoPermission')
    expect(errorCode(dc.call('AppGetTimerList', { ProductId: light.ProductId, DeviceName: 'no-such-device' }))).toBe('InvalidParameterValue')
    const id = dc.ok('AppCreateTimer', timer()).Data.TimerId
    const plug = dc.device('plug')
    const onPlug = { ProductId: plug.productId, DeviceName: plug.deviceName, TimerId: id }
    expect(errorCode(dc.call('AppDeleteTimer', onPlug))).toBe('InvalidParameterValue')
  })
})

describe('timers fire', () => {
  it('controls the device at its minute on its days, weekly', () => {
    setBrightness(5)
    dc.ok('AppCreateTimer', timer())
    dc.at(cst('08:01', 0, 59))
    expect(brightness()).toBe(5)
    dc.at(cst('08:02'))
    expect(brightness()).toBe(42)
    expect(controlsOf(dc.pushes, light.deviceId).at(-1)).toEqual({ brightness: 42 })
    const reports = dc.pushes.filter((p) => p.DeviceId === light.deviceId && p.Type === 'Property' && p.SubType === 'Report')
    expect(reports.at(-1)!.decoded.params).toEqual({ brightness: 42 })

    setBrightness(5)
    dc.at(cst('08:02', 0, 30)) // the same minute is handled once
    dc.at(cst('08:02', 1)) // Thursday: not marked
    expect(brightness()).toBe(5)
    dc.at(cst('08:02', 7)) // next Wednesday
    expect(brightness()).toBe(42)
    expect(list().TimerList[0].Status).toBe(1)
  })

  it('does not fire while disabled', () => {
    setBrightness(5)
    const id = dc.ok('AppCreateTimer', timer()).Data.TimerId
    dc.ok('AppModifyTimerStatus', { ...ids(), TimerId: id, Status: 0 })
    dc.at(cst('08:02'))
    expect(brightness()).toBe(5)
    dc.ok('AppModifyTimerStatus', { ...ids(), TimerId: id, Status: 1 })
    dc.at(cst('08:02', 7))
    expect(brightness()).toBe(42)
  })

  it('fires a one-off timer once, then shows it switched off', () => {
    setBrightness(5)
    dc.ok('AppCreateTimer', timer({ Repeat: 0, Days: '0000000', TimePoint: '08:03' }))
    dc.at(cst('08:03'))
    expect(brightness()).toBe(42)
    expect(list().TimerList[0].Status).toBe(0)
    setBrightness(5)
    dc.at(cst('08:03', 1))
    expect(brightness()).toBe(5)
  })

  it('skips an offline device (and a one-off timer is spent all the same)', () => {
    setBrightness(5)
    dc.ok('AppCreateTimer', timer({ Repeat: 0 }))
    setOnline(dc.cloud, dc.cloud.world.devices.get(light.deviceId)!, false)
    const before = controlsOf(dc.pushes, light.deviceId).length
    dc.at(cst('08:02'))
    expect(controlsOf(dc.pushes, light.deviceId)).toHaveLength(before)
    expect(list().TimerList[0].Status).toBe(0)
  })

  it('does not fire in the minute it was created or edited in, nor hours late', () => {
    setBrightness(5)
    dc.clock.advance(cst('08:02', 0, 20) - dc.clock.now())
    dc.ok('AppCreateTimer', timer())
    dc.at(cst('08:02', 0, 40))
    expect(brightness()).toBe(5)
    dc.at(cst('12:00', 7)) // the next Wednesday's 08:02 was missed by hours: not caught up
    expect(brightness()).toBe(5)
  })

  it('is run by the cloud loop without being called', async () => {
    setBrightness(5)
    dc.ok('AppCreateTimer', timer())
    dc.clock.advance(cst('08:02') - dc.clock.now())
    await vi.waitFor(() => expect(brightness()).toBe(42), { timeout: 3000, interval: 50 })
  })
})
