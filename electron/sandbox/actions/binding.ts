/**
 * Distribution Network Management (bind tokens) and signature binding: how a user adds a
 * directly connected device to a family. See bind-tokens.ts for the tokens' life and
 * world/device-identity.ts for the signature a device computes.
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import {
  bindPlaintext, bindSignature, devicePsk,
  type BindSignMethod, type BindType,
} from '../world/device-identity'
import { appDeviceInfo, bindDevice, checkBind, checkDeviceTimestamp, type BindRequest } from './bind-device'
import { BIND_TOKEN_STATE, bindTokensOf, issueBindToken } from './bind-tokens'
import { deviceIdOf } from './device-access'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

const appCreateDeviceBindToken: TokenApiAction = {
  action: 'AppCreateDeviceBindToken',
  endpoint: 'tokenapi',
  // The success example puts Token and RequestId together in Response.Data.
  shape: 'dataWithRequestId',
  params: catalogParams('AppCreateDeviceBindToken'),
  handle(ctx) {
    return { Token: issueBindToken(ctx.cloud, ctx.user.userId, ctx.nowMs).token }
  },
}

const appGetDeviceBindTokenState: TokenApiAction = {
  action: 'AppGetDeviceBindTokenState',
  endpoint: 'tokenapi',
  shape: 'dataWithRequestId',
  params: catalogParams('AppGetDeviceBindTokenState'),
  handle(ctx) {
    const token = bindTokensOf(ctx.cloud).live(ctx.user.userId, ctx.params.Token as string, ctx.nowMs, ErrorCode.TokenIsExpire)
    // "• Initial production. • 2: Usable status." - the initial code is lost; the example's 1.
    return { State: token.usable ? BIND_TOKEN_STATE.usable : BIND_TOKEN_STATE.initial }
  },
}

const appTokenBindDeviceFamily: TokenApiAction = {
  action: 'AppTokenBindDeviceFamily',
  endpoint: 'tokenapi',
  // Only RequestId, inside Response.Data.
  shape: 'dataWithRequestId',
  params: catalogParams('AppTokenBindDeviceFamily'),
  handle(ctx) {
    const store = bindTokensOf(ctx.cloud)
    const token = store.live(ctx.user.userId, ctx.params.Token as string, ctx.nowMs, ErrorCode.TokenIsExpired)
    if (!token.usable) {
      throw new ApiError(ErrorCode.TokenNotBind, 'The token is still in its initial state: the device has not reported it yet.')
    }
    const request = bindRequest(ctx)
    const deviceId = deviceIdOf(request.productId, request.deviceName)
    if (token.usedBy !== undefined && token.usedBy !== deviceId) {
      throw new ApiError(ErrorCode.TokenDeviceMismatch, `The token was reported by ${token.usedBy}, not by ${deviceId}.`)
    }
    bindDevice(ctx.cloud, ctx.user, request)
    store.consume(token)
    return {}
  },
}

function bindRequest(ctx: TokenCallContext): BindRequest {
  const p = ctx.params as Record<string, string | undefined>
  return {
    productId: p.ProductId as string,
    deviceName: p.DeviceName as string,
    familyId: p.FamilyId as string,
    roomId: p.RoomId,
    nowMs: ctx.nowMs,
  }
}

const BIND_TYPES: readonly BindType[] = ['wifi_sign', 'bluetooth_sign', 'other_sign']
const SIGN_METHODS: readonly BindSignMethod[] = ['hmacsha1', 'hmacsha256']

const appSigBindDeviceInFamily: TokenApiAction = {
  action: 'AppSigBindDeviceInFamily',
  endpoint: 'tokenapi',
  // The success example nests AppDeviceInfo in lower-case Response.data.
  shape: 'lowerData',
  // BindType is marked required but "wifi_sign: WIFI binding (default)" (docs/api-decisions.md §6.10).
  params: catalogParams('AppSigBindDeviceInFamily', { relax: ['BindType'] }),
  handle(ctx) {
    const req = bindRequest(ctx)
    checkBind(ctx.cloud, ctx.user, req)
    checkDeviceTimestamp(ctx.cloud, ctx.params.DeviceTimestamp as number, ctx.nowMs)
    checkBindSignature(ctx)
    return { AppDeviceInfo: appDeviceInfo(bindDevice(ctx.cloud, ctx.user, req)) }
  },
}

/**
 * The device's dynamic signature over the BindType's plaintext with its PSK (see
 * device-identity.ts). A missing ConnId signs as "". Hex is compared without regard to case.
 */
function checkBindSignature(ctx: TokenCallContext): void {
  const p = ctx.params as Record<string, string | number | undefined>
  const bindType = oneOf('BindType', String(p.BindType ?? 'wifi_sign'), BIND_TYPES)
  const method = oneOf('SignMethod', String(p.SignMethod ?? 'hmacsha1').toLowerCase(), SIGN_METHODS)
  const productId = String(p.ProductId)
  const deviceName = String(p.DeviceName)
  const plaintext = bindPlaintext(bindType, {
    productId,
    deviceName,
    deviceTimestamp: p.DeviceTimestamp as number,
    connId: String(p.ConnId ?? ''),
  })
  const expected = bindSignature(devicePsk(ctx.cloud.world.seed, deviceIdOf(productId, deviceName)), plaintext, method)
  if (String(p.Signature).toLowerCase() !== expected) {
    throw new ApiError(ErrorCode.BindDeviceSigMismatch, 'The dynamic signature does not match the device.')
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw invalidParam(`${name} must be one of ${allowed.join(', ')}.`)
  return value as T
}

export const bindingActions = [appCreateDeviceBindToken, appGetDeviceBindTokenState, appTokenBindDeviceFamily, appSigBindDeviceInFamily]
