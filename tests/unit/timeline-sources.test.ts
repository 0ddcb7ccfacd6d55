import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../shared/domain'
import type { Automation } from '../../shared/schedule'
import { appChangesFromAudit, automationRules, changesFromSeries } from '../../shared/timeline/sources'

const entry = (partial: Partial<AuditEntry>): AuditEntry => ({
  id: 1, timeMs: 1000, profileId: 'p', profileName: 'P', account: 'a', action: 'AppControlDeviceData', deviceName: 'Lamp',
  params: '{}', requestId: 'rq', outcome: 'ok', errorCode: '', errorMessage: '', ...partial,
})

describe('what the timeline is made of', () => {
  it('reads a change from each point whose value differs from the one before', () => {
    const changes = changesFromSeries([{ property: 'power_switch', times: Float64Array.from([1, 2, 3, 4]), values: Float64Array.from([0, 0, 1, 0]) }])
    expect(changes).toEqual([
      { timeMs: 3, propertyId: 'power_switch', value: 1 },
      { timeMs: 4, propertyId: 'power_switch', value: 0 },
    ])
  })

  it("keeps the audit log's successful changes of this device with the values they set, and every scene run", () => {
    const changes = appChangesFromAudit(
      [
        entry({ params: JSON.stringify({ ProductId: 'L', DeviceName: 'one', Data: '{"power_switch":1}' }), requestId: 'mine' }),
        entry({ params: JSON.stringify({ ProductId: 'L', DeviceName: 'two', Data: '{"power_switch":1}' }), requestId: 'other device' }),
        entry({ params: JSON.stringify({ DeviceId: 'L/one', Data: '{"power_switch":0}' }), outcome: 'error', requestId: 'failed' }),
        entry({ action: 'AppReportDataAsDevice', params: JSON.stringify({ DeviceId: 'L/one', Data: '{"brightness":5}' }), requestId: 'as device', timeMs: 500 }),
        entry({ action: 'AppRunScene', params: JSON.stringify({ SceneId: 's_1' }), requestId: 'scene' }),
        entry({ action: 'AppModifyDeviceAliasName', params: 'not json', requestId: 'broken' }),
      ],
      'L/one',
    )
    expect(changes.map((c) => [c.requestId, c.values, c.sceneId])).toEqual([
      ['as device', { brightness: 5 }, undefined],
      ['mine', { power_switch: 1 }, undefined],
      ['scene', {}, 's_1'],
    ])
  })

  it('takes the automations that set or watch the device, with what they set and the runs their time conditions imply', () => {
    const automation = (id: string, enabled: boolean, deviceId: string): Automation => ({
      automationId: id, name: id, icon: '', enabled, match: 'any', activeFrom: '00:00', activeTo: '23:59', activeDays: ['mon'],
      conditions: [{ kind: 'time', days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], time: '08:00' }],
      actions: [{ kind: 'control', deviceId, values: { power_switch: 1 } }],
    })
    const from = Date.UTC(2026, 11, 1, 0, 0)
    const rules = automationRules([automation('a1', true, 'L/one'), automation('a2', true, 'P/two'), automation('a3', false, 'L/one')], 'L/one', from, from + 2 * 86_400_000, from)
    expect(rules.map((r) => r.id)).toEqual(['a1'])
    expect(rules[0]!.values).toEqual({ power_switch: 1 })
    // 08:00 China time is 00:00 UTC: one run on each of the two days.
    expect(rules[0]!.runsMs).toEqual([from, from + 86_400_000])
  })
})
