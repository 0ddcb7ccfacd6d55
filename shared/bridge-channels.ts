/**
 * The two Electron IPC channels of the bridge. Kept free of zod so the sandboxed preload
 * bundles only this: the preload forwards by shape, and main checks every name and argument
 * against shared/contracts.
 */
export const IPC_INVOKE = 'desk:invoke'
export const IPC_EVENT = 'desk:event'

/** A command or event name as the contracts spell them: `domain.verb`. */
export function isBridgeName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(name)
}
