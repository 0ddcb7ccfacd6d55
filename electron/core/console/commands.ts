/**
 * The API console's command (shared/contracts/console.ts): any tokenapi action of the
 * catalog, by name. The only path from the renderer to a raw cloud action.
 */
import { ACTION_SPECS } from '../../../shared/api'
import type { consoleContract } from '../../../shared/contracts/console'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import type { CloudCall } from '../api/cloud-call'
import type { DomainHandlers } from '../dispatcher'

/** Every tokenapi action of the catalog (both spellings of the cloud-storage ones). */
export const TOKEN_ACTIONS: ReadonlySet<string> = new Set(
  ACTION_SPECS.filter((spec) => spec.endpoint === 'tokenapi').flatMap((spec) => (spec.wireAlias ? [spec.action, spec.wireAlias] : [spec.action])),
)

export function consoleCommands(call: CloudCall): DomainHandlers<typeof consoleContract> {
  return {
    'api.call': async ({ action, params }) => {
      if (!TOKEN_ACTIONS.has(action)) {
        throw new ApiError({ kind: 'validation', code: LocalCode.UnknownAction, message: `${action} is not an action of the reference.`, action })
      }
      const reply = await call(action, params)
      return { action, requestId: reply.requestId, data: reply.data }
    },
  }
}
