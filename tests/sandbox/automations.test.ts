import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { MAX_CASCADE } from '../../electron/sandbox/intelligence/automation-engine'
import { controlDevice, reportProperties } from '../../electron/sandbox/sim/device-behaviour'
import type { Device } from '../../electron/sandbox/world/model'
import { errorCode, T0, type Json } from './helpers'
import { controlsOf, cst, directCloud, type DirectCloud } from './intelligence-helpers'

let dc: DirectCloud
let light: Device
let sensor: Device

beforeEach(() => {
  dc = directCloud(T0) // 08:00 China Standard Time, Wednesday
  light = dc.device('light')
  sensor = dc.cloud.world.devicesIn(dc.homeId).find((d) => dc.cloud.world.products.get(d.productId)?.kind === 'sensor')!
  controlDevice(dc.cloud, light, { brightness: 5, power_switch: 0 }, 'test')
  report({ temperature: 20, humidity: 40 })
})
afterEach(() => dc.stop())

const report = (values: Record<string, number>) => reportProperties(dc.cloud, sensor, values, 'test')
const brightness = () => light.properties.get('brightness')?.value
const propertyCond = (condId: string, propertyId: string, op: string, value: number): Json => ({
  CondId: condId, CondType: 0,
  Property: { ProductId: sensor.productId, DeviceName: sensor.deviceName, PropertyId: propertyId, Op: op, Value: value },
})
const timerCond = (condId: string, timePoint: string, days = '0001000'): Json => ({ CondId: condId, CondType: 1, Timer: { Days: days, TimePoint: timePoint } })
const setLight = (value: number): Json => ({ ActionType: 0, ProductId: light.productId, DeviceName: light.deviceName, Data: JSON.stringify({ brightness: value }) })
const settings = (extra: Json = {}): Json => ({
  Icon: 'https://www.icon.com/', Name: 'Too hot', Status: 1, MatchType: 1,
  EffectiveBeginTime: '00:00', EffectiveEndTime: '23:59', EffectiveDays: '1111111',
  Conditions: [propertyCond('hot', 'temperature', 'gt', 30)], Actions: [setLight(77)], ...extra,
})
const create = (extra: Json = {}): string => dc.ok('AppCreateAutomation', { FamilyId: dc.homeId, ...settings(extra) }).AutomationId

