import { describe, expect, it } from 'vitest'
import { actionsToCloud, conditionsToCloud, readActions, readConditions } from '../../electron/core/schedule/linkage-wire'
import { readTimer, timerParams } from '../../electron/core/schedule/timer-wire'
import { daysToMask, maskToDays, normalizeClock } from '../../electron/core/schedule/week-mask'
import { automationCommands } from '../../electron/core/schedule/automation-commands'
import { timersCommands } from '../../electron/core/schedule/timer-commands'
import { emptyThingModel } from '../../shared/thing-model'
import { scriptedCloud } from '../support/scripted-cloud'

const noModels = { productList: async () => [], deviceName: () => undefined, devices: async () => [] }

describe('day masks and clock times', () => {
  it('turns a set of days into the Sunday-first mask and back, in any order given', () => {
    expect(daysToMask(['fri', 'mon', 'sun'])).toBe('1100010')
    expect(daysToMask([])).toBe('0000000')
    expect(maskToDays('0111110')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri'])
    expect(maskToDays('1111111')).toHaveLength(7)
  })

  it('reads no days from a mask that is not seven 0/1 characters', () => {
    for (const bad of ['011111', '01111102', 'abcdefg', '']) expect(maskToDays(bad)).toBeNull()
  })

  it('pads a clock time the cloud prints without its zero ("9:30") and refuses what is no time', () => {
    expect(normalizeClock('9:30')).toBe('09:30')
    expect(normalizeClock(' 23:59 ')).toBe('23:59')
    for (const bad of ['24:00', '12:60', '930', '9:3', '']) expect(normalizeClock(bad)).toBeNull()
  })
})

describe('timers on the wire', () => {
  it('sends days as Days, values as Data JSON, repeat as Repeat', () => {
    expect(timerParams('P1/lamp', { name: 'Wake', days: ['sat', 'sun'], time: '07:00', repeat: false, values: { power_switch: 1 } })).toEqual({
      ProductId: 'P1', DeviceName: 'lamp', TimerName: 'Wake', Days: '1000001', TimePoint: '07:00', Repeat: 0, Data: '{"power_switch":1}',
    })
  })

  it('reads a listed timer, and says what is wrong with a mask it cannot read', () => {
    const item = { TimerId: 't1', TimerName: 'Wake', ProductId: 'P1', DeviceName: 'lamp', Days: '0100000', TimePoint: '9:30', Repeat: 1, Data: '{"brightness":25}', Status: 0, CreateTime: 1, UpdateTime: 2 }
    expect(readTimer(item)).toEqual({ timer: {
      timerId: 't1', deviceId: 'P1/lamp', name: 'Wake', days: ['mon'], time: '09:30', repeat: true, values: { brightness: 25 }, enabled: false, createTime: 1, updateTime: 2,
    } })
    expect(readTimer({ ...item, Days: '01' })).toEqual({ problem: expect.stringContaining('Days "01"') })
    expect(readTimer({ ...item, Data: 'not json' })).toMatchObject({ timer: { values: {} } })
  })

  it('a malformed timer list is a typed error naming the action, not a crash', async () => {
    const cloud = scriptedCloud({ AppGetTimerList: [{ Total: 1, TimerList: [{ TimerId: 't', ProductId: 'P', DeviceName: 'd', Days: '9', TimePoint: '07:00' }] }] })
    await expect(timersCommands(cloud.call, noModels)['timers.list']({ deviceId: 'P/d' })).rejects.toMatchObject({
      code: 'Desk.MalformedResponse', action: 'AppGetTimerList', message: expect.stringContaining('Days "9"'),
    })
  })
})

describe('actions and conditions on the wire', () => {
  it('numbers each action by its type, with Data as the reference prints it', () => {
    expect(actionsToCloud([
      { kind: 'control', deviceId: 'P1/lamp', values: { power_switch: 1 } },
      { kind: 'delay', seconds: 100 },
      { kind: 'runScene', sceneId: 's_1' },
      { kind: 'notify', text: 'hi' },
    ])).toEqual([
      { ActionType: 0, ProductId: 'P1', DeviceName: 'lamp', Data: '{"power_switch":1}' },
      { ActionType: 1, Data: '100' },
      { ActionType: 2, Data: 's_1' },
      { ActionType: 3, Data: 'hi' },
    ])
  })

  it('gives conditions unique CondIds and their type numbers', () => {
    expect(conditionsToCloud([
      { kind: 'property', deviceId: 'P2/sensor', propertyId: 'temperature', op: 'gt', value: 28 },
      { kind: 'time', days: ['mon'], time: '06:30' },
    ])).toEqual([
      { CondId: '1', CondType: 0, Property: { ProductId: 'P2', DeviceName: 'sensor', PropertyId: 'temperature', Op: 'gt', Value: 28 } },
      { CondId: '2', CondType: 1, Timer: { Days: '0100000', TimePoint: '06:30' } },
    ])
  })

  it('reads actions and conditions back, accepting the example\'s "equal" and naming the device as listed', () => {
    expect(readActions([
      { ActionType: 0, ProductId: 'P1', DeviceName: 'lamp', AliasName: 'Desk lamp', Data: '{"power_switch":0}' },
      { ActionType: 1, ProductId: '', DeviceName: '', AliasName: '', Data: '100' },
    ])).toEqual({ value: [
      { kind: 'control', deviceId: 'P1/lamp', deviceName: 'Desk lamp', values: { power_switch: 0 } },
      { kind: 'delay', seconds: 100 },
    ] })
    expect(readConditions([
      { CondId: '1', CondType: 0, Property: { ProductId: 'P2', DeviceName: 's', AliasName: '', PropertyId: 'color', Op: 'equal', Value: 0 } },
      { CondId: '2', CondType: 1, Timer: { Days: '1000000', TimePoint: '7:05' } },
    ])).toEqual({ value: [
      { kind: 'property', deviceId: 'P2/s', propertyId: 'color', op: 'eq', value: 0 },
      { kind: 'time', days: ['sun'], time: '07:05' },
    ] })
  })

  it('says which item is wrong when the cloud sends an unknown type or operator', () => {
    expect(readActions([{ ActionType: 7, ProductId: '', DeviceName: '', AliasName: '', Data: '' }])).toEqual({ problem: expect.stringContaining('Actions[0]: ActionType 7') })
    expect(readConditions([{ CondId: '1', CondType: 0, Property: { ProductId: 'P', DeviceName: 'd', AliasName: '', PropertyId: 'x', Op: 'about', Value: 1 } }]))
      .toEqual({ problem: expect.stringContaining('Op "about"') })
    expect(readConditions([{ CondId: '1', CondType: 2 }])).toEqual({ problem: expect.stringContaining('CondType 2') })
  })

  it('sends nothing when a value misfits the thing model', async () => {
    const model = { ...emptyThingModel(), properties: [{ id: 'power_switch', name: 'Switch', desc: '', mode: 'rw' as const, spec: { type: 'bool' as const, mapping: { 0: 'off', 1: 'on' }, unit: '' } }] }
    const cloud = scriptedCloud({})
    const models = { productList: async () => [{ productId: 'P1', name: '', description: '', netType: '', categoryId: 0, thingModel: model }], deviceName: () => 'Desk lamp' }
    const create = automationCommands(cloud.call, models)['scenes.create']
    await expect(create({ familyId: 'f', name: 'S', icon: '', actions: [{ kind: 'control', deviceId: 'P1/lamp', values: { power_switch: 2 } }] }))
      .rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('"Desk lamp" (P1/lamp)') })
    expect(cloud.sent).toEqual([])
  })
})
