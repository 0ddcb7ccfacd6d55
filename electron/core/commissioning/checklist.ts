/**
 * The commissioning checklist's rules: pure functions of what the app read (facts.ts).
 * An item is met, unmet (with the page that fixes it) or unknown (the app could not read
 * what it needs; the reason names the error). "Met" counts only items that are met.
 */
import type { CheckItem, Checklist, FixPlace } from '../../../shared/contracts/commissioning'
import type { Member } from '../../../shared/contracts/members'
import { isNewer } from '../../../shared/firmware/version'
import { isFailure, type DeviceFacts, type HomeFacts, type Read, type ReadFailure } from './facts'
import { testResultOf } from './test-control'

/** How long an invitation stays open: the reference's share tokens live 7 days. */
export const INVITATION_OPEN_MS = 7 * 86_400_000
const ADMIN = 1

type Params = Record<string, string>
type Listed = Pick<DeviceFacts, 'device'>

const met = (kind: CheckItem['kind'], deviceId: string, reason: CheckItem['reason'], params: Params = {}): CheckItem => ({ kind, deviceId, status: 'met', reason, params, fix: null })
const unmet = (kind: CheckItem['kind'], deviceId: string, reason: CheckItem['reason'], fix: FixPlace, params: Params = {}): CheckItem => ({ kind, deviceId, status: 'unmet', reason, params, fix })
const unknown = (kind: CheckItem['kind'], deviceId: string, failure: ReadFailure, fix: FixPlace | null = null): CheckItem => ({
  kind,
  deviceId,
  status: 'unknown',
  reason: 'read-failed',
  params: { code: failure.code, message: failure.message },
  fix,
})

export function checklistOf(facts: HomeFacts): Checklist {
  const items = [devicesItem(facts), ...facts.devices.flatMap((d) => deviceItems(d, facts)), ...facts.unchecked.flatMap((device) => listedItems({ device }, facts)), invitedItem(facts)]
  const devices = [...facts.devices.map((d) => d.device), ...facts.unchecked]
  return {
    familyId: facts.family.familyId,
    familyName: facts.family.name,
    checkedAtMs: facts.nowMs,
    devices: devices.map((device) => ({ deviceId: device.deviceId, name: device.aliasName || device.deviceName, productName: device.productName, roomName: roomOf(device.roomId, facts) })),
    items,
    met: items.filter((i) => i.status === 'met').length,
    total: items.length,
    unchecked: facts.unchecked.length,
  }
}

function devicesItem(facts: HomeFacts): CheckItem {
  const count = facts.devices.length + facts.unchecked.length
  return count > 0 ? met('devices', '', 'devices-bound', { count: String(count) }) : unmet('devices', '', 'no-devices', 'bind')
}

/** The items of one device, in the order a technician works through them. */
export function deviceItems(facts: DeviceFacts, home: Pick<HomeFacts, 'rooms' | 'nowMs'>): CheckItem[] {
  const items = listedItems(facts, home)
  if (facts.controllable) items.push(controlItem(facts))
  items.push(firmwareItem(facts))
  if (facts.lastRecordingS !== null) items.push(recordingItem(facts.device.deviceId, facts.lastRecordingS))
  return items
}

/** The items the device list alone answers: room, name, online. */
function listedItems(listed: Listed, home: Pick<HomeFacts, 'rooms'>): CheckItem[] {
  return [roomItem(listed, home), namedItem(listed), onlineItem(listed)]
}

/** The home's default room ("0" or empty) is never listed: a device there is in no room. */
function roomOf(roomId: string, home: Pick<HomeFacts, 'rooms'>): string {
  return home.rooms.find((r) => r.roomId === roomId)?.name ?? ''
}

function roomItem({ device }: Listed, home: Pick<HomeFacts, 'rooms'>): CheckItem {
  const room = roomOf(device.roomId, home)
  return room ? met('room', device.deviceId, 'in-room', { room }) : unmet('room', device.deviceId, 'no-room', 'rooms')
}

/** Named: an alias the technician gave, not the factory DeviceName. */
function namedItem({ device }: Listed): CheckItem {
  const alias = device.aliasName.trim()
  return alias && alias !== device.deviceName
    ? met('named', device.deviceId, 'named', { name: alias })
    : unmet('named', device.deviceId, 'factory-name', 'device', { name: device.deviceName })
}

function onlineItem({ device }: Listed): CheckItem {
  return device.online ? met('online', device.deviceId, 'online') : unmet('online', device.deviceId, 'offline', 'device')
}

function controlItem({ device, controls, data }: DeviceFacts): CheckItem {
  const id = device.deviceId
  if (data !== null && isFailure(data)) return unknown('control', id, data, 'device')
  const result = testResultOf(controls, data)
  const at = { atMs: String(result.atMs), values: result.values }
  switch (result.outcome) {
    case 'confirmed':
      return met('control', id, 'confirmed', at)
    case 'not-confirmed':
      return unmet('control', id, 'not-confirmed', 'device', at)
    case 'refused':
      return unmet('control', id, 'control-refused', 'device', { ...at, code: result.error?.errorCode ?? '', message: result.error?.errorMessage ?? '' })
    default:
      return unmet('control', id, 'never-controlled', 'device')
  }
}

/** Current: the cloud offers nothing newer than what the device runs (shared/firmware/version.ts orders them). */
function firmwareItem({ device, firmware }: DeviceFacts): CheckItem {
  if (isFailure(firmware)) return unknown('firmware', device.deviceId, firmware, 'firmware')
  const versions = { current: firmware.current, target: firmware.target }
  return isNewer(firmware.target, firmware.current)
    ? unmet('firmware', device.deviceId, 'upgrade-available', 'firmware', versions)
    : met('firmware', device.deviceId, 'current', versions)
}

function recordingItem(deviceId: string, lastRecordingS: Read<number>): CheckItem {
  if (isFailure(lastRecordingS)) return unknown('recording', deviceId, lastRecordingS, 'recordings')
  return lastRecordingS > 0
    ? met('recording', deviceId, 'recorded', { atMs: String(lastRecordingS * 1000) })
    : unmet('recording', deviceId, 'no-recent-recording', 'recordings')
}

/**
 * The customer is invited when someone besides the technician belongs to the home, or an
 * invitation this app sent is still open (the cloud lists no pending invitations, so the
 * audit log is what knows). Administering the home, the technician is its administrator;
 * as a plain member, the administrator is someone else.
 */
function invitedItem(facts: HomeFacts): CheckItem {
  if (isFailure(facts.members)) return unknown('invited', '', facts.members, 'members')
  const others = otherMembers(facts.members, facts.family.role)
  if (others.length > 0) return met('invited', '', 'member-joined', { names: others.map((m) => m.nickName || m.userId).join(', ') })
  if (facts.lastInvitationMs > 0 && facts.nowMs - facts.lastInvitationMs < INVITATION_OPEN_MS) {
    return met('invited', '', 'invitation-pending', { atMs: String(facts.lastInvitationMs) })
  }
  return unmet('invited', '', 'nobody-invited', 'members')
}

export function otherMembers(members: readonly Member[], myRole: number): Member[] {
  if (myRole !== ADMIN) return members.filter((m) => m.role === ADMIN)
  return members.filter((m) => m.role !== ADMIN)
}

/** The technician as the home knows him: its administrator's nickname when he administers it. */
export function technicianOf(members: Read<Member[]>, myRole: number, account: string): string {
  if (myRole !== ADMIN || isFailure(members)) return account
  return members.find((m) => m.role === ADMIN)?.nickName || account
}
