/** How the checklist's items read and where their fixes are: pure, so tests and both views share them. */
import type { RouteLocationRaw } from 'vue-router'
import type { CheckItem, Checklist, ChecklistDevice, FixPlace } from '@shared/contracts/commissioning'
import { formatDateTime } from './format'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The sentence saying why an item stands as it does, times in the user's locale. */
export function reasonText(item: CheckItem, t: Translate, locale: string): string {
  const time = item.params.atMs ? formatDateTime(Number(item.params.atMs), locale) : ''
  return t(`commissioning.reason.${item.reason}`, { ...item.params, time })
}

/** Items grouped as the panel shows them: the home's own, then each device's, in one pass (a large home has 10,000 devices). */
export function groupsOf(list: Checklist, onlyUnmet: boolean): { device: ChecklistDevice | null; items: CheckItem[] }[] {
  const byDevice = new Map<string, CheckItem[]>()
  for (const item of list.items) {
    if (onlyUnmet && item.status === 'met') continue
    const items = byDevice.get(item.deviceId)
    if (items) items.push(item)
    else byDevice.set(item.deviceId, [item])
  }
  const groups = [{ device: null, items: byDevice.get('') ?? [] }, ...list.devices.map((device) => ({ device, items: byDevice.get(device.deviceId) ?? [] }))]
  return groups.filter((g) => g.items.length > 0)
}

/** Fixes on another page are routes; fixes on the Home page itself are places to focus there. */
export type FixTarget = { route: RouteLocationRaw } | { focus: string }

const ON_HOME_PAGE: Partial<Record<FixPlace, (deviceId: string) => string>> = {
  // The device's tile on the room board: Space picks it up, arrows choose the room.
  rooms: (deviceId) => `[data-testid="room-device"][data-device-id="${deviceId.replace(/["\\]/g, '\\$&')}"]`,
  members: () => '[data-testid="invite-form"] input',
}

/** Where each off-page fix leads; the device id is passed only to routes that take one. */
function fixRoute(place: FixPlace, familyId: string, deviceId: string): RouteLocationRaw {
  if (place === 'bind') return { name: 'add-device', params: { familyId } }
  return { name: place, params: { familyId, deviceId } }
}

export function fixTarget(place: FixPlace, familyId: string, deviceId: string): FixTarget {
  const selector = ON_HOME_PAGE[place]
  if (selector) return { focus: selector(deviceId) }
  return { route: fixRoute(place, familyId, deviceId) }
}
