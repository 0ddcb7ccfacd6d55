import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device as WorldDevice } from '../../electron/sandbox/world/model'
import { intelligenceOf } from '../../electron/sandbox/intelligence/store'
import type { World } from '../../electron/sandbox/world/world'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/** Timers, scenes and automations through the bridge against the sandbox: what is saved is what the cloud holds. */
describe('timers, scenes and automations', () => {
  let t: DeskUnderTest
  let familyId = ''
  let light: WorldDevice
  let sensor: WorldDevice
  /** The sandbox's timers, scenes and automations, as the cloud holds them. */
  const store = () => intelligenceOf(t.sandbox.world as World)

  beforeAll(async () => {
    t = await deskOnSandbox()
    await t.signInDemo()
    const { world } = t.sandbox
    familyId = world.familiesOf('100000001').find(({ role }) => role === 1)!.family.familyId
    const kind = (k: string) => world.devicesIn(familyId).find((d) => world.products.get(d.productId)?.kind === k)!
    light = kind('light')
    sensor = kind('sensor')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('creates a timer as a Days mask and Data JSON, lists it back typed, edits, disables and deletes it, each change audited', async () => {
    const created = await t.run('timers.create', {
      deviceId: light.deviceId, name: 'Wake up', days: ['mon', 'fri', 'sun'], time: '07:05', repeat: true, values: { power_switch: 1, brightness: 40 },
    })
    const stored = store().timers.get(created.timerId)!
    expect(stored).toMatchObject({ days: '1100010', timePoint: 425, repeat: 1, data: '{"power_switch":1,"brightness":40}', status: 1 })
    const { timers } = await t.run('timers.list', { deviceId: light.deviceId })
    expect(timers).toContainEqual(expect.objectContaining({
      timerId: created.timerId, deviceId: light.deviceId, name: 'Wake up', days: ['sun', 'mon', 'fri'], time: '07:05', repeat: true, values: { power_switch: 1, brightness: 40 }, enabled: true,
    }))
    await t.run('timers.modify', { deviceId: light.deviceId, timerId: created.timerId, name: 'Once', days: [], time: '23:59', repeat: false, values: { power_switch: 0 } })
    expect(stored).toMatchObject({ name: 'Once', days: '0000000', timePoint: 1439, repeat: 0, data: '{"power_switch":0}' })
    await t.run('timers.setEnabled', { deviceId: light.deviceId, timerId: created.timerId, enabled: false })
    expect(stored.status).toBe(0)
    const deleted = await t.run('timers.delete', { deviceId: light.deviceId, timerId: created.timerId })
    expect(store().timers.has(created.timerId)).toBe(false)
    const audit = await t.run('audit.list', {})
    const actions = audit.entries.map((e) => [e.action, e.requestId])
    expect(actions).toContainEqual(['AppCreateTimer', created.requestId])
    expect(actions).toContainEqual(['AppDeleteTimer', deleted.requestId])
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['AppModifyTimer', 'AppModifyTimerStatus']))
  })

  it('lists a home\'s timers with their devices\' names', async () => {
    await t.run('timers.create', { deviceId: light.deviceId, name: 'Evening', days: ['sat'], time: '19:00', repeat: true, values: { power_switch: 1 } })
    const home = await t.run('timers.listForHome', { familyId })
    expect(home.unreadable).toEqual([])
    expect(home.timers).toContainEqual(expect.objectContaining({ name: 'Evening', deviceId: light.deviceId, deviceName: light.aliasName || light.deviceName }))
  })

  it('refuses a malformed timer with a clear message, and nothing is created', async () => {
    const before = store().timers.size
    const badTime = await t.fail('timers.create', { deviceId: light.deviceId, name: 'x', days: ['mon'], time: '25:00', repeat: true, values: { power_switch: 1 } })
    expect(badTime).toMatchObject({ kind: 'validation', code: 'Desk.InvalidArguments' })
    expect(badTime.issues?.[0]?.message).toMatch(/HH:mm/)
    const noDay = await t.fail('timers.create', { deviceId: light.deviceId, name: 'x', days: [], time: '07:00', repeat: true, values: { power_switch: 1 } })
    expect(noDay.issues?.[0]?.message).toMatch(/at least one day/)
    const tooBright = await t.fail('timers.create', { deviceId: light.deviceId, name: 'x', days: ['mon'], time: '07:00', repeat: true, values: { brightness: 150 } })
    expect(tooBright.message).toMatch(/brightness .* at most 100\. Nothing was saved\./)
    const unknown = await t.fail('timers.create', { deviceId: light.deviceId, name: 'x', days: ['mon'], time: '07:00', repeat: true, values: { warp: 1 } })
    expect(unknown.message).toMatch(/no property warp/)
    expect(store().timers.size).toBe(before)
  })

  it('creates a scene of typed actions, lists it back, runs it and the devices change, each change audited with its RequestId', async () => {
    const actions = [
      { kind: 'control', deviceId: light.deviceId, values: { power_switch: 1, brightness: 70 } },
      { kind: 'notify', text: 'Evening scene ran' },
    ] as const
    const { sceneId } = await t.run('scenes.create', { familyId, name: 'Evening', actions })
    const stored = store().scenes.get(sceneId)!
    expect(stored.actions).toEqual([
      expect.objectContaining({ type: 0, productId: light.productId, deviceName: light.deviceName, data: '{"power_switch":1,"brightness":70}' }),
      { type: 3, data: 'Evening scene ran' },
    ])
    const scenes = await t.run('scenes.list', { familyId })
    expect(scenes.find((s) => s.sceneId === sceneId)).toMatchObject({
      name: 'Evening', running: false,
      actions: [expect.objectContaining({ kind: 'control', deviceId: light.deviceId, values: { power_switch: 1, brightness: 70 } }), { kind: 'notify', text: 'Evening scene ran' }],
    })
    light.online = true
    const ran = await t.run('scenes.run', { sceneId })
    expect(ran.requestId).not.toBe('')
    expect(light.properties.get('brightness')?.value).toBe(70)
    await t.run('scenes.modify', { sceneId, name: 'Later', actions: [{ kind: 'delay', seconds: 5 }, { kind: 'control', deviceId: light.deviceId, values: { power_switch: 0 } }] })
    expect(stored.actions[0]).toEqual({ type: 1, data: '5' })
    await t.run('scenes.delete', { sceneId })
    expect(store().scenes.has(sceneId)).toBe(false)
    const audit = (await t.run('audit.list', {})).entries.map((e) => [e.action, e.requestId])
    expect(audit).toContainEqual(['AppRunScene', ran.requestId])
    expect(audit.map(([action]) => action)).toEqual(expect.arrayContaining(['AppCreateScene', 'AppModifyScene', 'AppDeleteScene']))
  })

  it('creates an automation from typed conditions, describes it back the same, toggles and deletes it, each change audited', async () => {
    const settings = {
      name: 'Too warm', enabled: true, match: 'any' as const,
      conditions: [
        { kind: 'property' as const, deviceId: sensor.deviceId, propertyId: 'temperature', op: 'gt' as const, value: 28.5 },
        { kind: 'time' as const, days: ['mon', 'tue'] as const, time: '18:30' },
      ],
      actions: [{ kind: 'control' as const, deviceId: light.deviceId, values: { power_switch: 1 } }],
      activeFrom: '00:00', activeTo: '23:59', activeDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const,
    }
    const { automationId } = await t.run('automations.create', { familyId, ...settings })
    const stored = store().automations.get(automationId)!
    expect(stored).toMatchObject({ matchType: 1, effectiveDays: '1111111', effectiveEnd: 1439 })
    expect(stored.conditions[0]).toMatchObject({ type: 0, propertyId: 'temperature', op: 'gt', value: 28.5 })
    expect(stored.conditions[1]).toMatchObject({ type: 1, days: '0110000', timePoint: 1110 })
    const described = await t.run('automations.describe', { automationId })
    expect(described).toMatchObject({ ...settings, automationId, icon: '', activeDays: [...settings.activeDays], conditions: [
      expect.objectContaining(settings.conditions[0]), { kind: 'time', days: ['mon', 'tue'], time: '18:30' },
    ] })
    expect(await t.run('automations.list', { familyId })).toContainEqual({ automationId, name: 'Too warm', icon: '', enabled: true })
    expect((await t.run('automations.describeAll', { familyId })).map((a) => a.automationId)).toContain(automationId)
    await t.run('automations.setEnabled', { automationId, enabled: false })
    expect(stored.status).toBe(0)
    await t.run('automations.modify', { automationId, ...settings, name: 'Warm', match: 'all' })
    expect(stored).toMatchObject({ name: 'Warm', matchType: 0, status: 1 })
    const deleted = await t.run('automations.delete', { automationId })
    expect(store().automations.has(automationId)).toBe(false)
    const audit = (await t.run('audit.list', {})).entries.map((e) => [e.action, e.requestId])
    expect(audit).toContainEqual(['AppDeleteAutomation', deleted.requestId])
    expect(audit.map(([action]) => action)).toEqual(expect.arrayContaining(['AppCreateAutomation', 'AppModifyAutomation', 'AppModifyAutomationStatus']))
  })

  it('refuses a malformed automation with a clear message, and nothing is created', async () => {
    const count = () => store().automations.size
    const before = count()
    const base = {
      familyId, name: 'Bad', enabled: true, match: 'all',
      actions: [{ kind: 'control', deviceId: light.deviceId, values: { power_switch: 1 } }],
      activeFrom: '00:00', activeTo: '23:59', activeDays: ['mon'],
    }
    const noCondition = await t.fail('automations.create', { ...base, conditions: [] })
    expect(noCondition.issues?.[0]?.message).toMatch(/at least one condition/)
    const outOfRange = await t.fail('automations.create', { ...base, conditions: [{ kind: 'property', deviceId: sensor.deviceId, propertyId: 'temperature', op: 'gt', value: 99 }] })
    expect(outOfRange.message).toMatch(/temperature .* at most 60/)
    const textOrder = await t.fail('automations.create', { ...base, conditions: [{ kind: 'property', deviceId: light.deviceId, propertyId: 'name', op: 'gt', value: 'a' }] })
    expect(textOrder.message).toMatch(/equal or not equal/)
    const readOnly = await t.fail('automations.create', { ...base, conditions: [{ kind: 'time', days: ['mon'], time: '07:00' }], actions: [{ kind: 'control', deviceId: sensor.deviceId, values: { temperature: 20 } }] })
    expect(readOnly.message).toMatch(/read-only/)
    expect(count()).toBe(before)
  })
})
