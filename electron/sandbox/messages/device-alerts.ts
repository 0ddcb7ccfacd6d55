/**
 * Device messages (Category 1): every alert or fault event a device posts, whoever made it
 * post (the fleet simulation, AppReportDeviceEvent, a test), lands in the inbox of each
 * member of the device's family. MsgType 100 "Device Warning" is the reference's example;
 * 101 for faults is a sandbox choice.
 */
import type { EventPayload } from '../../../shared/api/push'
import type { CloudState } from '../actions/registry'
import type { Device } from '../world/model'
import type { World } from '../world/world'
import { deliver } from './inbox'
import { membersOf } from './notices'

export const DEVICE_MSG_TYPE = { alert: 100, fault: 101 } as const
const TITLES = { alert: 'Device Warning', fault: 'Device Fault' } as const

type AlertType = keyof typeof DEVICE_MSG_TYPE

/** Subscribes the inbox to the cloud's pushes; returns the unsubscribe function. */
export function watchDeviceAlerts(cloud: CloudState): () => void {
  return cloud.pushes.subscribe((push, payload) => {
    if (push.Type !== 'Event') return
    const event = alertIn(payload())
    const device = event && cloud.world.devices.get(push.DeviceId)
    if (event && device) leaveDeviceMessage(cloud.world, device, event, cloud.options.clock())
  })
}

/** The event of a push, if it is an alert or fault (OTA progress also travels as Event). */
function alertIn(decoded: unknown): DeviceAlert | undefined {
  const payload = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as Partial<EventPayload>
  if (payload.method !== 'event_post' || !(payload.type === 'alert' || payload.type === 'fault')) return undefined
  return payload as DeviceAlert
}

export type DeviceAlert = Pick<EventPayload, 'eventId' | 'params'> & { type: AlertType }

export function leaveDeviceMessage(world: World, device: Device, event: DeviceAlert, ms: number): void {
  const family = world.families.get(device.familyId)
  if (!family) return
  const define = world.products.get(device.productId)?.dataTemplate.events.find((e) => e.id === event.eventId)
  const alias = device.aliasName || device.deviceName
  deliver(world, membersOf(family), {
    category: 1,
    msgType: DEVICE_MSG_TYPE[event.type],
    title: TITLES[event.type],
    content: `"${alias}" reported ${define?.name ?? event.eventId}${describeParams(event.params)}. ${new Date(ms).toUTCString()}`,
    familyId: family.familyId,
    familyName: family.name,
    productId: device.productId,
    deviceName: device.deviceName,
    deviceAlias: alias,
  }, ms)
}

function describeParams(params: Record<string, unknown> | undefined): string {
  const parts = Object.entries(params ?? {}).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}
