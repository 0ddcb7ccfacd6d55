import { ACTION_SPECS } from '../../../shared/api'
import type { ActionName, ActionRequests, ActionResponses } from '../../../shared/api/action-types'
import type { CallOptions, Params } from './cloud-client'
import type { CloudReply } from './envelope'

/** Actions called as the signed-in user; the appapi sign-in actions go through the session. */
export type TokenActionName = Exclude<ActionName, 'AppGetToken' | 'AppGetTokenByWeiXin'>

export interface ActionReply<A extends TokenActionName> {
  data: ActionResponses[A]
  requestId: string
}

/** One typed function per action of the reference: `client.AppGetFamilyList({ Limit: 50 })`. */
export type ActionClient = {
  [A in TokenActionName]: (params: ActionRequests[A], call?: CallOptions) => Promise<ActionReply<A>>
}

export type SignedInCall = (action: string, params: Params, call?: CallOptions) => Promise<CloudReply>

/** Every tokenapi action of the catalog (both spellings of the cloud-storage ones). */
export const TOKEN_ACTIONS: readonly TokenActionName[] = [
  ...new Set(
    ACTION_SPECS.filter((spec) => spec.endpoint === 'tokenapi').flatMap((spec) =>
      spec.wireAlias ? [spec.action, spec.wireAlias] : [spec.action],
    ),
  ),
] as TokenActionName[]

/**
 * The typed face of the API. Types say what the reference documents; where the app
 * relies on a shape it also checks it (shapes.ts), since the reference contradicts itself.
 */
export function createActionClient(call: SignedInCall): ActionClient {
  const client: Partial<Record<TokenActionName, unknown>> = {}
  for (const action of TOKEN_ACTIONS) {
    client[action] = async (params: Params, options?: CallOptions) => {
      const reply = await call(action, params, options)
      return { data: reply.data, requestId: reply.requestId }
    }
  }
  return client as ActionClient
}
