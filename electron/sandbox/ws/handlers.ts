/**
 * The long connection's two requests.
 *
 * ActivePush {DeviceIds, AccessToken} REPLACES the connection's subscription (docs/api-decisions.md
 * 6.13 leaves add-or-replace open): Tencent's SDK re-sends its whole device list each time,
 * so replacing is the reading under which its calls mean what they say, and an app can drop
 * a device by sending the list without it. Devices the user may not read (not a member of
 * their family, no share) are left out of the answer's deviceIds, as the reference's
 * failure example shows an empty list; a bad token subscribes nothing. Every answer's
 * deviceIds is exactly what the connection now receives.
 *
 * YunApi {Action, ActionParams} runs AppDeviceTraceHeartBeat here and tunnels every other
 * tokenapi Action through the HTTP pipeline (the wrapper suggests it; only the heartbeat is
 * documented). Answers inside data always use the documented {Response} envelope, as the
 * reference prints the heartbeat's: the 'wrapped' option describes production HTTP only.
 */
import type { ActivePushData, WsAnswer } from '../../../shared/api/push'
import { readableDevice } from '../actions/access'
import { ApiError, ErrorCode, invalidParam, missingParam } from '../api/errors'
import { isPlainObject } from '../api/params'
import { handleApiCall, type PipelineCloud } from '../api/pipeline'
import type { Session } from '../auth/sessions'
import type { World } from '../world/world'
import type { PushConnection } from './connection'
import { answer, logicError, serverError, type ParsedRequest } from './protocol'
import type { SubscriptionBook } from './subscriptions'
import { splitDeviceId } from '../../../shared/device-id'

export interface WsContext {
  readonly cloud: PipelineCloud
  readonly book: SubscriptionBook
}

const HEARTBEAT = 'AppDeviceTraceHeartBeat'

export function handleRequest(ctx: WsContext, conn: PushConnection, req: ParsedRequest): WsAnswer {
  switch (req.action) {
    case 'ActivePush':
      return activePush(ctx, conn, req)
    case 'YunApi':
      return yunApi(ctx, conn, req)
    default:
      return serverError(req.reqId, `Unknown action ${req.action}: the long connection serves ActivePush and YunApi.`)
  }
}

function activePush(ctx: WsContext, conn: PushConnection, req: ParsedRequest): WsAnswer {
  const { cloud, book } = ctx
  try {
    const session = authenticate(cloud, req.params.AccessToken)
    const wanted = new Set(deviceIdsOf(req.params.DeviceIds))
    const readable = [...wanted].filter((id) => mayRead(cloud.world, session.userId, id))
    book.replace(conn, readable, deadline(cloud))
    conn.signIn(session)
    return answer(req.reqId, { deviceIds: readable } satisfies ActivePushData)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    book.clear(conn)
    const data: ActivePushData = { deviceIds: [], ...logicError(String(req.reqId), error.code, error.message) }
    return answer(req.reqId, data)
  }
}

function yunApi(ctx: WsContext, conn: PushConnection, req: ParsedRequest): WsAnswer {
  // An injected backend fault answers as the reference's server-error example.
  if (ctx.cloud.faults.shouldFailCall()) return serverError(req.reqId)
  const action = req.params.Action
  const actionParams = req.params.ActionParams ?? {}
  // The API RequestId travels in ActionParams; the sandbox falls back to reqId when it is absent.
  const requestId = isPlainObject(actionParams) && typeof actionParams.RequestId === 'string' && actionParams.RequestId !== ''
    ? actionParams.RequestId
    : String(req.reqId)
  if (typeof action !== 'string' || action === '') {
    return answer(req.reqId, logicError(requestId, ErrorCode.RequiredParamNotFound, 'Required parameter Action is missing.'))
  }
  if (!isPlainObject(actionParams)) {
    return answer(req.reqId, logicError(requestId, ErrorCode.InvalidParameterValue, 'ActionParams must be an object.'))
  }
  if (action === HEARTBEAT) return answer(req.reqId, heartbeat(ctx, conn, actionParams, requestId))
  const body = JSON.stringify({ ...actionParams, Action: action, RequestId: requestId })
  return answer(req.reqId, documented(ctx.cloud, handleApiCall(ctx.cloud, 'tokenapi', body)))
}

/** A wrapped answer's `data` is exactly what the documented envelope puts under Response. */
function documented(cloud: PipelineCloud, body: unknown): unknown {
  return cloud.options.envelope === 'wrapped' ? { Response: (body as { data: unknown }).data } : body
}

/**
 * "Update the device timestamp ... to maintain the device's listening status": each listed
 * device the connection watches (for the same user) gets a new lapse deadline. Any DeviceId
 * the user may not use fails the whole call as the reference's logic-error example does.
 */
function heartbeat(ctx: WsContext, conn: PushConnection, params: Record<string, unknown>, requestId: string): unknown {
  const { cloud, book } = ctx
  try {
    const session = authenticate(cloud, params.AccessToken)
    const ids = deviceIdsOf(params.DeviceIds)
    for (const id of ids) checkHeartbeatDevice(cloud, session.userId, id)
    if (session.userId === conn.userId) {
      // A token renewed by a fresh sign-in keeps the subscription going under the new one.
      conn.signIn(session)
      book.refresh(conn, ids, deadline(cloud))
    }
    return { Response: { RequestId: requestId } }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return logicError(requestId, error.code, error.message)
  }
}

function checkHeartbeatDevice(cloud: PipelineCloud, userId: string, deviceId: string): void {
  const [productId] = splitDeviceId(deviceId)
  if (!cloud.world.products.has(productId)) {
    throw new ApiError(ErrorCode.AppNoPermissionToProduct, 'App has no permission to perform operations on this product')
  }
  readableDevice(cloud.world, userId, deviceId)
}

function authenticate(cloud: PipelineCloud, token: unknown): Session {
  if (token === undefined || token === null || token === '') throw missingParam('AccessToken')
  const session = typeof token === 'string' ? cloud.sessions.resolve(token) : undefined
  if (!session || !cloud.world.users.has(session.userId)) throw new ApiError(ErrorCode.InvalidAccessToken, 'Invalid Token')
  return session
}

function deviceIdsOf(value: unknown): string[] {
  if (value === undefined || value === null) throw missingParam('DeviceIds')
  if (!Array.isArray(value)) throw invalidParam('DeviceIds must be an array.')
  const bad = value.findIndex((id) => typeof id !== 'string')
  if (bad >= 0) throw invalidParam(`DeviceIds[${bad}] must be a string.`)
  return value as string[]
}

/** Whether the user may watch the device (actions/access.ts decides, as for every read). */
/** readableDevice's test without its errors: asked for every push, so nothing is thrown. */
export function mayRead(world: World, userId: string, deviceId: string): boolean {
  const device = world.devices.get(deviceId)
  return device !== undefined && world.canRead(userId, device)
}

function deadline(cloud: PipelineCloud): number {
  return cloud.options.clock() + cloud.options.heartbeatTimeoutMs
}
