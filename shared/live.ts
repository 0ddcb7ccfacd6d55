/** Live device data as the renderer sees it: events decoded from pushes, and the latest state. */
import { z } from 'zod'

const record = z.record(z.string(), z.unknown())

const eventBase = {
  deviceId: z.string(),
  /** The cloud's per-device sequence number. */
  seq: z.number(),
  /** The cloud's time of the push (RFC 3339). */
  time: z.string(),
  receivedAtMs: z.number(),
}

export const deviceEventSchema = z.discriminatedUnion('kind', [
  z.object({ ...eventBase, kind: z.literal('status'), online: z.boolean() }),
  z.object({ ...eventBase, kind: z.literal('property'), source: z.enum(['report', 'control']), clientToken: z.string(), values: record }),
  z.object({ ...eventBase, kind: z.literal('event'), eventId: z.string(), eventType: z.string(), params: record }),
  z.object({
    ...eventBase,
    kind: z.literal('action'),
    phase: z.enum(['call', 'reply']),
    clientToken: z.string(),
    actionId: z.string(),
    params: record,
    status: z.string(),
    code: z.number().optional(),
  }),
  z.object({ ...eventBase, kind: z.literal('ota'), status: z.number(), percent: z.number(), version: z.string(), resultCode: z.number().optional() }),
  /** UserDefined: a message on one of the product's custom topics. */
  z.object({ ...eventBase, kind: z.literal('message'), topic: z.string(), payload: z.unknown() }),
  z.object({ ...eventBase, kind: z.literal('other'), type: z.string(), subType: z.string(), payload: z.unknown() }),
])
export type DeviceEvent = z.infer<typeof deviceEventSchema>

export const propertyValueSchema = z.object({
  value: z.unknown(),
  /** Unix milliseconds of the device's last report of it. */
  lastUpdateMs: z.number(),
})
export type PropertyValue = z.infer<typeof propertyValueSchema>

/** What main knows of a device now, so a newly opened view starts complete. */
export const deviceStateSchema = z.object({
  deviceId: z.string(),
  online: z.boolean().nullable(),
  properties: z.record(z.string(), propertyValueSchema),
  /** When this state was last confirmed by the cloud (push or resync), Unix ms. */
  updatedAtMs: z.number(),
})
export type DeviceState = z.infer<typeof deviceStateSchema>
