import { describe, expect, it } from 'vitest'
import type { DeviceChangeParams } from '../../shared/api/push'
import { toDeviceEvent } from '../../electron/core/push/decode'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64')
const push = (Type: string, SubType: string, payload: unknown, Topic = ''): DeviceChangeParams =>
  ({ Time: '2023-07-13T14:19:48+08:00', Type, SubType, Topic, Payload: typeof payload === 'string' ? payload : b64(payload), Seq: 1, DeviceId: 'P/d' }) as DeviceChangeParams

describe('every documented push Type becomes a typed event', () => {
  it.each([
    ['StatusChange', 'Online', { DeviceId: 'P/d', Online: 1 }, { kind: 'status', online: true }],
    ['StatusChange', 'Offline', { DeviceId: 'P/d', Online: 0 }, { kind: 'status', online: false }],
    ['Property', 'Report', { method: 'report', clientToken: 'c', params: { a: 1 } }, { kind: 'property', source: 'report', values: { a: 1 } }],
    ['Template', 'Push', { method: 'control', clientToken: 'c', params: { a: 2 } }, { kind: 'property', source: 'control', values: { a: 2 } }],
    ['Shadow', 'Report', { method: 'report', clientToken: 'c', params: { a: 3 } }, { kind: 'property', source: 'report' }],
    ['Event', 'Report', { method: 'event_post', clientToken: 'c', version: '1.0', eventId: 'low_battery', type: 'alert', timestamp: 1, params: { v: 1 } }, { kind: 'event', eventId: 'low_battery', eventType: 'alert' }],
    ['Event', 'Report', { method: 'ota_progress', clientToken: 'c', status: 3, percent: 40, version: '1.2.0' }, { kind: 'ota', status: 3, percent: 40 }],
    ['Action', 'Push', { method: 'action', clientToken: '1::r', actionId: 'reboot', timestamp: 1, params: { delay: 1 } }, { kind: 'action', phase: 'call', actionId: 'reboot' }],
    ['Action', 'Report', { method: 'action_reply', clientToken: '1::r', code: 0, status: 'succ', response: { ok: 1 } }, { kind: 'action', phase: 'reply', clientToken: '1::r', params: { ok: 1 } }],
    ['UserDefined', 'Report', { any: 'thing' }, { kind: 'message', topic: 'P/d/user/custom', payload: { any: 'thing' } }],
  ])('%s/%s', (type, subType, payload, expected) => {
    expect(toDeviceEvent(push(type, subType, payload, type === 'UserDefined' ? 'P/d/user/custom' : ''), 5)).toMatchObject({ deviceId: 'P/d', seq: 1, ...expected })
  })

  it('keeps an unreadable payload as kind other, without throwing', () => {
    expect(toDeviceEvent(push('Property', 'Report', '%%%not-base64'), 5)).toMatchObject({ kind: 'other', type: 'Property' })
  })
})
