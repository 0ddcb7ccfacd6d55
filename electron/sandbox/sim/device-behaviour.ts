/**
 * How a simulated device reacts, shared by every path that touches one (control, timers,
 * scenes, automations, the fleet simulation, OTA): values are checked against the data
 * template, applied, and announced as the pushes a real device would cause.
 */
import type { ActionPayload, EventPayload, PropertyPayload, StatusPayload } from '../../../shared/api/push'
import type { CloudState } from '../actions/registry'
import { invalidParam } from '../api/errors'
import type { Device, PropertyValue } from '../world/model'
import type { ScalarDefine, ThingDefine, ThingEvent } from '../world/thing-model'

/** Checks one value against its define; returns it normalised, or throws InvalidParameterValue. */
export function checkValue(id: string, define: ThingDefine, value: unknown): PropertyValue {
  if (define.type === 'struct') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParam(`${id} must be an object.`)
    const out: Record<string, number | string> = {}
    for (const member of define.specs) {
      const field = (value as Record<string, unknown>)[member.id]
      if (field !== undefined) out[member.id] = checkValue(`${id}.${member.id}`, member.dataType, field) as number | string
    }
    return out
  }
  return checkScalar(id, define, value)
}

function checkScalar(id: string, define: ScalarDefine, value: unknown): number | string {
  switch (define.type) {
    case 'bool':
    case 'enum': {
      const n = Number(value)
      if (!Number.isInteger(n) || !(String(n) in define.mapping)) throw invalidParam(`${id} must be one of ${Object.keys(define.mapping).join(', ')}.`)
      return n
    }
    case 'int':
    case 'float': {
      const n = Number(value)
      const [min, max] = [Number(define.min), Number(define.max)]
      if (!Number.isFinite(n) || n < min || n > max) throw invalidParam(`${id} must be a number from ${define.min} to ${define.max}.`)
      if (define.type === 'int' && !Number.isInteger(n)) throw invalidParam(`${id} must be an integer.`)
      return n
    }
    case 'string':
      if (typeof value !== 'string' || value.length > Number(define.max)) throw invalidParam(`${id} must be a string of at most ${define.max} characters.`)
      return value
    case 'timestamp': {
      const n = Number(value)
      if (!Number.isInteger(n) || n < 0) throw invalidParam(`${id} must be a Unix timestamp.`)
      return n
    }
  }
}

/** Validates `data` against the device's writable properties; throws before changing anything. */
export function checkControl(cloud: CloudState, device: Device, data: Record<string, unknown>): Record<string, PropertyValue> {
  const template = cloud.world.products.get(device.productId)?.dataTemplate
  const checked: Record<string, PropertyValue> = {}
  for (const [id, value] of Object.entries(data)) {
    const property = template?.properties.find((p) => p.id === id)
    if (!property) throw invalidParam(`${device.productId} has no property ${id}.`)
    if (property.mode !== 'rw') throw invalidParam(`${id} is read-only.`)
    checked[id] = checkValue(id, property.define, value)
  }
  if (Object.keys(checked).length === 0) throw invalidParam('Data names no property.')
  return checked
}

/**
 * A control reaching the device: the control push (Template/Push), then the device's
 * report of its new state (Property/Report), as Tencent's devices answer a control.
 */
export function controlDevice(cloud: CloudState, device: Device, data: Record<string, PropertyValue>, clientToken: string): void {
  const control: PropertyPayload = { method: 'control', clientToken, params: data }
  cloud.pushes.publish({ deviceId: device.deviceId, type: 'Template', subType: 'Push', payload: control })
  reportProperties(cloud, device, data, clientToken)
}

/** The device reports property values (after a control, or on its own schedule). */
export function reportProperties(cloud: CloudState, device: Device, data: Record<string, PropertyValue>, clientToken: string): void {
  const nowMs = cloud.options.clock()
  for (const [id, value] of Object.entries(data)) device.properties.set(id, { value, lastUpdateMs: nowMs })
  const report: PropertyPayload = { method: 'report', clientToken, timestamp: Math.floor(nowMs / 1000), params: data }
  cloud.pushes.publish({ deviceId: device.deviceId, type: 'Property', subType: 'Report', payload: report })
}

/** The device comes online or drops off (StatusChange Online/Offline). */
export function setOnline(cloud: CloudState, device: Device, online: boolean): void {
  if (device.online === online) return
  device.online = online
  const payload: StatusPayload = { DeviceId: device.deviceId, Online: online ? 1 : 0 }
  cloud.pushes.publish({ deviceId: device.deviceId, type: 'StatusChange', subType: online ? 'Online' : 'Offline', payload })
}

/** The device raises an event of its template (Event/Report). */
export function postEvent(cloud: CloudState, device: Device, event: ThingEvent, params: Record<string, unknown>, clientToken: string): EventPayload {
  const payload: EventPayload = {
    method: 'event_post',
    clientToken,
    version: '1.0',
    eventId: event.id,
    type: event.type,
    timestamp: cloud.options.clock(),
    params,
  }
  cloud.pushes.publish({ deviceId: device.deviceId, type: 'Event', subType: 'Report', payload })
  return payload
}

/** An action call towards the device (Action/Push) and its reply (Action/Report). */
export function pushActionCall(cloud: CloudState, device: Device, payload: Extract<ActionPayload, { method: 'action' }>): void {
  cloud.pushes.publish({ deviceId: device.deviceId, type: 'Action', subType: 'Push', payload })
}

export function pushActionReply(cloud: CloudState, device: Device, payload: Extract<ActionPayload, { method: 'action_reply' }>): void {
  cloud.pushes.publish({ deviceId: device.deviceId, type: 'Action', subType: 'Report', payload })
}