describe('automation management', () => {
  it('describes what was created, with Op and TimePoint in their short forms', () => {
    const id = create({
      Status: 0,
      Conditions: [propertyCond('abc', 'temperature', 'equal', 25), timerCond('efg', '9:30', '1000000')],
      Actions: [{ ...setLight(25), AliasName: '12345', IconUrl: 'url' }, { ActionType: 1, Data: '100' }],
    })
    expect(id).toMatch(/^a_[0-9a-f]{32}$/)
    const body = dc.call('AppDescribeAutomation', { AutomationId: id })
    expect(body.Response.Data).toEqual({
      AutomationId: id, Icon: 'https://www.icon.com/', Name: 'Too hot', Status: 0, MatchType: 1,
      EffectiveBeginTime: '00:00', EffectiveEndTime: '23:59', EffectiveDays: '1111111',
      Conditions: [
        { CondId: 'abc', CondType: 0, Property: { ProductId: sensor.productId, DeviceName: sensor.deviceName, AliasName: sensor.aliasName, ...(sensor.iconUrl ? { IconUrl: sensor.iconUrl } : {}), PropertyId: 'temperature', Op: 'eq', Value: 25 } },
        { CondId: 'efg', CondType: 1, Timer: { Days: '1000000', TimePoint: '09:30' } },
      ],
      Actions: [
        { ActionType: 0, ProductId: light.productId, DeviceName: light.deviceName, Data: '{"brightness":25}', AliasName: '12345', IconUrl: 'url' },
        { ActionType: 1, Data: '100' },
      ],
    })
    expect(body.Response.RequestId).toEqual(expect.any(String))
  })

  it('lists, modifies, switches and deletes automations', () => {
    const id = create()
    expect(dc.ok('AppGetAutomationList', { FamilyId: dc.homeId }).List).toEqual([{ AutomationId: id, Icon: 'https://www.icon.com/', Name: 'Too hot', Status: 1 }])
    dc.ok('AppModifyAutomation', { AutomationId: id, ...settings({ Name: 'Cold', Conditions: [propertyCond('cold', 'temperature', 'lt', 5)] }) })
    expect(dc.ok('AppDescribeAutomation', { AutomationId: id }).Data).toMatchObject({ Name: 'Cold', Conditions: [{ CondId: 'cold', Property: { Op: 'lt', Value: 5 } }] })
    dc.ok('AppModifyAutomationStatus', { AutomationId: id, Status: 0 })
    expect(dc.ok('AppGetAutomationList', { FamilyId: dc.homeId }).List[0].Status).toBe(0)
    dc.ok('AppDeleteAutomation', { AutomationId: id })
    expect(dc.ok('AppGetAutomationList', { FamilyId: dc.homeId }).List).toEqual([])
    expect(errorCode(dc.call('AppDescribeAutomation', { AutomationId: id }))).toBe('InvalidParameterValue')
  })

  it('refuses malformed automations', () => {
    const bad: Json[] = [
      { Status: 2 }, { MatchType: 3 }, { EffectiveDays: '0000000' }, { EffectiveBeginTime: '7 am' }, { Conditions: [] },
      { Conditions: [propertyCond('a', 'temperature', 'like', 1)] }, { Conditions: [propertyCond('a', 'nope', 'eq', 1)] },
      { Conditions: [propertyCond('a', 'temperature', 'eq', 1), propertyCond('a', 'humidity', 'eq', 1)] },
      { Conditions: [{ CondId: 'a', CondType: 2 }] }, { Conditions: [timerCond('a', '25:00')] }, { Actions: [] },
    ]
    for (const extra of bad) expect(errorCode(dc.call('AppCreateAutomation', { FamilyId: dc.homeId, ...settings(extra) })), JSON.stringify(extra)).toBe('InvalidParameterValue')
    const many = Array.from({ length: 21 }, (_, i) => propertyCond(`c${i}`, 'temperature', 'gt', i))
    expect(errorCode(dc.call('AppCreateAutomation', { FamilyId: dc.homeId, ...settings({ Conditions: many }) }))).toBe('LimitExceeded')
  })

  it("refuses another user's family and automations", () => {
    const flat = dc.cloud.world.familiesOf(NEIGHBOUR_ACCOUNT.userId).find((f) => !f.family.members.has(DEMO_ACCOUNT.userId))!.family
    expect(errorCode(dc.call('AppCreateAutomation', { FamilyId: flat.familyId, ...settings() }))).toBe('InvalidParameterValue.NoPermission')
    expect(errorCode(dc.call('AppGetAutomationList', { FamilyId: flat.familyId }))).toBe('InvalidParameterValue.NoPermission')
    const id = create()
    for (const action of ['AppDescribeAutomation', 'AppDeleteAutomation']) {
      expect(errorCode(dc.call(action, { AutomationId: id }, 'neighbour')), action).toBe('InvalidParameterValue.NoPermission')
    }
    expect(errorCode(dc.call('AppModifyAutomationStatus', { AutomationId: id, Status: 0 }, 'neighbour'))).toBe('InvalidParameterValue.NoPermission')
  })
})

