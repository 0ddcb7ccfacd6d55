import { ACTION_SPECS } from './catalog'
import type { ActionSpec } from './action-spec'

export type { ActionSpec, ParamSpec, OutputSpec, Endpoint, ParamKind } from './action-spec'
export { ACTION_SPECS }

const byName = new Map<string, ActionSpec>()
for (const spec of ACTION_SPECS) {
  if (!byName.has(spec.action)) byName.set(spec.action, spec)
  if (spec.wireAlias && !byName.has(spec.wireAlias)) byName.set(spec.wireAlias, spec)
}

/** The spec of an HTTP or WebSocket action by its name (or known alias); undefined if unknown. */
export function findAction(name: string): ActionSpec | undefined {
  return byName.get(name)
}

/** Every entry for an action name: several for AppKugouUserCommand (one per KGCommand). */
export function actionEntries(name: string): ActionSpec[] {
  return ACTION_SPECS.filter((s) => s.action === name || s.wireAlias === name)
}
