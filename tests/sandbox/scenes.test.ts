import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { controlDevice, setOnline } from '../../electron/sandbox/sim/device-behaviour'
import type { Device } from '../../electron/sandbox/world/model'
import { errorCode, T0, type Json } from './helpers'
import { controlsOf, directCloud, type DirectCloud } from './intelligence-helpers'

let dc: DirectCloud
let light: Device
let plug: Device

beforeEach(() => {
  dc = directCloud(T0)
  light = dc.device('light')
  plug = dc.device('plug')
  controlDevice(dc.cloud, light, { brightness: 5, power_switch: 0 }, 'test')
  controlDevice(dc.cloud, plug, { power_switch: 0 }, 'test')
})
afterEach(() => {
  vi.useRealTimers()
  dc.stop()
})

const control = (d: Device, data: Record<string, unknown>): Json => ({ ActionType: 0, ProductId: d.productId, DeviceName: d.deviceName, Data: JSON.stringify(data) })
const create = (actions: Json[], name = 'Evening'): string =>
  dc.ok('AppCreateScene', { FamilyId: dc.homeId, SceneName: name, SceneIcon: 'icon', Actions: actions }).SceneId
const list = (): Json[] => dc.ok('AppGetSceneList', { FamilyId: dc.homeId, Offset: 0, Limit: 50 }).SceneList
const value = (d: Device, id: string) => d.properties.get(id)?.value
const notices = () => dc.cloud.world.messages.filter((m) => m.category === 3 && m.msgType === 310)

describe('scene management', () => {
  it('creates an s_ scene and lists it as the reference shows', () => {
    const id = create([control(light, { brightness: 25 }), { ActionType: 1, Data: '100' }])
    expect(id).toMatch(/^s_[0-9a-f]{32}$/)
    const body = dc.ok('AppGetSceneList', { FamilyId: dc.homeId, Offset: 0, Limit: 10 })
    expect(body.Total).toBe(1)
    expect(body.SceneList[0]).toEqual({
      SceneId: id, FamilyId: dc.homeId, SceneName: 'Evening', SceneIcon: 'icon',
      Actions: [
        { ActionType: 0, ProductId: light.productId, DeviceName: light.deviceName, Data: '{"brightness":25}', AliasName: light.aliasName, ...(light.iconUrl ? { IconUrl: light.iconUrl } : {}) },
        { ActionType: 1, Data: '100' },
      ],
      UserId: DEMO_ACCOUNT.userId, CreateTime: T0 / 1000, UpdateTime: T0 / 1000, Flag: 0, Status: 0,
    })
  })

  it('modifies and deletes a scene', () => {
    const id = create([control(light, { brightness: 25 })])
    dc.ok('AppModifyScene', { SceneId: id, SceneName: 'Night', SceneIcon: 'moon', Actions: [{ ActionType: 3, Data: 'Good night' }] })
    expect(list()[0]).toMatchObject({ SceneName: 'Night', SceneIcon: 'moon', Actions: [{ ActionType: 3, Data: 'Good night' }] })
    dc.ok('AppDeleteScene', { SceneId: id })
    expect(list()).toEqual([])
    expect(errorCode(dc.call('AppRunScene', { SceneId: id }))).toBe('InvalidParameterValue')
  })

  it('refuses bad actions, a scene running itself and other families', () => {
    const bad = [
      [], [{ ActionType: 4, Data: 'x' }], [{ ActionType: 1, Data: '0' }], [{ ActionType: 1, Data: 'soon' }],
      [control(light, { nope: 1 })], [{ ActionType: 2, Data: 's_nope' }], [{ ActionType: 3, Data: '' }], ['text'],
    ]
    for (const actions of bad) {
      const body = dc.call('AppCreateScene', { FamilyId: dc.homeId, SceneName: 'x', SceneIcon: '', Actions: actions })
      expect(errorCode(body), JSON.stringify(actions)).toBe('InvalidParameterValue')
    }
    const id = create([control(light, { brightness: 25 })])
    const self = dc.call('AppModifyScene', { SceneId: id, SceneName: 'x', SceneIcon: '', Actions: [{ ActionType: 2, Data: id }] })
    expect(errorCode(self)).toBe('InvalidParameterValue')

    const flat = dc.cloud.world.familiesOf(NEIGHBOUR_ACCOUNT.userId).find((f) => !f.family.members.has(DEMO_ACCOUNT.userId))!.family
    const theirs = dc.call('AppCreateScene', { FamilyId: flat.familyId, SceneName: 'x', SceneIcon: '', Actions: [{ ActionType: 3, Data: 'hi' }] })
    expect(errorCode(theirs)).toBe('InvalidParameterValue.NoPermission')
    expect(errorCode(dc.call('AppGetSceneList', { FamilyId: flat.familyId, Offset: 0, Limit: 10 }))).toBe('InvalidParameterValue.NoPermission')
    const neighbourDevice = dc.cloud.world.devicesIn(flat.familyId)[0]!
    const foreign = dc.call('AppCreateScene', { FamilyId: dc.homeId, SceneName: 'x', SceneIcon: '', Actions: [control(neighbourDevice, { power_switch: 1 })] })
    expect(errorCode(foreign)).toBe('InvalidParameterValue.NoPermission')
    for (const action of ['AppRunScene', 'AppDeleteScene']) {
      expect(errorCode(dc.call(action, { SceneId: id }, 'neighbour')), action).toBe('InvalidParameterValue.NoPermission')
    }
  })

  it('flags a scene whose device left the family', () => {
    create([control(plug, { power_switch: 1 })])
    dc.cloud.world.removeDevice(plug.deviceId)
    expect(list()[0]!.Flag).toBe(1)
  })
})

