import { describe, expect, it } from 'vitest'
import { causeOfClientToken } from '../../shared/schedule'
import { conditionProblem, controlProblem } from '../../shared/thing-values'
import type { ThingModel } from '../../shared/thing-model'
import { timerRunTimes } from '../../shared/time/schedule-runs'

const model: ThingModel = {
  events: [],
  actions: [],
  properties: [
    { id: 'power_switch', name: 'Switch', desc: '', mode: 'rw', spec: { type: 'bool', mapping: { 0: 'off', 1: 'on' }, unit: '' } },
    { id: 'brightness', name: 'Brightness', desc: '', mode: 'rw', spec: { type: 'int', mapping: {}, min: 0, max: 100, unit: '%' } },
    { id: 'color', name: 'Colour', desc: '', mode: 'rw', spec: { type: 'enum', mapping: { 0: 'Red', 1: 'Green' }, unit: '' } },
    { id: 'temperature', name: 'Temperature', desc: '', mode: 'r', spec: { type: 'float', mapping: {}, min: -20, max: 60, unit: '°C' } },
    { id: 'label', name: 'Label', desc: '', mode: 'rw', spec: { type: 'string', mapping: {}, max: 4, unit: '' } },
  ],
}

describe('values against a thing model', () => {
  it('accepts values that fit', () => {
    expect(controlProblem(model, { power_switch: 1, brightness: 100, color: 1, label: 'desk' })).toBeNull()
  })

  it('names the property and why it does not fit', () => {
    expect(controlProblem(model, { brightness: 101 })).toEqual({ propertyId: 'brightness', reason: 'aboveMax', limit: 100 })
    expect(controlProblem(model, { brightness: 2.5 })).toEqual({ propertyId: 'brightness', reason: 'notInteger' })
    expect(controlProblem(model, { color: 3 })).toEqual({ propertyId: 'color', reason: 'notOption' })
    expect(controlProblem(model, { power_switch: 'on' })).toEqual({ propertyId: 'power_switch', reason: 'notNumber' })
    expect(controlProblem(model, { label: 'kitchen' })).toEqual({ propertyId: 'label', reason: 'tooLong', limit: 4 })
    expect(controlProblem(model, { temperature: 20 })).toEqual({ propertyId: 'temperature', reason: 'readOnly' })
    expect(controlProblem(model, { warp: 9 })).toEqual({ propertyId: 'warp', reason: 'unknownProperty' })
  })

  it('compares read-only sensor values, numbers by size and enums and text by equality only', () => {
    expect(conditionProblem(model, 'temperature', 'gt', 28.5)).toBeNull()
    expect(conditionProblem(model, 'temperature', 'lt', -30)).toEqual({ propertyId: 'temperature', reason: 'belowMin', limit: -20 })
    expect(conditionProblem(model, 'color', 'eq', 0)).toBeNull()
    expect(conditionProblem(model, 'color', 'gt', 0)).toEqual({ propertyId: 'color', reason: 'textComparison' })
  })
})

describe('run times a timer implies (China time)', () => {
  // 2026-12-07 is a Monday; 00:00 China time is 16:00 UTC the day before.
  const mondayMidnight = Date.UTC(2026, 11, 6, 16, 0)
  const day = 86_400_000
  const at = (days: number, hh: number, mm: number) => mondayMidnight + days * day + (hh * 60 + mm) * 60_000

  it('a weekly timer runs at its time on each marked day', () => {
    const timer = { days: ['mon', 'wed'] as const, time: '07:30', repeat: true, enabled: true, updateTime: 0 }
    expect(timerRunTimes({ ...timer, days: [...timer.days] }, mondayMidnight, mondayMidnight + 7 * day, 0)).toEqual([at(0, 7, 30), at(2, 7, 30)])
  })

  it('a disabled weekly timer implies no runs', () => {
    expect(timerRunTimes({ days: ['mon'], time: '07:30', repeat: true, enabled: false, updateTime: 0 }, mondayMidnight, mondayMidnight + 7 * day, 0)).toEqual([])
  })

  it('a one-off runs once, the first time after its last change, and still shows once it has switched itself off', () => {
    const changed = at(1, 8, 0) / 1000
    const timer = { days: [] as [], time: '07:00', repeat: false, enabled: true, updateTime: changed }
    expect(timerRunTimes(timer, mondayMidnight, mondayMidnight + 7 * day, at(1, 9, 0))).toEqual([at(2, 7, 0)])
    expect(timerRunTimes({ ...timer, enabled: false }, mondayMidnight, mondayMidnight + 7 * day, at(3, 0, 0))).toEqual([at(2, 7, 0)])
    expect(timerRunTimes({ ...timer, enabled: false }, mondayMidnight, mondayMidnight + 7 * day, at(1, 9, 0))).toEqual([])
  })
})

describe('what caused a device change', () => {
  it('reads the timer, scene or automation from the clientToken of its control', () => {
    expect(causeOfClientToken('timer::abc123::29401234')).toEqual({ kind: 'timer', id: 'abc123' })
    expect(causeOfClientToken('scene::s_1')).toEqual({ kind: 'scene', id: 's_1' })
    expect(causeOfClientToken('automation::a_9')).toEqual({ kind: 'automation', id: 'a_9' })
    expect(causeOfClientToken('f8e2-4a')).toBeNull()
  })
})
