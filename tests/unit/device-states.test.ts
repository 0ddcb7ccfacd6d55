import { describe, expect, it } from 'vitest'
import { DeviceStates } from '../../electron/core/live/device-states'
import type { DeviceEvent } from '../../shared/live'

const report = (deviceId: string, values: Record<string, unknown>, receivedAtMs: number): DeviceEvent => ({
  deviceId,
  seq: receivedAtMs,
  time: '',
  receivedAtMs,
  kind: 'property',
  source: 'report',
  clientToken: 't',
  values,
})

describe('DeviceStates (the live state a newly opened view starts from)', () => {
  it('keeps the latest value of every property a device reported, each report changing only its own', () => {
    const states = new DeviceStates()
    states.apply(report('P/a', { temperature: 20, humidity: 40 }, 1_000))
    states.apply(report('P/a', { temperature: 21 }, 2_000))
    expect(states.snapshot(['P/a'])[0]).toEqual({
      deviceId: 'P/a',
      online: null,
      properties: { temperature: { value: 21, lastUpdateMs: 2_000 }, humidity: { value: 40, lastUpdateMs: 1_000 } },
      updatedAtMs: 2_000,
    })
  })

  it('keeps a property named __proto__ as a property, not as the prototype of the state', () => {
    const states = new DeviceStates()
    states.apply(report('P/a', JSON.parse('{"__proto__": {"polluted": 1}, "power": 1}') as Record<string, unknown>, 1_000))
    const properties = states.get('P/a')!.properties
    expect(Object.keys(properties)).toEqual(['__proto__', 'power'])
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype)
    expect((properties as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('lets a push that came during a resync win over the older answer, and the answer fill the rest', () => {
    const states = new DeviceStates()
    states.apply(report('P/a', { temperature: 25 }, 2_000))
    states.mergeProperties('P/a', { temperature: { value: 20, lastUpdateMs: 1_500 }, humidity: { value: 40, lastUpdateMs: 1_500 } }, 2_500, 1_900)
    expect(states.get('P/a')!.properties).toEqual({ temperature: { value: 25, lastUpdateMs: 2_000 }, humidity: { value: 40, lastUpdateMs: 1_500 } })
  })

  it('gives snapshots that later pushes do not change', () => {
    const states = new DeviceStates()
    states.apply(report('P/a', { temperature: 20 }, 1_000))
    const [before] = states.snapshot(['P/a'])
    states.apply(report('P/a', { temperature: 30 }, 2_000))
    expect(before!.properties.temperature).toEqual({ value: 20, lastUpdateMs: 1_000 })
  })
})
