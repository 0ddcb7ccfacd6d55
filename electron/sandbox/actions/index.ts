/** Every action the sandbox emulates, by group. New groups register here. */
import { dataQueryActions } from './data-query'
import { deviceActions } from './device'
import { familyActions } from './family'
import { ActionRegistry } from './registry'
import { userActions } from './user'

export function createActionRegistry(): ActionRegistry {
  return new ActionRegistry().register(...userActions, ...familyActions, ...deviceActions, ...dataQueryActions)
}

export { ActionRegistry } from './registry'
export type { ActionDefinition, CloudState } from './registry'
