import { afterEach, describe, expect, it } from 'vitest'
import type { Automation } from '@shared/schedule'
import type { PropertySpec } from '@shared/thing-model'
import { i18n } from '@/i18n'
import { automationSentence, daysText, type ScheduleNames } from '@/utils/schedule-text'

const properties: Record<string, PropertySpec> = {
  temperature: { id: 'temperature', name: 'Temperature', desc: '', mode: 'r', spec: { type: 'float', mapping: {}, min: -20, max: 60, unit: '°C' } },
  power_switch: { id: 'power_switch', name: 'Switch', desc: '', mode: 'rw', spec: { type: 'bool', mapping: { 0: 'off', 1: 'on' }, unit: '' } },
}
const names: ScheduleNames = {
  device: (id) => ({ 'SENS/th': 'Bedroom climate', 'PLUG/p1': 'Desk plug' })[id],
  property: (_id, propertyId) => properties[propertyId],
  scene: (id) => (id === 's_1' ? 'Movie night' : undefined),
}

const warm: Automation = {
  automationId: 'a_1',
  name: 'Too warm',
  icon: '',
  enabled: true,
  match: 'all',
  conditions: [{ kind: 'property', deviceId: 'SENS/th', propertyId: 'temperature', op: 'gt', value: 28.5 }],
  actions: [{ kind: 'control', deviceId: 'PLUG/p1', values: { power_switch: 1 } }],
  activeFrom: '00:00',
  activeTo: '23:59',
  activeDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
}

const busy: Automation = {
  ...warm,
  match: 'any',
  conditions: [...warm.conditions, { kind: 'time', days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '07:30' }],
  actions: [...warm.actions, { kind: 'delay', seconds: 120 }, { kind: 'runScene', sceneId: 's_1' }, { kind: 'notify', text: 'Fan on' }],
  activeFrom: '08:00',
  activeTo: '22:00',
  activeDays: ['sat', 'sun'],
}

function inLocale(locale: 'en' | 'zh-CN') {
  i18n.global.locale.value = locale
  return (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named)
}

afterEach(() => {
  i18n.global.locale.value = 'en'
})

describe('an automation in one readable sentence', () => {
  it('says a threshold and a device action in English, with the property’s unit and the switch’s label', () => {
    expect(automationSentence(warm, names, inLocale('en'))).toBe('When Bedroom climate’s Temperature is above 28.5 °C, set Desk plug’s Switch to on.')
  })

  it('says the same in Chinese', () => {
    expect(automationSentence(warm, names, inLocale('zh-CN'))).toBe('当Bedroom climate的Temperature高于28.5 °C时，把Desk plug的Switch设为on。')
  })

  it('joins any-conditions with “or”, steps with “then”, and says when it is active unless always', () => {
    expect(automationSentence(busy, names, inLocale('en'))).toBe(
      'When Bedroom climate’s Temperature is above 28.5 °C or it is 07:30 on weekdays, set Desk plug’s Switch to on, then wait 2 min, then run the scene “Movie night”, then notify the home: “Fan on”. Active 08:00–22:00, weekends.',
    )
    expect(automationSentence(busy, names, inLocale('zh-CN'))).toBe(
      '当Bedroom climate的Temperature高于28.5 °C或工作日 07:30时，把Desk plug的Switch设为on，然后等待2 分钟，然后执行场景“Movie night”，然后通知家庭成员：“Fan on”。生效时段：周末 08:00–22:00。',
    )
  })

  it('names what it cannot find rather than failing: a device gone, a scene deleted', () => {
    const orphan: Automation = { ...warm, conditions: [{ kind: 'property', deviceId: 'GONE/x', propertyId: 'level', op: 'le', value: 3 }], actions: [{ kind: 'runScene', sceneId: 's_gone' }] }
    expect(automationSentence(orphan, names, inLocale('en'))).toBe('When device GONE/x’s level is at most 3, run the scene “a deleted scene”.')
  })

  it('says days as people do: every day, weekdays, weekends, or the days in the week’s order', () => {
    const t = inLocale('en')
    expect(daysText(['sat', 'sun'], t)).toBe('weekends')
    expect(daysText(['fri', 'mon', 'wed'], t)).toBe('Mon, Wed, Fri')
    expect(daysText(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], inLocale('zh-CN'))).toBe('每天')
  })
})
