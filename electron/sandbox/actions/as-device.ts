/**
 * Reports an app makes on a device's behalf (Bluetooth devices that reach the cloud only
 * through the phone, and mini programs simulating a device): property reports, events and
 * raw MQTT messages. They go through sim/device-behaviour.ts like the device's own, so
 * AppGetDeviceData and the pushes see them.
 *
 * "BindDeviceNotConnected - The device has not connected to the cloud recently": the
 * sandbox answers it for a device that is offline (every world device has connected once).
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { checkValue, postEvent, reportProperties } from '../sim/device-behaviour'
import { replyAsDevice } from '../sim/device-actions'
import { nextClientToken } from '../sim/client-tokens'
import type { Device, PropertyValue } from '../world/model'
import type { ThingEvent } from '../world/thing-model'
import { readableDevice } from './access'
import { deviceIdOf, jsonObjectParam } from './device-access'
import { catalogParams, type CloudState, type TokenApiAction, type TokenCallContext } from './registry'

/** Earliest plausible millisecond timestamp (2001-09-09): anything smaller is seconds. */
const MIN_MS_TIMESTAMP = 1e12

function reportingDevice(ctx: TokenCallContext, deviceId: string): Device {
  const device = readableDevice(ctx.cloud.world, ctx.user.userId, deviceId)
  if (!device.online) {
    throw new ApiError(ErrorCode.BindDeviceNotConnected, `Device ${deviceId} has not connected to the cloud recently.`)
  }
  return device
}

/** Millisecond timestamps (docs/api-decisions.md §4.6): refuse seconds and the future beyond the clock skew. */
function checkMillis(cloud: CloudState, name: string, value: number, nowMs: number): void {
  if (value < MIN_MS_TIMESTAMP) throw invalidParam(`${name} is a Unix timestamp in milliseconds, not ${value}.`)
  if (value > nowMs + cloud.options.maxClockSkewSeconds * 1000) throw invalidParam(`${name} ${value} lies in the future.`)
}

/** A device may report any property of its template, read-only ones included. */
export function checkReport(cloud: CloudState, device: Device, data: Record<string, unknown>): Record<string, PropertyValue> {
  const template = cloud.world.products.get(device.productId)?.dataTemplate
  const checked: Record<string, PropertyValue> = {}
  for (const [id, value] of Object.entries(data)) {
    const property = template?.properties.find((p) => p.id === id)
    if (!property) throw invalidParam(`${device.productId} has no property ${id}.`)
    checked[id] = checkValue(id, property.define, value)
  }
  if (Object.keys(checked).length === 0) throw invalidParam('The report names no property.')
  return checked
}

/** The event of the template and its parameters, checked; parameters may be left out. */
function checkEvent(cloud: CloudState, device: Device, eventId: string, params: Record<string, unknown>): { event: ThingEvent; params: Record<string, PropertyValue> } {
  const event = cloud.world.products.get(device.productId)?.dataTemplate.events.find((e) => e.id === eventId)
  if (!event) throw invalidParam(`${device.productId} has no event ${eventId}.`)
  const checked: Record<string, PropertyValue> = {}
  for (const [id, value] of Object.entries(params)) {
    const param = event.params.find((p) => p.id === id)
    if (!param) throw invalidParam(`Event ${eventId} has no parameter ${id}.`)
    checked[id] = checkValue(id, param.define, value)
  }
  return { event, params: checked }
}

const appReportDataAsDevice: TokenApiAction = {
  action: 'AppReportDataAsDevice',
  endpoint: 'tokenapi',
  // Response.Data is "" in the example.
  shape: 'flat',
  // Timestamp (table, milliseconds) is sent as TimeStamp by the example; both are read.
  params: catalogParams('AppReportDataAsDevice'),
  handle(ctx) {
    const device = reportingDevice(ctx, ctx.params.DeviceId as string)
    checkMillis(ctx.cloud, 'Timestamp', ctx.params.Timestamp as number, ctx.nowMs)
    const data = checkReport(ctx.cloud, device, jsonObjectParam('Data', ctx.params.Data as string))
    reportProperties(ctx.cloud, device, data, nextClientToken(ctx.cloud, ctx.requestId))
    return { Data: '' }
  },
}

