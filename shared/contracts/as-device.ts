/**
 * Test tools that act AS the device (the reference's Bluetooth/mini-program actions): the
 * cloud takes what they send for the device's own reports. Every one is a change, audited
 * with its RequestId; the renderer keeps them apart from the controls and asks first.
 */
import { z } from 'zod'
import { changed, command, contract, deviceId, text } from './define'

const values = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a property identifier'), z.unknown())

/** The device's up topics (what a device publishes on); $thing/up/{property|event|action}/{ProductId}/{DeviceName}. */
export const UP_TOPIC_KINDS = ['property', 'event', 'action'] as const

const jsonObjectText = z
  .string()
  .max(16_384)
  .refine((s) => {
    try {
      const parsed: unknown = JSON.parse(s)
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    } catch {
      return false
    }
  }, 'a JSON object')

export const otaInfoSchema = z.object({
  requestId: z.string(),
  /** null when the cloud has no upgrade task for the device (it runs the newest firmware). */
  task: z.object({ firmwareUrl: z.string(), targetVersion: z.string(), uploadVersion: z.string() }).nullable(),
})
export type OtaInfo = z.infer<typeof otaInfoSchema>

export const asDeviceContract = contract({
  /** Reports property values as if the device had (AppReportDataAsDevice). */
  'asDevice.reportProperties': command(
    z.object({ deviceId, values: values.refine((v) => Object.keys(v).length > 0, 'at least one property') }).strict(),
    changed,
  ),
  /** Publishes a message on one of the device's up topics (AppPublishMsgAsDevice); payload is JSON text. */
  'asDevice.publishMessage': command(z.object({ deviceId, topicKind: z.enum(UP_TOPIC_KINDS), payload: jsonObjectText }).strict(), changed),
  /** Raises a thing-model event as if the device had (AppReportDeviceEvent). */
  'asDevice.raiseEvent': command(z.object({ deviceId, eventId: text(64), params: values.default({}) }).strict(), changed),
  /** The firmware the cloud would hand the device (AppGetDeviceOTAInfo). */
  'asDevice.otaInfo': command(z.object({ deviceId }).strict(), otaInfoSchema),
  /** Reports the firmware version the device runs (AppReportFirmwareVersion). */
  'asDevice.reportFirmwareVersion': command(
    z.object({ deviceId, version: z.string().trim().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, 'a version such as 1.2.0') }).strict(),
    changed,
  ),
})
