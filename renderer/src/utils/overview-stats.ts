/** The overview's figures, computed from the device lists the app already holds. */
import type { Device } from '@shared/domain'
import { hasRoom } from './device-filter'

export interface CountRow {
  /** What a click filters the device list by (productId, roomId or familyId). */
  key: string
  label: string
  total: number
  online: number
}

export interface FleetCounts {
  total: number
  online: number
  offline: number
  byProduct: CountRow[]
  byRoom: CountRow[]
  byFamily: CountRow[]
}

function tally(rows: Map<string, CountRow>, key: string, label: string, online: boolean): void {
  let row = rows.get(key)
  if (!row) rows.set(key, (row = { key, label, total: 0, online: 0 }))
  row.total++
  if (online) row.online++
}

const bySize = (a: CountRow, b: CountRow) => b.total - a.total || a.label.localeCompare(b.label)

/** One pass over the devices; `noRoom` labels devices outside any room (key ''). */
export function countFleet(
  devices: readonly Device[],
  isOnline: (device: Device) => boolean,
  names: { noRoom: string; familyName: (familyId: string) => string },
): FleetCounts {
  const products = new Map<string, CountRow>()
  const rooms = new Map<string, CountRow>()
  const families = new Map<string, CountRow>()
  let online = 0
  for (const device of devices) {
    const on = isOnline(device)
    if (on) online++
    tally(products, device.productId, device.productName || device.productId, on)
    const room = hasRoom(device) ? device.roomId : ''
    tally(rooms, `${device.familyId}|${room}`, room ? device.roomName || room : names.noRoom, on)
    tally(families, device.familyId, names.familyName(device.familyId), on)
  }
  return {
    total: devices.length,
    online,
    offline: devices.length - online,
    byProduct: [...products.values()].sort(bySize),
    byRoom: [...rooms.values()].sort(bySize),
    byFamily: [...families.values()].sort(bySize),
  }
}

export interface VersionRow {
  productId: string
  productName: string
  version: string
  count: number
}

/** Devices per (product, firmware version), from a firmware check of the fleet. */
export function versionDistribution(devices: readonly { productId: string; productName: string; currentVersion: string }[]): VersionRow[] {
  const rows = new Map<string, VersionRow>()
  for (const d of devices) {
    const key = `${d.productId}|${d.currentVersion}`
    const row = rows.get(key)
    if (row) row.count++
    else rows.set(key, { productId: d.productId, productName: d.productName || d.productId, version: d.currentVersion, count: 1 })
  }
  return [...rows.values()].sort((a, b) => a.productName.localeCompare(b.productName) || b.count - a.count)
}

/** A bounded list of the newest items: what is shown, plus a count of everything seen. */
export class Ring<T> {
  private items: T[] = []
  seen = 0

  constructor(readonly capacity: number) {}

  push(item: T): void {
    this.items.push(item)
    this.seen++
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity)
  }

  /** Newest first. */
  newest(limit = this.capacity): T[] {
    return this.items.slice(-limit).reverse()
  }

  get size(): number {
    return this.items.length
  }

  clear(): void {
    this.items = []
    this.seen = 0
  }
}