const REPORT_METHODS = ['reported', 'ReportEventAsDevice']

const appReportDeviceEvent: TokenApiAction = {
  action: 'AppReportDeviceEvent',
  endpoint: 'tokenapi',
  // The example answers Data "" although the table lists no Data.
  shape: 'flat',
  // Method is "required" with a stated default ("reported"); EventTimeStamp is required but
  // the example omits it (docs/api-decisions.md §4.3, 6.10): both default (now, for the timestamp).
  params: catalogParams('AppReportDeviceEvent', { relax: ['Method', 'EventTimeStamp'] }),
  handle(ctx) {
    const device = reportingDevice(ctx, ctx.params.DeviceId as string)
    const method = (ctx.params.Method as string | undefined) ?? 'reported'
    if (!REPORT_METHODS.includes(method)) throw invalidParam(`Method must be one of ${REPORT_METHODS.join(', ')}.`)
    const at = ctx.params.EventTimeStamp as number | undefined
    if (at !== undefined) checkMillis(ctx.cloud, 'EventTimeStamp', at, ctx.nowMs)
    const { event, params } = checkEvent(ctx.cloud, device, ctx.params.EventId as string, jsonObjectParam('Params', ctx.params.Params as string))
    postEvent(ctx.cloud, device, event, params, nextClientToken(ctx.cloud, ctx.requestId))
    return { Data: '' }
  },
}

const appPublishMsgAsDevice: TokenApiAction = {
  action: 'AppPublishMsgAsDevice',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppPublishMsgAsDevice'),
  handle(ctx) {
    const device = reportingDevice(ctx, deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string))
    const kind = topicKind(ctx.params.Topic as string, device)
    publishAsDevice(ctx, device, kind, decodePayload(ctx.params.Payload as string))
    return {}
  },
}

type TopicKind = 'property' | 'event' | 'action'

/** An up topic of this device: $thing/up/{property|event|action}/{ProductId}/{DeviceName}. */
function topicKind(topic: string, device: Device): TopicKind {
  const match = /^\$thing\/up\/(property|event|action)\/([^/]+)\/([^/]+)$/.exec(topic)
  if (!match || `${match[2]}/${match[3]}` !== device.deviceId) {
    throw invalidParam(`Topic must be $thing/up/{property|event|action}/${device.deviceId}.`)
  }
  return match[1] as TopicKind
}

/**
 * The message as the device would publish it: the example's Payload is Base64 of the MQTT
 * message (its decoded text is corrupted, docs/api-decisions.md §4.9); plain JSON text is accepted too.
 */
function decodePayload(payload: string): Record<string, unknown> {
  const trimmed = payload.trim()
  const text = trimmed.startsWith('{') ? trimmed : Buffer.from(trimmed, 'base64').toString('utf8')
  return jsonObjectParam('Payload', text)
}

function publishAsDevice(ctx: TokenCallContext, device: Device, kind: TopicKind, message: Record<string, unknown>): void {
  const { cloud } = ctx
  const clientToken = typeof message.clientToken === 'string' && message.clientToken !== ''
    ? message.clientToken
    : nextClientToken(cloud, ctx.requestId)
  const method = `${kind}:${String(message.method)}`
  const params = isObject(message.params) ? message.params : {}
  switch (method) {
    case 'property:report':
      return reportProperties(cloud, device, checkReport(cloud, device, params), clientToken)
    case 'property:control_reply':
      return // the device acknowledging a control: nothing for the cloud to change
    case 'event:event_post': {
      const checked = checkEvent(cloud, device, String(message.eventId), params)
      postEvent(cloud, device, checked.event, checked.params, clientToken)
      return
    }
    case 'action:action_reply':
      return replyAsDevice(cloud, device, {
        method: 'action_reply',
        clientToken,
        code: typeof message.code === 'number' ? message.code : 0,
        status: typeof message.status === 'string' ? message.status : '',
        response: isObject(message.response) ? message.response : {},
      })
    default:
      throw invalidParam(`Method ${String(message.method)} is not a device message of the ${kind} topic.`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const asDeviceActions = [appReportDataAsDevice, appReportDeviceEvent, appPublishMsgAsDevice]
