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

/** ActivePush params: the whole list to watch (it replaces the connection's previous one). */
export interface ActivePushParams {
  DeviceIds: string[]
  AccessToken: string
}

/**
 * ActivePush answer data: the devices now watched (lower-case `deviceIds`, as printed);
 * devices the user may not read are left out. On a refused call (bad token, missing
 * DeviceIds) the list is empty and `Response.Error` says why (sandbox; the reference shows
 * only the empty list).
 */
export interface ActivePushData {
  deviceIds: string[]
  Response?: { Error: { Code: string; Message: string }; RequestId: string }
}

/** YunApi params of the heartbeat; its answer data is `{Response: {RequestId}}` or `{Response: {Error, RequestId}}`. */
export interface HeartbeatParams {
  Action: 'AppDeviceTraceHeartBeat'
  ActionParams: { DeviceIds: string[]; AccessToken: string; RequestId: string }
}

/** `error` of a server/transport failure ("Error connecting with backend, contact the admin"). */
export const WS_SERVER_ERROR = '-1'

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

/**
 * Firmware upgrade progress: Type "Event", SubType "Report", Topic
 * `$ota/report/{ProductId}/{DeviceName}`, method "ota_progress". Not printed in the
 * reference (its push section lost the payload table); the sandbox's and the client's
 * agreement. One push per status change of an upgrade, whether the cloud drives it
 * (AppPublishFirmwareUpdateMessage) or a caller reports it (AppReportOTAStatus).
 * Consumers of Type "Event" pushes tell it from a template event by `method`.
 */
export interface OtaProgressPayload {
  method: 'ota_progress'
  clientToken: string
  /**
   * AppDescribeFirmwareUpdateStatus's Status: 1 pending, 2 delivered, 3 downloading,
   * 20 download completed, 4 burning, 6 done, 5 failed, 7 being processed.
   */
  status: number
  /** AppReportOTAStatus's State word for it: updating, downloading, burning, done, fail. */
  state: string
  /** 0..100 (download progress; 100 from download completed on). */
  percent: number
  /** The upgrade's target version. */
  version: string
  /** The version the upgrade started from. */
  oriVersion: string
  /**
   * The version the device runs now. On status 6 compare it with `version`: a device can
   * come back from its reboot on the old version although it said done.
   */
  currentVersion: string
  /** AppReportOTAStatus's ResultCode: 0, or -1 download timeout, -2 file missing, -3 signature expired, -4 MD5 mismatch, -5 update failed. */
  resultCode: number
  resultMsg: string
  /** Unix milliseconds. */
  timestamp: number
}
