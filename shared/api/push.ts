/**
 * The WebSocket long connection as the reference prints it (seed 6967-7340), shared by the
 * app's push client and the sandbox cloud. Types only: each side parses on its own.
 */

/** Client → cloud: `{action, reqId, params}`. */
export interface WsRequest {
  action: 'ActivePush' | 'YunApi' | string
  reqId: string | number
  params: Record<string, unknown>
}

/** Cloud → client answer to a request: `error` is "" on success. */
export interface WsAnswer {
  reqId: string | number
  error: string
  error_message: string
  data: unknown
}

/** The documented push Types (seed 7227-7236). */
export const PUSH_TYPES = ['StatusChange', 'Shadow', 'Property', 'Template', 'Event', 'Action', 'UserDefined'] as const
export type PushType = (typeof PUSH_TYPES)[number]

/**
 * SubTypes: the reference's table of them is lost in extraction; it shows Report and Push.
 * StatusChange carries Online / Offline (as Tencent's SDK demos read it).
 */
export type PushSubType = 'Report' | 'Push' | 'Online' | 'Offline' | string

export interface DeviceChangeParams {
  /** RFC 3339 with offset, e.g. 2023-07-13T14:19:48+08:00. */
  Time: string
  Type: PushType
  SubType: PushSubType
  /** `$thing/up/property/{ProductId}/{DeviceName}` or "" (Template, Action). */
  Topic: string
  /** Base64 of a JSON payload (see the *Payload types); may carry trailing NUL bytes. */
  Payload: string
  /** Increases per device. */
  Seq: number
  /** `ProductId/DeviceName`. */
  DeviceId: string
}

/** Cloud → client push: no reqId. */
export interface DeviceChangePush {
  push: true
  action: 'DeviceChange'
  params: DeviceChangeParams
}

/** Property report (SubType Report) or control sent to the device (Template/Push). */
export interface PropertyPayload {
  method: 'report' | 'control'
  clientToken: string
  timestamp?: number
  params: Record<string, unknown>
}

/** Event raised by a device. */
export interface EventPayload {
  method: 'event_post'
  clientToken: string
  version: '1.0'
  eventId: string
  /** info, alert or fault, from the product's data template. */
  type: string
  /** Unix milliseconds. */
  timestamp: number
  params: Record<string, unknown>
}

/** An action call towards the device, and the device's reply. */
export type ActionPayload =
  | { method: 'action'; clientToken: string; actionId: string; timestamp: number; params: Record<string, unknown> }
  | { method: 'action_reply'; clientToken: string; code: number; status: string; response: Record<string, unknown> }

/** Online state change: not printed in the reference (lost in extraction); this is the sandbox's and the client's agreement. */
export interface StatusPayload {
  DeviceId: string
  Online: 0 | 1
}

/** Firmware upgrade progress (Type "Event", SubType "Report", method "ota_progress"). */
export interface OtaProgressPayload {
  method: 'ota_progress'
  clientToken: string
  /** 1..8 / 20 as AppDescribeFirmwareUpdateStatus reports them. */
  status: number
  percent: number
  version: string
  resultCode?: number
}
