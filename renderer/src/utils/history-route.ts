import type { RouteLocationRaw } from 'vue-router'

/** The history page for one device, or several to compare. By path, so it resolves under any router (tests mount partial ones). */
export function historyRoute(familyId: string, deviceIds: readonly string[]): RouteLocationRaw {
  return { path: '/history', query: { familyId, devices: deviceIds.join(',') } }
}

/** A plain left click, which the app navigates itself; with a modifier the browser does what it does with links. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
}
