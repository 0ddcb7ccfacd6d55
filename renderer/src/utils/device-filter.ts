import type { Device, Room } from '@shared/domain'
import { sameVersion, sortedVersions } from '@shared/firmware/version'

/** The room filter's value for devices outside any room. */
export const NO_ROOM = '-'

export interface DeviceFilter {
  /** '' for all rooms. */
  roomId: string
  query: string
  /** '' for all products. */
  productId?: string
  /** 'true' / 'false' for online / offline devices only, '' for both. */
  online?: '' | 'true' | 'false'
  /** '' for every firmware version. */
  version?: string
}

/** What the filter needs besides the device itself: live online state and known versions. */
export interface FilterContext {
  isOnline?: (device: Device) => boolean
  versionOf?: (device: Device) => string | undefined
}

/** What the user calls the device: the alias they gave it, else its name in the cloud. */
export function deviceLabel(device: Pick<Device, 'aliasName' | 'deviceName'>): string {
  return device.aliasName.trim() || device.deviceName
}

const haystacks = new WeakMap<Device, string>()

/** The searchable text of a device, built once per device object (lists are re-fetched, not mutated). */
function haystackOf(device: Device): string {
  let text = haystacks.get(device)
  if (text === undefined) {
    text = [deviceLabel(device), device.deviceName, device.productName, device.productId, device.roomName, device.deviceId].join('\n').toLocaleLowerCase()
    haystacks.set(device, text)
  }
  return text
}

const listHaystacks = new WeakMap<readonly Device[], string[]>()

/** A list's searchable texts, in its order, once per list: a keystroke then reads an array, not 10,000 map entries. */
function haystacksOf(devices: readonly Device[]): string[] {
  let texts = listHaystacks.get(devices)
  if (!texts) listHaystacks.set(devices, (texts = devices.map(haystackOf)))
  return texts
}

/**
 * Every whitespace-separated term must appear (case-insensitive) in one of the fields a
 * technician might type: label, device name, product, room or the full device id.
 * No filter gives back the list itself, not a copy: clearing the search box costs nothing.
 */
export function filterDevices(devices: readonly Device[], filter: DeviceFilter, context: FilterContext = {}): readonly Device[] {
  const terms = filter.query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  const isOnline = context.isOnline ?? ((d: Device) => d.online)
  // Read once: the filter may be a reactive object, too slow to read 10,000 times over.
  const { roomId, productId, online, version } = filter
  if (terms.length === 0 && !roomId && !productId && !online && !version) return devices
  const wantOnline = online === 'true' // compared as booleans, not as text made per device
  const texts = terms.length > 0 ? haystacksOf(devices) : []
  const found: Device[] = []
  for (let i = 0; i < devices.length; i++) {
    const device = devices[i]!
    if (roomId === NO_ROOM ? hasRoom(device) : roomId && device.roomId !== roomId) continue
    if (productId && device.productId !== productId) continue
    if (online && isOnline(device) !== wantOnline) continue
    if (version && !matchesVersion(context.versionOf?.(device), version)) continue
    if (terms.length > 0 && !containsAll(texts[i]!, terms)) continue
    found.push(device)
  }
  return found
}

function containsAll(text: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!text.includes(term)) return false
  return true
}

/** The same firmware however it is padded: a link asking for 1.2 finds devices on 1.2.0. */
function matchesVersion(actual: string | undefined, wanted: string): boolean {
  return actual !== undefined && actual !== '' && sameVersion(actual, wanted)
}

/** The firmware filter's choices: each version once, oldest first (1.0.2 before 1.0.10, never text order). */
export function versionOptions(versions: Iterable<string>): string[] {
  return sortedVersions([...versions].filter(Boolean))
}

/** `isOnline` lets live state override what the list said. */
export function countOnline<D extends Pick<Device, 'online'>>(devices: readonly D[], isOnline: (device: D) => boolean = (d) => d.online): number {
  let n = 0
  for (const device of devices) if (isOnline(device)) n++
  return n
}

/** Whether a device sits in a room (the cloud may use '' or '0' for none). */
export function hasRoom(device: Pick<Device, 'roomId'>): boolean {
  return device.roomId !== '' && device.roomId !== '0'
}

/**
 * Rooms to filter by: the family's rooms, plus any room a device names that the room list
 * lacks (so a device is never unreachable by the filter).
 */
export function roomOptions(rooms: readonly Room[], devices: readonly Device[]): { roomId: string; name: string }[] {
  const options = rooms.map((r) => ({ roomId: r.roomId, name: r.name }))
  const known = new Set(options.map((o) => o.roomId))
  for (const device of devices) {
    if (hasRoom(device) && !known.has(device.roomId)) {
      known.add(device.roomId)
      options.push({ roomId: device.roomId, name: device.roomName || device.roomId })
    }
  }
  return options
}
