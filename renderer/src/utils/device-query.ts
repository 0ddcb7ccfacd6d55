/**
 * The device list's filter and sort as the URL's query, so a filtered list can be linked
 * (the overview's numbers link here) and survives reloads and the back button.
 */
import type { LocationQuery } from 'vue-router'
import type { DeviceFilter } from './device-filter'

export type SortKey = 'name' | 'product' | 'room' | 'online' | 'version'
export type SortOrder = 'asc' | 'desc'

export interface DeviceListQuery extends Required<DeviceFilter> {
  sort: SortKey
  order: SortOrder
}

const SORT_KEYS: readonly SortKey[] = ['name', 'product', 'room', 'online', 'version']

function first(value: LocationQuery[string] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value
  return typeof raw === 'string' ? raw : ''
}

export function readDeviceQuery(query: LocationQuery): DeviceListQuery {
  const online = first(query.online)
  const sort = first(query.sort) as SortKey
  return {
    query: first(query.q),
    roomId: first(query.room),
    productId: first(query.product),
    online: online === 'true' || online === 'false' ? online : '',
    version: first(query.version),
    sort: SORT_KEYS.includes(sort) ? sort : 'name',
    order: first(query.order) === 'desc' ? 'desc' : 'asc',
  }
}

/** Only what differs from the defaults, so plain links stay plain. */
export function writeDeviceQuery(list: DeviceListQuery): Record<string, string> {
  const query: Record<string, string> = {}
  if (list.query.trim()) query.q = list.query
  if (list.roomId) query.room = list.roomId
  if (list.productId) query.product = list.productId
  if (list.online) query.online = list.online
  if (list.version) query.version = list.version
  if (list.sort !== 'name') query.sort = list.sort
  if (list.order !== 'asc') query.order = list.order
  return query
}
