/**
 * What the app sees of a home when it checks its commissioning: read once through the core's
 * own services (fleet, members, firmware, device data, recordings, the audit log), then judged
 * by pure rules (checklist.ts, report.ts). A part that cannot be read is kept as its error,
 * so one failing device check shows as "unknown" instead of failing the whole checklist.
 */
import type { AuditEntry, AuditFilter, Device, FamilyDetail, Product, Room } from '../../../shared/domain'
import { AUTO_DEVICE_CHECKS } from '../../../shared/contracts/commissioning'
import type { Member } from '../../../shared/contracts/members'
import type { PropertyValue } from '../../../shared/live'
import { isCamera } from '../../../shared/camera'
import { mapConcurrently } from '../../../shared/concurrency'
import { chinaRfc3339 } from '../../../shared/time/china-time'
import { ApiError } from '../api/api-error'
import { controlsOf, type SentControl } from './test-control'

/** A part that could not be read: its error, for the item's reason. */
export interface ReadFailure {
  failed: true
  code: string
  message: string
}
export type Read<T> = T | ReadFailure

export const isFailure = <T>(value: Read<T>): value is ReadFailure =>
  typeof value === 'object' && value !== null && (value as Partial<ReadFailure>).failed === true

/** What commissioning reads, from the core's services (sources.ts wires the desk's). */
export interface CommissioningSources {
  family(familyId: string): Promise<FamilyDetail>
  rooms(familyId: string): Promise<Room[]>
  devices(familyId: string): Promise<Device[]>
  products(productIds: string[]): Promise<Product[]>
  members(familyId: string): Promise<Member[]>
  /** The version the device runs and the newest the cloud offers it (equal when none is newer). */
  firmware(deviceId: string): Promise<{ current: string; target: string }>
  deviceData(deviceId: string): Promise<Record<string, PropertyValue>>
  recordedDates(deviceId: string): Promise<string[]>
  daySpans(deviceId: string, date: string): Promise<{ start: number; end: number }[]>
  audit(filter: AuditFilter): AuditEntry[]
  /** What the signed-in account is known by (e-mail, phone, nickname). */
  account(): string
  now(): number
}

export interface DeviceFacts {
  device: Device
  /** The product has a writable property, so a test control applies. */
  controllable: boolean
  camera: boolean
  firmware: Read<{ current: string; target: string }>
  /** Controls sent through this app, newest first. */
  controls: SentControl[]
  /** The device's latest reported values; null when no control was sent (nothing to compare). */
  data: Read<Record<string, PropertyValue>> | null
  /** End (Unix s) of the newest recorded span in the last 24 hours, 0 when none; null when not a camera. */
  lastRecordingS: Read<number> | null
}

export interface HomeFacts {
  family: FamilyDetail
  rooms: Room[]
  /** The devices checked through (their firmware, test control and recordings read). */
  devices: DeviceFacts[]
  /** The devices judged by what the list says alone: a home over AUTO_DEVICE_CHECKS not asked for every device. */
  unchecked: Device[]
  members: Read<Member[]>
  /** When this app last invited someone into the home (Unix ms), 0 when never. */
  lastInvitationMs: number
  account: string
  nowMs: number
}

/** Device checks in flight at once: each is a few cloud calls. */
const DEVICE_CONCURRENCY = 4
const DAY_S = 86_400
/** The invitations this app sends (by user id, or as a token to hand over). */
const INVITATIONS = ['AppSendShareFamilyInvite', 'AppInviteMember']

/**
 * A home's facts. Each device's own reads (a few cloud calls, an audit search) are made for
 * a home of up to AUTO_DEVICE_CHECKS devices, or for any home when `everyDevice`;
 * `onChecked` hears each device checked through, of how many.
 */
export async function readHomeFacts(
  sources: CommissioningSources,
  familyId: string,
  { everyDevice = false, onChecked = (_checked: number, _total: number): void => {} } = {},
): Promise<HomeFacts> {
  const [family, rooms, devices, members] = await Promise.all([
    sources.family(familyId),
    sources.rooms(familyId),
    sources.devices(familyId),
    attempt(() => sources.members(familyId)),
  ])
  const nowMs = sources.now()
  const home = { family, rooms, members, lastInvitationMs: lastInvitation(sources, familyId), account: sources.account(), nowMs }
  if (!everyDevice && devices.length > AUTO_DEVICE_CHECKS) return { ...home, devices: [], unchecked: devices }
  const products = new Map((await productsOf(sources, devices)).map((p) => [p.productId, p]))
  let checked = 0
  const deviceFacts = await mapConcurrently(devices, DEVICE_CONCURRENCY, async (device) => {
    const facts = await readDevice(sources, device, products.get(device.productId), nowMs)
    onChecked(++checked, devices.length)
    return facts
  })
  return { ...home, devices: deviceFacts, unchecked: [] }
}

async function productsOf(sources: CommissioningSources, devices: Device[]): Promise<Product[]> {
  const ids = [...new Set(devices.map((d) => d.productId))]
  return ids.length ? sources.products(ids) : []
}

async function readDevice(sources: CommissioningSources, device: Device, product: Product | undefined, nowMs: number): Promise<DeviceFacts> {
  const controllable = product?.thingModel.properties.some((p) => p.mode === 'rw') ?? false
  const camera = product ? isCamera(product) : false
  const controls = controllable ? controlsOf(sources.audit({ action: 'AppControlDeviceData', text: device.deviceName, limit: 100 }), device.deviceId) : []
  const [firmware, data, lastRecordingS] = await Promise.all([
    attempt(() => sources.firmware(device.deviceId)),
    controls.length ? attempt(() => sources.deviceData(device.deviceId)) : null,
    camera ? attempt(() => lastRecording(sources, device.deviceId, nowMs)) : null,
  ])
  return { device, controllable, camera, firmware, controls, data, lastRecordingS }
}

/** The newest recorded moment of the last 24 hours: today's and yesterday's China-time days are read. */
async function lastRecording(sources: CommissioningSources, deviceId: string, nowMs: number): Promise<number> {
  const nowS = Math.floor(nowMs / 1000)
  // Cloud-storage days are China-time dates: the last 24 hours touch today's and yesterday's.
  const days = [nowMs, nowMs - DAY_S * 1000].map((ms) => chinaRfc3339(ms).slice(0, 10))
  const recorded = new Set(await sources.recordedDates(deviceId))
  let newest = 0
  for (const date of days.filter((d) => recorded.has(d))) {
    for (const span of await sources.daySpans(deviceId, date)) {
      if (span.end > nowS - DAY_S) newest = Math.max(newest, Math.min(span.end, nowS))
    }
  }
  return newest
}

function lastInvitation(sources: CommissioningSources, familyId: string): number {
  const sent = INVITATIONS.flatMap((action) => sources.audit({ action, outcome: 'ok', text: familyId, limit: 20 }))
  return Math.max(0, ...sent.filter((e) => paramOf(e, 'FamilyId') === familyId).map((e) => e.timeMs))
}

function paramOf(entry: AuditEntry, name: string): unknown {
  try {
    return (JSON.parse(entry.params) as Record<string, unknown>)[name]
  } catch {
    return undefined
  }
}

/** Runs one read; its failure is kept (a lost session still ends everything). */
async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'session') throw error
    return { failed: true, code: error instanceof ApiError ? error.code : 'Desk.Internal', message: error instanceof Error ? error.message : String(error) }
  }
}
