import { describe, expect, it } from 'vitest'
import { causeOf, holds, type CauseContext } from '../../shared/timeline/cause'

const T = Date.UTC(2026, 11, 3, 7, 30) // a timer's minute
const empty: CauseContext = { deviceId: 'LIGHT/l1', timers: [], automations: [], scenes: [], appChanges: [], readings: [] }
const on = { propertyId: 'power_switch', value: 1 }
const wakeUp = { id: 't1', name: 'Wake up', values: { power_switch: 1 }, runsMs: [T] }

describe('what caused a property change', () => {
  it('names the timer that ran just before and sets exactly this value', () => {
    expect(causeOf({ ...on, timeMs: T + 1_500 }, { ...empty, timers: [wakeUp] })).toEqual({ kind: 'timer', id: 't1', name: 'Wake up', atMs: T, by: 'timing' })
  })

  it('does not blame a timer for another value, or for a change long after its run', () => {
    expect(causeOf({ ...on, value: 0, timeMs: T + 1_000 }, { ...empty, timers: [wakeUp] })).toEqual({ kind: 'unknown' })
    expect(causeOf({ ...on, timeMs: T + 10 * 60_000 }, { ...empty, timers: [wakeUp] })).toEqual({ kind: 'unknown' })
    expect(causeOf({ ...on, timeMs: T - 60_000 }, { ...empty, timers: [wakeUp] })).toEqual({ kind: 'unknown' })
  })

  it('believes the clientToken the cloud sent with the push over any timing', () => {
    const context = { ...empty, timers: [wakeUp, { ...wakeUp, id: 't2', name: 'Night', runsMs: [] }] }
    expect(causeOf({ ...on, timeMs: T + 1_000, clientToken: 'timer::t2::29412345' }, context)).toMatchObject({ kind: 'timer', id: 't2', name: 'Night', by: 'clientToken' })
    expect(causeOf({ ...on, timeMs: T, clientToken: 'scene::s_9' }, { ...empty, scenes: [{ id: 's_9', name: 'Movie', values: {} }] })).toMatchObject({ kind: 'scene', name: 'Movie', by: 'clientToken' })
  })

  it('says "by you via Explorer Desk" for a control made through the app seconds before, over a timer of the same minute', () => {
    const control = { timeMs: T + 200, action: 'AppControlDeviceData', values: { power_switch: 1 }, requestId: 'rq-1', account: 'demo@sandbox.local' }
    expect(causeOf({ ...on, timeMs: T + 900 }, { ...empty, timers: [wakeUp], appChanges: [control] })).toEqual({
      kind: 'app', action: 'AppControlDeviceData', requestId: 'rq-1', account: 'demo@sandbox.local', atMs: T + 200,
    })
    // Half a minute later it is no longer this app's doing.
    expect(causeOf({ ...on, timeMs: T + 30_000 }, { ...empty, appChanges: [control] })).toEqual({ kind: 'unknown' })
  })

  it('names an automation whose condition became true just before, with the reading that tripped it', () => {
    const plugOn = {
      id: 'a1', name: 'Cool down', values: { power_switch: 1 }, match: 'all' as const,
      conditions: [{ kind: 'property' as const, deviceId: 'SENSOR/s1', propertyId: 'temperature', op: 'gt' as const, value: 30 }],
    }
    const hot = { deviceId: 'SENSOR/s1', propertyId: 'temperature', timeMs: T, value: 31.5 }
    const cool = { ...hot, value: 25 }
    expect(causeOf({ ...on, timeMs: T + 3_000 }, { ...empty, automations: [plugOn], readings: [hot] })).toEqual({ kind: 'automation', id: 'a1', name: 'Cool down', by: 'condition', trigger: hot })
    // A reading that does not satisfy the condition leaves it a mere possibility.
    expect(causeOf({ ...on, timeMs: T + 3_000 }, { ...empty, automations: [plugOn], readings: [cool] })).toMatchObject({ kind: 'automation', by: 'possible' })
  })

  it('names a scene run through the app just before that sets this value', () => {
    const run = { timeMs: T, action: 'AppRunScene', values: {}, requestId: 'rq-s', account: 'a', sceneId: 's1' }
    const scene = { id: 's1', name: 'Evening', values: { power_switch: 1 } }
    expect(causeOf({ ...on, timeMs: T + 4_000 }, { ...empty, scenes: [scene], appChanges: [run] })).toEqual({ kind: 'scene', id: 's1', name: 'Evening', by: 'run', atMs: T })
  })

  it('compares values as the cloud carries them: "1" is 1, a struct by its members', () => {
    expect(causeOf({ ...on, value: '1', timeMs: T + 1 }, { ...empty, timers: [wakeUp] })).toMatchObject({ kind: 'timer' })
    const colour = { id: 't3', name: 'Warm', values: { color: { r: 255, g: 120 } }, runsMs: [T] }
    expect(causeOf({ propertyId: 'color', value: '{"g":120,"r":255}', timeMs: T + 1 }, { ...empty, timers: [colour] })).toMatchObject({ kind: 'timer', id: 't3' })
  })
})

describe('automation conditions against readings', () => {
  const cond = (op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', value: number | string) => ({ kind: 'property' as const, deviceId: 'D/1', propertyId: 'p', op, value })
  const reading = (value: unknown) => ({ deviceId: 'D/1', propertyId: 'p', timeMs: 0, value })
  it('compares numbers as numbers and never reads text as a number', () => {
    expect(holds(cond('gt', 30), reading(30.1))).toBe(true)
    expect(holds(cond('ge', 30), reading('30'))).toBe(true)
    expect(holds(cond('lt', 30), reading('warm'))).toBe(false)
    expect(holds(cond('eq', 'eco'), reading('eco'))).toBe(true)
    expect(holds(cond('ne', 1), reading(0))).toBe(true)
    expect(holds(cond('gt', 30), { ...reading(40), deviceId: 'D/2' })).toBe(false)
  })
})