describe('automations run', () => {
  it('runs when a reported property meets its condition, once per change to true', () => {
    create()
    report({ temperature: 25 })
    expect(brightness()).toBe(5)
    report({ temperature: 31 })
    expect(brightness()).toBe(77)
    controlDevice(dc.cloud, light, { brightness: 5 }, 'test')
    report({ temperature: 35 }) // still true: no new run
    expect(brightness()).toBe(5)
    report({ temperature: 20 })
    report({ temperature: 33 })
    expect(brightness()).toBe(77)
  })

  it('does not run while disabled, nor for a condition already true when enabled', () => {
    const id = create({ Status: 0 })
    report({ temperature: 31 })
    expect(brightness()).toBe(5)
    dc.ok('AppModifyAutomationStatus', { AutomationId: id, Status: 1 })
    report({ temperature: 32 })
    expect(brightness()).toBe(5)
    report({ temperature: 20 })
    report({ temperature: 32 })
    expect(brightness()).toBe(77)
  })

  it('needs every condition with MatchType 0 and any with MatchType 1', () => {
    const conditions = [propertyCond('hot', 'temperature', 'gt', 30), propertyCond('humid', 'humidity', 'ge', 70)]
    create({ Name: 'and', MatchType: 0, Conditions: conditions, Actions: [setLight(60)] })
    create({ Name: 'or', MatchType: 1, Conditions: conditions, Actions: [setLight(61)] })
    const runs = () => controlsOf(dc.pushes, light.deviceId).map((c) => c.brightness).filter((b) => b === 60 || b === 61)
    report({ temperature: 31 })
    expect(runs()).toEqual([61])
    // Both now: AND at last; OR again, as one of its conditions turned true.
    report({ humidity: 70 })
    expect(runs()).toEqual([61, 60, 61])
    report({ temperature: 32, humidity: 71 })
    expect(runs()).toEqual([61, 60, 61])
  })

  it('runs at a timer condition minute, and with AND only if the properties hold then', () => {
    create({ Name: 'or', Conditions: [timerCond('t', '08:05')], Actions: [setLight(50)] })
    create({ Name: 'and', MatchType: 0, Conditions: [timerCond('t', '08:06'), propertyCond('hot', 'temperature', 'gt', 30)], Actions: [setLight(51)] })
    dc.at(cst('08:05'))
    expect(brightness()).toBe(50)
    dc.at(cst('08:06'))
    expect(brightness()).toBe(50) // not hot
    report({ temperature: 31 }) // an AND with a timer waits for the timer
    expect(brightness()).toBe(50)
    dc.at(cst('08:06', 7))
    expect(brightness()).toBe(51)
  })

  it('runs only inside its effective window and days', () => {
    create({ EffectiveBeginTime: '09:00', EffectiveEndTime: '10:00' })
    report({ temperature: 31 })
    expect(brightness()).toBe(5)
    report({ temperature: 20 })
    dc.clock.advance(cst('09:30') - dc.clock.now())
    report({ temperature: 31 })
    expect(brightness()).toBe(77)
    create({ Name: 'weekend', EffectiveDays: '1000001', Conditions: [propertyCond('h', 'humidity', 'gt', 50)], Actions: [setLight(9)] })
    report({ humidity: 60 })
    expect(brightness()).toBe(77)
  })

  it('runs a notification and stops automations that undo each other', () => {
    const switchCond = (value: number): Json => ({
      CondId: 'sw', CondType: 0,
      Property: { ProductId: light.productId, DeviceName: light.deviceName, PropertyId: 'power_switch', Op: 'eq', Value: value },
    })
    const toggle = (value: number): Json => ({ ActionType: 0, ProductId: light.productId, DeviceName: light.deviceName, Data: JSON.stringify({ power_switch: value }) })
    create({ Name: 'off again', Conditions: [switchCond(1)], Actions: [toggle(0), { ActionType: 3, Data: 'switched off' }] })
    create({ Name: 'on again', Conditions: [switchCond(0)], Actions: [toggle(1)] })
    const before = controlsOf(dc.pushes, light.deviceId).length
    controlDevice(dc.cloud, light, { power_switch: 1 }, 'user')
    const chain = controlsOf(dc.pushes, light.deviceId).length - before
    expect(chain).toBeGreaterThan(1)
    expect(chain).toBeLessThanOrEqual(MAX_CASCADE + 1)
    expect(dc.cloud.world.messages.some((m) => m.category === 3 && m.title === 'off again' && m.content === 'switched off')).toBe(true)
  })
})
