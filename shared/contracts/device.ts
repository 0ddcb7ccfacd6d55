/**
 * One device: its cloud record, latest data, control, actions, event history, sub-devices,
 * and the changes a technician makes to it (rename, move, remove).
 */
import { z } from 'zod'
import { historyEventMarkSchema } from '../history'
import { propertyValueSchema } from '../live'
import { changed, command, contract, id, text } from './define'

const deviceId = id
const values = z.record(z.string(), z.unknown())
const ms = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)

/** A record shown as the cloud sent it (field → value), with the call's RequestId. */
export const cloudRecordSchema = z.object({ requestId: z.string(), fields: values })
export type CloudRecord = z.infer<typeof cloudRecordSchema>

export const actionReplySchema = z.object({
  requestId: z.string(),
  /** Matches the async reply push ('action' event of the same clientToken). */
  clientToken: z.string(),
  status: z.string(),
  output: values,
})
export type ActionReply = z.infer<typeof actionReplySchema>

export const eventHistoryPageSchema = z.object({
  /** Newest first, as people read a log. */
  events: z.array(historyEventMarkSchema),
  /** Pass back to read the next page; '' when there is none. */
  context: z.string(),
  /** No more pages (Listover, an empty cursor or an empty page). */
  listover: z.boolean(),
  /** The cloud's Total when it sent one. */
  total: z.number().nullable(),
  requestId: z.string(),
})
export type EventHistoryPage = z.infer<typeof eventHistoryPageSchema>

export const subDeviceSchema = z.object({
  deviceId: z.string(),
  productId: z.string(),
  deviceName: z.string(),
  aliasName: z.string(),
  familyId: z.string(),
  roomId: z.string(),
})
export type SubDevice = z.infer<typeof subDeviceSchema>

export const deviceContract = contract({
  /** The family's record of the device (AppGetDeviceInFamily). */
  'device.describe': command(z.object({ familyId: id, deviceId }).strict(), cloudRecordSchema),
  /** The device's ext info (AppGetDeviceExtInfo). */
  'device.extInfo': command(z.object({ deviceId }).strict(), cloudRecordSchema),
  /** The cloud's own latest values (AppGetDeviceData), e.g. after a long-quiet push link. */
  'device.data': command(z.object({ deviceId }).strict(), z.object({ requestId: z.string(), properties: z.record(z.string(), propertyValueSchema) })),
  /** Sets properties (AppControlDeviceData); the device confirms through a push with the clientToken. */
  'device.control': command(
    z.object({ deviceId, values: values.refine((v) => Object.keys(v).length > 0, 'at least one property') }).strict(),
    z.object({ requestId: z.string(), clientToken: z.string() }),
  ),
  /** Calls a thing-model action, waiting for the device's answer (sync) or not (async). */
  'device.callAction': command(
    z.object({ deviceId, actionId: text(64), input: values.default({}), mode: z.enum(['sync', 'async']) }).strict(),
    actionReplySchema,
  ),
  'device.rename': command(z.object({ deviceId, aliasName: text(64) }).strict(), changed),
  'device.moveToRoom': command(z.object({ familyId: id, deviceId, roomId: id }).strict(), changed),
  /** Unbinds the device from the family (AppDeleteDeviceInFamily): it cannot be undone here. */
  'device.remove': command(z.object({ familyId: id, deviceId, roomId: z.string().max(128).default('') }).strict(), changed),
  /** One page of the device's events (AppListEventHistory). */
  'device.eventHistory': command(
    z
      .object({
        deviceId,
        fromMs: ms,
        toMs: ms,
        type: z.string().max(32).optional(),
        eventId: z.string().max(64).optional(),
        context: z.string().max(4096).optional(),
        size: z.number().int().min(1).max(100).default(50),
      })
      .strict()
      .refine((a) => a.fromMs <= a.toMs, { message: 'fromMs must not be after toMs', path: ['toMs'] }),
    eventHistoryPageSchema,
  ),
  /** A gateway's sub-devices in the family (AppGetFamilySubDeviceList, every page). */
  'device.subDevices': command(z.object({ gatewayId: deviceId }).strict(), z.array(subDeviceSchema)),
})
