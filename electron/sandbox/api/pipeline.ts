/**
 * One API call from raw body to response body, independent of HTTP so the WebSocket
 * `YunApi` tunnel can reuse it later. Order of checks: JSON, Action, RequestId, the
 * endpoint's authentication (signature / AccessToken), business parameters, the action.
 * Every answer echoes the RequestId the caller sent, errors included.
 */
import type { ActionDefinition, ActionRegistry, CallContext, CloudState, HttpEndpoint } from '../actions/registry'
import { verifySignature } from '../auth/signature'
import type { ReplayGuard } from '../auth/replay-guard'
import { ApiError, ErrorCode, invalidParam, missingParam } from './errors'
import { errorBody, successBody } from './envelope'
import { isPlainObject, toInteger, validateParams } from './params'

export interface PipelineCloud extends CloudState {
  readonly registry: ActionRegistry
  readonly replay: ReplayGuard
}

type Body = Record<string, unknown>

/** `cmd`: the Action named in the query (`?cmd=AppGetFamilyList`), as Tencent's SDK sends it. */
export function handleApiCall(cloud: PipelineCloud, endpoint: HttpEndpoint, rawBody: string, cmd?: string): unknown {
  const mode = cloud.options.envelope
  let requestId = ''
  try {
    const body = parseBody(rawBody)
    requestId = echoableRequestId(body)
    const definition = resolveAction(cloud.registry, cmd ? withCmd(body, cmd) : body, endpoint)
    checkRequestId(body.RequestId)
    const payload = runAction(cloud, definition, body, requestId)
    return successBody(mode, definition.shape, requestId, payload)
  } catch (error) {
    if (error instanceof ApiError) return errorBody(mode, requestId, error.code, error.message)
    const detail = error instanceof Error ? error.message : String(error)
    return errorBody(mode, requestId, ErrorCode.InternalServerError, `Internal error: ${detail}`)
  }
}

function parseBody(raw: string): Body {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new ApiError(ErrorCode.InvalidJSON, 'The request body is not JSON.')
  }
  if (!isPlainObject(parsed)) throw new ApiError(ErrorCode.InvalidJSON, 'The request body must be a JSON object.')
  return parsed
}

function echoableRequestId(body: Body): string {
  const id = body.RequestId
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : ''
}

/** RequestId is a required common parameter; a number is taken as its decimal string. */
function checkRequestId(id: unknown): void {
  if (id === undefined || id === null || id === '') throw missingParam('RequestId')
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('RequestId must be a string.')
}

/**
 * The query's cmd stands in for a missing body Action. Both present and different is
 * refused: the sandbox will not guess which the caller meant. Only action resolution sees
 * the filled-in Action; the signature is checked over the body as sent.
 */
function withCmd(body: Body, cmd: string): Body {
  const action = body.Action
  if (action === undefined || action === null || action === '') return { ...body, Action: cmd }
  if (action !== cmd) throw new ApiError(ErrorCode.InvalidAction, `Action ${shown(action)} in the body contradicts cmd=${shown(cmd)} in the query.`)
  return body
}

function resolveAction(registry: ActionRegistry, body: Body, endpoint: HttpEndpoint): ActionDefinition {
  const action = body.Action
  if (action === undefined || action === null || action === '') throw missingParam('Action')
  if (typeof action !== 'string') throw new ApiError(ErrorCode.InvalidAction, 'Action must be a string.')
  const definition = registry.get(action)
  if (!definition) throw new ApiError(ErrorCode.InvalidAction, `Action ${action} does not exist.`)
  if (definition.endpoint !== endpoint) {
    throw new ApiError(ErrorCode.InvalidAction, `Action ${action} is served on /${definition.endpoint}, not /${endpoint}.`)
  }
  return definition
}

function runAction(cloud: PipelineCloud, def: ActionDefinition, body: Body, requestId: string) {
  const nowMs = cloud.options.clock()
  if (def.endpoint === 'appapi') {
    checkSignedCall(cloud, body, nowMs)
    return def.handle(context(cloud, def, body, requestId, nowMs))
  }
  const { session, user } = authenticate(cloud, body)
  return def.handle({ ...context(cloud, def, body, requestId, nowMs), session, user })
}

function context(cloud: CloudState, def: ActionDefinition, body: Body, requestId: string, nowMs: number): CallContext {
  return { cloud, params: validateParams(body, def.params), requestId, nowMs, envelope: cloud.options.envelope }
}

/** appapi: AppKey known, signature right, Timestamp within the skew, (Timestamp, Nonce) fresh. */
function checkSignedCall(cloud: PipelineCloud, body: Body, nowMs: number): void {
  const { appKey, appSecret, maxClockSkewSeconds } = cloud.options
  for (const name of ['AppKey', 'Signature', 'Timestamp', 'Nonce']) {
    if (body[name] === undefined || body[name] === null || body[name] === '') throw missingParam(name)
  }
  if (body.AppKey !== appKey) throw new ApiError(ErrorCode.InvalidAppKey, `AppKey ${shown(body.AppKey)} is not known.`)
  const timestamp = toInteger(body.Timestamp)
  if (timestamp === undefined) throw invalidParam('Timestamp must be an integer (Unix seconds).')
  const nonce = toInteger(body.Nonce)
  if (nonce === undefined || nonce <= 0) throw invalidParam('Nonce must be a positive integer.')
  if (!verifySignature(body, appSecret)) {
    throw new ApiError(ErrorCode.InvalidSignature, 'The signature does not match the request.')
  }
  const nowSec = Math.floor(nowMs / 1000)
  if (Math.abs(timestamp - nowSec) > maxClockSkewSeconds) {
    throw new ApiError(ErrorCode.InvalidTimestamp, `Timestamp ${timestamp} is more than ${maxClockSkewSeconds} s from the server time ${nowSec}.`)
  }
  if (!cloud.replay.remember(appKey, timestamp, String(nonce), nowSec)) {
    throw new ApiError(ErrorCode.DuplicateNonce, 'This Timestamp and Nonce were already used.')
  }
}

/**
 * A caller's value in an error message: short, and never through String(), which throws on
 * an object whose own `toString` is not a function (`{"toString": 1}`).
 */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value)
  return text.length > 64 ? `${text.slice(0, 64)}…` : text
}

/** tokenapi: a live AccessToken of an existing user. */
function authenticate(cloud: CloudState, body: Body) {
  const token = body.AccessToken
  if (token === undefined || token === null || token === '') throw missingParam('AccessToken')
  const session = typeof token === 'string' ? cloud.sessions.resolve(token) : undefined
  const user = session && cloud.world.users.get(session.userId)
  if (!session || !user) throw new ApiError(ErrorCode.InvalidAccessToken, 'Invalid Token')
  return { session, user }
}
