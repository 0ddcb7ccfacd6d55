/**
 * Commissioning a home: the checklist the app fills in from what it sees (each device in a
 * room, named, online, answering a test control, on current firmware, cameras recording; the
 * customer invited), and the hand-over report the technician saves as PDF or prints.
 */
import { z } from 'zod'
import { command, contract, id } from './define'

/** What one checklist item checks. `devices` and `invited` are about the home; the rest about one device. */
export const CHECK_KINDS = ['devices', 'room', 'named', 'online', 'control', 'firmware', 'recording', 'invited'] as const
export const checkKindSchema = z.enum(CHECK_KINDS)
export type CheckKind = z.infer<typeof checkKindSchema>

export const checkStatusSchema = z.enum(['met', 'unmet', 'unknown'])
export type CheckStatus = z.infer<typeof checkStatusSchema>

/**
 * Why an item stands as it does, for the renderer to say in the user's language; `params`
 * fills the sentence (versions, times as Unix ms, names, an error's code and message).
 */
export const CHECK_REASONS = [
  'devices-bound',
  'no-devices',
  'in-room',
  'no-room',
  'named',
  'factory-name',
  'online',
  'offline',
  'confirmed',
  'never-controlled',
  'control-refused',
  'not-confirmed',
  'current',
  'upgrade-available',
  'recorded',
  'no-recent-recording',
  'member-joined',
  'invitation-pending',
  'nobody-invited',
  'read-failed',
] as const
export const checkReasonSchema = z.enum(CHECK_REASONS)
export type CheckReason = z.infer<typeof checkReasonSchema>

/** The page that fixes an unmet item. */
export const fixPlaceSchema = z.enum(['rooms', 'device', 'firmware', 'recordings', 'members', 'bind'])
export type FixPlace = z.infer<typeof fixPlaceSchema>

export const checkItemSchema = z.object({
  kind: checkKindSchema,
  /** '' for an item about the whole home. */
  deviceId: z.string(),
  status: checkStatusSchema,
  reason: checkReasonSchema,
  params: z.record(z.string(), z.string()),
  /** Where to fix it; null when met (or nothing in the app fixes it). */
  fix: fixPlaceSchema.nullable(),
})
export type CheckItem = z.infer<typeof checkItemSchema>

export const checklistDeviceSchema = z.object({
  deviceId: z.string(),
  /** The alias, or the DeviceName when it has none. */
  name: z.string(),
  productName: z.string(),
  roomName: z.string(),
})
export type ChecklistDevice = z.infer<typeof checklistDeviceSchema>

/**
 * Up to this many devices a home's checklist reads each device's firmware, test control and
 * recordings by itself (a few cloud calls each); a larger home's only when asked
 * (`everyDevice`): 10,000 devices were ~13,000 cloud calls each time its Home page opened.
 */
export const AUTO_DEVICE_CHECKS = 300

export const checklistSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  checkedAtMs: z.number(),
  devices: z.array(checklistDeviceSchema),
  items: z.array(checkItemSchema),
  met: z.number(),
  total: z.number(),
  /** Devices checked by the device list alone (room, name, online): a home over AUTO_DEVICE_CHECKS not asked for every device. 0 when all were checked. */
  unchecked: z.number(),
})
export type Checklist = z.infer<typeof checklistSchema>

/** A device's test control: confirmed, sent but not (yet) confirmed or refused, or never sent through this app. */
export const testResultSchema = z.object({
  outcome: z.enum(['confirmed', 'not-confirmed', 'refused', 'never']),
  /** When the control was sent (Unix ms); 0 when never. */
  atMs: z.number(),
  /** The properties sent, as JSON ('' when never). */
  values: z.string(),
})
export type TestResult = z.infer<typeof testResultSchema>

export const reportDeviceSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  deviceName: z.string(),
  productName: z.string(),
  roomName: z.string(),
  /** '' when the firmware check failed. */
  firmwareVersion: z.string(),
  online: z.boolean(),
  test: testResultSchema.nullable(),
})
export type ReportDevice = z.infer<typeof reportDeviceSchema>

export const handoverReportSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  address: z.string(),
  generatedAtMs: z.number(),
  /** The signed-in account's nickname in this home (its e-mail or phone when the home does not say). */
  technician: z.string(),
  rooms: z.array(z.object({ roomId: z.string(), name: z.string(), deviceCount: z.number() })),
  devices: z.array(reportDeviceSchema),
  members: z.array(z.object({ userId: z.string(), nickName: z.string(), role: z.number() })),
  met: z.number(),
  total: z.number(),
})
export type HandoverReport = z.infer<typeof handoverReportSchema>

export const pdfOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string(), bytes: z.number() }),
  z.object({ outcome: z.literal('cancelled') }),
  /** The host cannot write a PDF (browser mode): the page opens the browser's print dialog instead. */
  z.object({ outcome: z.literal('print') }),
])
export type PdfOutcome = z.infer<typeof pdfOutcomeSchema>

const family = z.object({ familyId: id }).strict()

/** A home's devices checked through so far, of those to check. */
export const checkProgressSchema = z.object({ familyId: z.string(), checked: z.number(), total: z.number() })
export type CheckProgress = z.infer<typeof checkProgressSchema>

export const commissioningContract = contract(
  {
    /** `everyDevice` checks a home over AUTO_DEVICE_CHECKS devices through too. Progress as 'commissioning.progress'. */
    'commissioning.checklist': command(z.object({ familyId: id, everyDevice: z.boolean().optional() }).strict(), checklistSchema),
    /** Checks every device through; progress as 'commissioning.progress'. */
    'commissioning.report': command(family, handoverReportSchema),
    /** Saves the page on screen (the report) as PDF where the user chooses, or says to print it. */
    'commissioning.savePdf': command(z.object({ fileName: z.string().trim().min(1).max(120).regex(/^[^/\\:*?"<>|]+\.pdf$/i, 'a file name ending in .pdf') }).strict(), pdfOutcomeSchema),
  },
  {
    /** A checklist or report checking a home's devices through: at most one event per 250 ms per read. */
    'commissioning.progress': checkProgressSchema,
  },
)
