import { DEMO_ACCOUNT, type RunningSandbox } from '../../../electron/sandbox'
import { errorCode, signIn, tokenapi, type Json } from '../helpers'
import type { ConformanceContext } from './types'

/** The success payload as a client reads it: Response's fields with Data (or data) merged in. */
export function payloadOf(body: Json): Json {
  const response: Json = body.Response ?? body
  const data = response.Data ?? response.data
  return data && typeof data === 'object' && !Array.isArray(data) ? { ...response, ...data } : response
}

export async function conformanceContext(sandbox: RunningSandbox): Promise<ConformanceContext> {
  const token = await signIn(sandbox)
  const world = sandbox.world
  const home = world.familiesOf(DEMO_ACCOUNT.userId)[0]
  if (!home) throw new Error('the demo account has no family')
  const call = (action: string, params: Record<string, unknown> = {}) => tokenapi(sandbox, token, action, params)
  return {
    sandbox,
    token,
    homeId: home.family.familyId,
    call,
    ok: async (action, params = {}) => {
      const body = await call(action, params)
      const code = errorCode(body)
      if (code) throw new Error(`${action} failed with ${code}: ${JSON.stringify(body)}`)
      return payloadOf(body)
    },
    device: (kind, options = {}) => {
      const wantOnline = options.online ?? true
      const found = world
        .devicesIn(home.family.familyId)
        .find((d) => world.products.get(d.productId)?.kind === kind && d.online === wantOnline)
      if (!found) throw new Error(`no ${wantOnline ? 'online' : 'offline'} ${kind} in the demo home`)
      return { deviceId: found.deviceId, productId: found.productId, deviceName: found.deviceName }
    },
  }
}