describe('running a scene', () => {
  it('runs device actions in order and leaves the notification in every member inbox', () => {
    const id = create([control(light, { brightness: 30, power_switch: 1 }), control(plug, { power_switch: 1 }), { ActionType: 3, Data: 'Lights on' }])
    const before = dc.pushes.length
    expect(dc.ok('AppRunScene', { SceneId: id })).toEqual({ RequestId: expect.any(String) })
    const controls = dc.pushes.slice(before).filter((p) => p.Type === 'Template').map((p) => [p.DeviceId, p.decoded.params])
    expect(controls).toEqual([[light.deviceId, { brightness: 30, power_switch: 1 }], [plug.deviceId, { power_switch: 1 }]])
    expect(value(light, 'brightness')).toBe(30)
    expect(value(plug, 'power_switch')).toBe(1)
    const members = [...dc.cloud.world.families.get(dc.homeId)!.members.keys()]
    expect(notices().map((m) => m.userId).sort()).toEqual(members.sort())
    expect(notices()[0]).toMatchObject({ title: 'Evening', content: 'Lights on', familyId: dc.homeId, msgTimestamp: T0 })
    expect(list()[0]!.Status).toBe(0)
  })

  it('honours a delay, and refuses run, modify and delete meanwhile', () => {
    vi.useFakeTimers()
    const id = create([control(light, { brightness: 10 }), { ActionType: 1, Data: '2' }, control(light, { brightness: 90 })])
    dc.ok('AppRunScene', { SceneId: id })
    expect(value(light, 'brightness')).toBe(10)
    expect(list()[0]!.Status).toBe(1)
    expect(errorCode(dc.call('AppRunScene', { SceneId: id }))).toBe('UnsupportedOperation.SceneRunInProgress')
    expect(errorCode(dc.call('AppDeleteScene', { SceneId: id }))).toBe('UnsupportedOperation.SceneRunInProgress')
    const modify = dc.call('AppModifyScene', { SceneId: id, SceneName: 'x', SceneIcon: '', Actions: [{ ActionType: 3, Data: 'x' }] })
    expect(errorCode(modify)).toBe('UnsupportedOperation.SceneRunInProgress')
    vi.advanceTimersByTime(1999)
    expect(value(light, 'brightness')).toBe(10)
    vi.advanceTimersByTime(1)
    expect(value(light, 'brightness')).toBe(90)
    expect(list()[0]!.Status).toBe(0)
  })

  it('runs another scene in place, once even when scenes name each other', () => {
    const inner = create([control(plug, { power_switch: 1 })], 'Inner')
    const outer = create([control(light, { brightness: 20 }), { ActionType: 2, Data: inner }, control(light, { brightness: 21 })], 'Outer')
    dc.ok('AppModifyScene', { SceneId: inner, SceneName: 'Inner', SceneIcon: '', Actions: [control(plug, { power_switch: 1 }), { ActionType: 2, Data: outer }] })
    dc.ok('AppRunScene', { SceneId: outer })
    expect(controlsOf(dc.pushes, light.deviceId).slice(-2)).toEqual([{ brightness: 20 }, { brightness: 21 }])
    expect(controlsOf(dc.pushes, plug.deviceId).at(-1)).toEqual({ power_switch: 1 })
    expect(controlsOf(dc.pushes, plug.deviceId).filter((c) => c.power_switch === 1)).toHaveLength(1)
    expect(list().map((s) => s.Status)).toEqual([0, 0])
  })

  it('skips an offline device and goes on', () => {
    setOnline(dc.cloud, plug, false)
    const id = create([control(plug, { power_switch: 1 }), control(light, { brightness: 33 })])
    dc.ok('AppRunScene', { SceneId: id })
    expect(value(plug, 'power_switch')).toBe(0)
    expect(value(light, 'brightness')).toBe(33)
  })
})
