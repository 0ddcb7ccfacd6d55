/**
 * A token broker, as an organisation would run one (README "Token broker contract"): it
 * holds the AppSecret, signs AppGetToken / AppGetTokenByWeiXin itself, and hands back only
 * `{Token, ExpireAt}`, so no AppSecret reaches the workstation. The sandbox offers one at
 * POST /broker/token for tests and demos.
 */
import { randomInt, randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { computeSignature } from '../auth/signature'
import type { SandboxCloud } from '../cloud'

export const BROKER_PATH = '/broker/token'
const SIGN_IN_ACTIONS = new Set(['AppGetToken', 'AppGetTokenByWeiXin'])

type Json = Record<string, unknown>

export function answerBroker(cloud: SandboxCloud, rawBody: string, res: ServerResponse): void {
  let request: Json
  try {
    request = JSON.parse(rawBody) as Json
  } catch {
    return reply(res, 400, { Error: { Code: 'InvalidParameterValue.InvalidJSON', Message: 'The body is not JSON.' } })
  }
  const action = String(request.Action ?? '')
  if (!SIGN_IN_ACTIONS.has(action)) {
    return reply(res, 400, { Error: { Code: 'InvalidAction', Message: 'The broker signs in with AppGetToken or AppGetTokenByWeiXin only.' } })
  }
  const signed: Json = {
    ...request,
    RequestId: randomUUID(),
    AppKey: cloud.options.appKey,
    Timestamp: Math.floor(cloud.options.clock() / 1000),
    Nonce: randomInt(1, 2 ** 31 - 1),
  }
  signed.Signature = computeSignature(signed, cloud.options.appSecret)
  const answer = cloud.call('appapi', JSON.stringify(signed)) as Json
  const response = (answer.Response ?? answer.data ?? answer) as Json
  if (response.Error) return reply(res, 401, { Error: response.Error })
  const data = (response.Data ?? response) as Json
  reply(res, 200, { Token: data.Token, ExpireAt: data.ExpireAt })
}

function reply(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
