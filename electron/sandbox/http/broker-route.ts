/**
 * A token broker, as an organisation would run one (README "Token broker contract"): it
 * holds the AppSecret, signs AppGetToken / AppGetTokenByWeiXin itself, and hands back only
 * `{Token, ExpireAt}`, so no AppSecret reaches the workstation. The sandbox offers one at
 * POST /broker/token for tests and demos.
 *
 * Answers 200 {Token, ExpireAt}; every refusal is a 4xx {Error: {Code, Message}}: 400 a body
 * that is not a JSON object or names another action, 401 the cloud refused the sign-in,
 * 403 a browser Origin that is not loopback, 413 a body over 1 MiB, 415 a body not sent as
 * application/json (http/browser-guard.ts).
 */
import { randomInt, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPlainObject } from '../api/params'
import { computeSignature } from '../auth/signature'
import type { SandboxCloud } from '../cloud'
import { browserRefusal } from './browser-guard'

export const BROKER_PATH = '/broker/token'
const SIGN_IN_ACTIONS = new Set(['AppGetToken', 'AppGetTokenByWeiXin'])

type Json = Record<string, unknown>

/** Checks what the request is before its body is read; true when it was answered (refused). */
export function refuseBrokerRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = browserRefusal(req)
  if (!refusal) return false
  req.resume()
  reply(res, refusal.status, { Error: { Code: refusal.status === 403 ? 'UnauthorizedOperation' : 'UnsupportedMediaType', Message: refusal.message } })
  return true
}

/** `rawBody` undefined: it exceeded the size limit. */
export function answerBroker(cloud: SandboxCloud, rawBody: string | undefined, res: ServerResponse): void {
  if (rawBody === undefined) return reply(res, 413, { Error: { Code: 'RequestSizeLimitExceeded', Message: 'The body exceeds 1 MiB.' } })
  let request: unknown
  try {
    request = JSON.parse(rawBody)
  } catch {
    return reply(res, 400, { Error: { Code: 'InvalidParameterValue.InvalidJSON', Message: 'The body is not JSON.' } })
  }
  if (!isPlainObject(request)) {
    return reply(res, 400, { Error: { Code: 'InvalidParameterValue.InvalidJSON', Message: 'The body must be a JSON object.' } })
  }
  const action = request.Action
  if (typeof action !== 'string' || !SIGN_IN_ACTIONS.has(action)) {
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
