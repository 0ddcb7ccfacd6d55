/**
 * The long connection's wire format (reference seed 6967-7340): requests
 * `{action, reqId, params}`, answers `{reqId, error, error_message, data}` with error ""
 * on success, pushes `{action: "DeviceChange", params, push: true}` without reqId.
 *
 * Failures, as the reference shows them:
 * - logic errors (bad token, no permission, missing parameter) keep error "" and carry the
 *   API envelope's `data.Response.Error {Code, Message}` (the heartbeat's logic-error example);
 * - ActivePush's printed failure is `data.deviceIds: []`, so its failures carry both the
 *   empty list and `Response.Error`: clients of either reading see "nothing subscribed";
 * - everything else (not JSON, no or unknown action, an injected backend fault) gets the
 *   reference's only non-empty error, "-1", with a readable error_message and data {}.
 */
import { WS_SERVER_ERROR, type DeviceChangeParams, type WsAnswer } from '../../../shared/api/push'
import { isPlainObject } from '../api/params'

/** The reference's path, and the one Tencent's SDK uses (with ?uin=&cId=). */
export const WS_PATHS: readonly string[] = ['/iotstudio_v2_weapp_1', '/ws/explorer']

/** The only non-empty `error` the reference prints, with its message for backend faults. */
export const SERVER_ERROR = WS_SERVER_ERROR
export const BACKEND_ERROR_MESSAGE = 'Error connecting with backend, contact the admin'

export type ReqId = string | number

export interface ParsedRequest {
  action: string
  reqId: ReqId
  params: Record<string, unknown>
}

/** A message that is not a request; `reqId` is echoed when it could be read. */
export interface BadRequest {
  problem: string
  reqId: ReqId
  /** An acknowledgement of a push (the reference's {Response: {RequestId}}): answered with silence. */
  ignore?: boolean
}

export function parseRequest(text: string): ParsedRequest | BadRequest {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return { problem: 'The message is not JSON.', reqId: '' }
  }
  if (!isPlainObject(message)) return { problem: 'The message must be a JSON object.', reqId: '' }
  const reqId = typeof message.reqId === 'string' || typeof message.reqId === 'number' ? message.reqId : ''
  // The DeviceChange section prints {"Response": {"RequestId": "up03"}} as its "output":
  // a client may acknowledge a push that way. The sandbox accepts and ignores it.
  if (message.action === undefined && isPlainObject(message.Response)) return { problem: '', reqId, ignore: true }
  if (typeof message.action !== 'string' || message.action === '') return { problem: 'The message has no action.', reqId }
  const params = message.params === undefined ? {} : message.params
  if (!isPlainObject(params)) return { problem: 'params must be an object.', reqId }
  return { action: message.action, reqId, params }
}

export function answer(reqId: ReqId, data: unknown): WsAnswer {
  return { reqId, error: '', error_message: '', data }
}

export function serverError(reqId: ReqId, message = BACKEND_ERROR_MESSAGE): WsAnswer {
  return { reqId, error: SERVER_ERROR, error_message: message, data: {} }
}

/** The API envelope of a logic error, as the heartbeat's failure example nests it in data. */
export interface LogicError {
  Response: { Error: { Code: string; Message: string }; RequestId: string }
}

export function logicError(requestId: string, code: string, message: string): LogicError {
  return { Response: { Error: { Code: code, Message: message }, RequestId: requestId } }
}

/** A push as sent: serialised once per push, whatever the number of subscribers. */
export function pushMessage(params: DeviceChangeParams): string {
  return JSON.stringify({ action: 'DeviceChange', params, push: true })
}
