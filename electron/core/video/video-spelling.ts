/**
 * The cloud-storage actions' names. The reference prints them `lotVideo…` (lower-case L);
 * the service is IoT Video and the real cloud almost certainly answers `IotVideo…` (an l/I
 * slip, docs/api-decisions.md; the catalog keeps `IotVideo…` as each one's wireAlias). The sandbox
 * answers both. Decision: send the documented `lotVideo…` first (the name the catalog,
 * the audit log and the API console use), and when a cloud refuses it as an unknown action
 * retry once with the other spelling, remembering per cloud (base URL) which one worked,
 * so a profile pays for the probe once.
 */
import { ApiError } from '../api/api-error'
import type { CloudCall } from '../api/cloud-call'

const DOCUMENTED = 'lotVideo'
const PROBABLE = 'IotVideo'

/** Codes with which a cloud says it does not know the Action. */
const UNKNOWN_ACTION_CODES = new Set(['InvalidAction', 'InvalidParameter.ActionNotFound', 'UnsupportedOperation.ActionNotFound'])

export function isVideoAction(action: string): boolean {
  return action.startsWith(DOCUMENTED) || action.startsWith(PROBABLE)
}

function respell(action: string, prefix: string): string {
  return prefix + action.slice(DOCUMENTED.length)
}

function isUnknownAction(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'api' && UNKNOWN_ACTION_CODES.has(error.code)
}

/**
 * Wraps a call so every cloud-storage action goes out in the spelling that works for the
 * current cloud. `scope()` names that cloud (null while signed out: nothing is remembered).
 */
export function withVideoSpelling(call: CloudCall, scope: () => string | null): CloudCall {
  const working = new Map<string, string>()
  return async (action, params, options) => {
    if (!isVideoAction(action)) return call(action, params, options)
    const key = scope()
    const first = (key && working.get(key)) || DOCUMENTED
    const other = first === DOCUMENTED ? PROBABLE : DOCUMENTED
    try {
      const reply = await call(respell(action, first), params, options)
      if (key) working.set(key, first)
      return reply
    } catch (error) {
      if (!isUnknownAction(error)) throw error
      const reply = await call(respell(action, other), params, options)
      if (key) working.set(key, other)
      return reply
    }
  }
}
