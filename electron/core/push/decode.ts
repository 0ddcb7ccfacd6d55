/**
 * DeviceChange pushes turned into typed device events. Payloads are Base64 JSON; Tencent's
 * SDK strips NUL bytes before parsing, and so do we. A payload that cannot be read still
 * becomes an event ('other'), never an exception.
 */
import type { DeviceChangeParams } from '../../../shared/api/push'
import type { DeviceEvent } from '../../../shared/live'

export function decodePayload(base64: string): unknown {
  try {
    const text = Buffer.from(base64, 'base64').toString('utf8').replaceAll('\u0000', '').trim()
    return text ? (JSON.parse(text) as unknown) : null
  } catch {
    return null
  }
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

export function toDeviceEvent(push: DeviceChangeParams, receivedAtMs: number): DeviceEvent {
  const payload = decodePayload(push.Payload)
  const p = isObject(payload) ? payload : {}
  // Property reports are nearly every push: one literal, no spread of a base object.
  if ((push.Type === 'Property' || push.Type === 'Template' || push.Type === 'Shadow') && isObject(p.params) && (p.method === 'report' || p.method === 'control')) {
    const { DeviceId: deviceId, Seq: seq, Time: time } = push
    return { deviceId, seq, time, receivedAtMs, kind: 'property', source: p.method, clientToken: str(p.clientToken), values: p.params }
  }
  const base = { deviceId: push.DeviceId, seq: push.Seq, time: push.Time, receivedAtMs }
  switch (push.Type) {
    case 'StatusChange':
      return { ...base, kind: 'status', online: push.SubType === 'Online' || p.Online === 1 }
    case 'Event':
      if (p.method === 'event_post') {
        return { ...base, kind: 'event', eventId: str(p.eventId), eventType: str(p.type), params: isObject(p.params) ? p.params : {} }
      }
      if (p.method === 'ota_progress') {
        return { ...base, kind: 'ota', status: Number(p.status) || 0, percent: Number(p.percent) || 0, version: str(p.version), resultCode: typeof p.resultCode === 'number' ? p.resultCode : undefined }
      }
      break
    case 'Action':
      if (p.method === 'action' || p.method === 'action_reply') {
        return {
          ...base,
          kind: 'action',
          phase: p.method === 'action' ? 'call' : 'reply',
          clientToken: str(p.clientToken),
          actionId: str(p.actionId),
          params: isObject(p.params) ? p.params : isObject(p.response) ? p.response : {},
          status: str(p.status),
          code: typeof p.code === 'number' ? p.code : undefined,
        }
      }
      break
    case 'UserDefined':
      return { ...base, kind: 'message', topic: push.Topic, payload }
  }
  return { ...base, kind: 'other', type: push.Type, subType: push.SubType, payload }
}
