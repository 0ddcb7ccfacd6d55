/** Live device data as the renderer sees it: events decoded from pushes, and the latest state. */

interface EventBase {
  deviceId: string
  /** The cloud's per-device sequence number. */
  seq: number
  /** The cloud's time of the push (RFC 3339). */
  time: string
  receivedAtMs: number
}

export type DeviceEvent = EventBase &
  (
    | { kind: 'status'; online: boolean }
    | { kind: 'property'; source: 'report' | 'control'; clientToken: string; values: Record<string, unknown> }
    | { kind: 'event'; eventId: string; eventType: string; params: Record<string, unknown> }
    | {
        kind: 'action'
        phase: 'call' | 'reply'
        clientToken: string
        actionId: string
        params: Record<string, unknown>
        status: string
        code?: number
      }
    | { kind: 'ota'; status: number; percent: number; version: string; resultCode?: number }
    /** UserDefined: a message on one of the product's custom topics. */
    | { kind: 'message'; topic: string; payload: unknown }
    | { kind: 'other'; type: string; subType: string; payload: unknown }
  )

export interface PropertyValue {
  value: unknown
  /** Unix milliseconds of the device's last report of it. */
  lastUpdateMs: number
}

/** What main knows of a device now, so a newly opened view starts complete. */
export interface DeviceState {
  deviceId: string
  online: boolean | null
  properties: Record<string, PropertyValue>
  /** When this state was last confirmed by the cloud (push or resync), Unix ms. */
  updatedAtMs: number
}
