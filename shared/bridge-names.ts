/**
 * The bridge's names and IPC channels, free of zod so the sandboxed preload can bundle
 * them without pulling in the schema library. `bridge.ts` re-exports everything here;
 * tests/main/bridge-names.test.ts checks (in tsc and at run time) that these lists match
 * its `commandArgs` and `BridgeEvents`.
 */

/** Every command the renderer may invoke. Keep in step with `commandArgs` in bridge.ts. */
export const COMMAND_NAMES = [
  'app.info',
  'profiles.list',
  'profiles.save',
  'profiles.remove',
  'session.current',
  'session.signIn',
  'session.signOut',
  'families.list',
  'families.describe',
  'rooms.list',
  'devices.list',
  'products.list',
  'live.watch',
  'api.call',
  'audit.list',
  'audit.export',
  'video.signUrl',
  'ota.check',
  'ota.upgradeDevice',
  'rollout.preview',
  'rollout.create',
  'rollout.start',
  'rollout.pause',
  'rollout.resume',
  'rollout.cancel',
  'rollout.retry',
  'rollout.list',
  'rollout.get',
  'rollout.exportCsv',
  'history.fetch',
  'history.cancel',
  'history.cacheStats',
  'history.clearCache',
  'history.setCacheLimit',
] as const
export type ListedCommandName = (typeof COMMAND_NAMES)[number]

/** Every event main pushes to the renderer. Keep in step with `BridgeEvents` in bridge.ts. */
export const EVENT_NAMES = ['session.changed', 'session.expiring', 'connection.changed', 'device.events', 'device.states', 'rollout.progress', 'history.progress', 'devices.progress'] as const
export type ListedEventName = (typeof EVENT_NAMES)[number]

const commandNames: ReadonlySet<string> = new Set(COMMAND_NAMES)
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES)

export function isCommandName(name: unknown): name is ListedCommandName {
  return typeof name === 'string' && commandNames.has(name)
}

export function isEventName(name: unknown): name is ListedEventName {
  return typeof name === 'string' && eventNames.has(name)
}

/** Electron IPC channel names. */
export const IPC_INVOKE = 'desk:invoke'
export const IPC_EVENT = 'desk:event'
