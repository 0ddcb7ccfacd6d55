/**
 * Binding devices the way a device and the app do it together, for the device, binding and
 * control tests: the device signs with its PSK (AppSigBindDeviceInFamily) or its product's
 * secret (AppSigGatewayBindDevice); the secrets come from the sandbox's documented
 * derivation (devicePsk / productSecret), the signatures from the reference's recipes
 * written out here on their own.
 */
import { createHmac } from 'node:crypto'
import { devicePsk, PRODUCT_IDS, productSecret, type ProductKind, type RunningSandbox } from '../../electron/sandbox'
import type { Json } from './helpers'

/** A tokenapi call returning the raw body (ctx.call, or tokenapi bound to a token). */
export type Call = (action: string, params?: Record<string, unknown>) => Promise<Json>

let serial = 0

/** A DeviceName no test has used yet. */
export function freshName(prefix: string): string {
  serial += 1
  return `${prefix}_${process.pid % 1000}_${serial}`
}

export function nowSeconds(sb: RunningSandbox): number {
  return Math.floor(sb.options.clock() / 1000)
}

/** "DeviceName=%s&DeviceTimestamp=%d&ProductId=%s&ConnId=%s", HMAC-SHA1 keyed with the decoded PSK, hex. */
export function wifiSignature(sb: RunningSandbox, productId: string, deviceName: string, timestamp: number, connId: string): string {
  const key = Buffer.from(devicePsk(sb.options.seed, `${productId}/${deviceName}`), 'base64')
  const text = `DeviceName=${deviceName}&DeviceTimestamp=${timestamp}&ProductId=${productId}&ConnId=${connId}`
  return createHmac('sha1', key).update(text).digest('hex').toUpperCase()
}

/** The AppSigBindDeviceInFamily request for a new device of `kind` in `familyId`. */
export function sigBindRequest(sb: RunningSandbox, kind: ProductKind, familyId: string, extra: Json = {}): Json {
  const productId = PRODUCT_IDS[kind]
  const deviceName = (extra.DeviceName as string | undefined) ?? freshName(kind)
  const timestamp = (extra.DeviceTimestamp as number | undefined) ?? nowSeconds(sb)
  return {
    FamilyId: familyId,
    ProductId: productId,
    DeviceName: deviceName,
    RoomId: '',
    DeviceTimestamp: timestamp,
    ConnId: '1938',
    Signature: wifiSignature(sb, productId, deviceName, timestamp, '1938'),
    BindType: 'wifi_sign',
    ...extra,
  }
}

/** Binds a new Wi-Fi device and returns its ids. */
export async function bindNew(sb: RunningSandbox, call: Call, kind: ProductKind, familyId: string): Promise<{ ProductId: string; DeviceName: string; DeviceId: string }> {
  const request = sigBindRequest(sb, kind, familyId)
  const body = await call('AppSigBindDeviceInFamily', request)
  const info = body.Response?.data?.AppDeviceInfo
  if (!info) throw new Error(`binding failed: ${JSON.stringify(body)}`)
  return { ProductId: info.ProductId, DeviceName: info.DeviceName, DeviceId: info.DeviceId }
}

/** Sorted deviceName/nonce/productId/timestamp, HMAC-SHA1 keyed with the ProductSecret text, Base64. */
export function gatewaySignature(sb: RunningSandbox, productId: string, deviceName: string, timestamp: number, nonce: string): string {
  const text = `deviceName=${deviceName}&nonce=${nonce}&productId=${productId}&timestamp=${timestamp}`
  return createHmac('sha1', productSecret(sb.options.seed, productId)).update(text).digest('base64')
}

export function gatewayBindRequest(sb: RunningSandbox, gatewayId: string, deviceName = freshName('th')): Json {
  const [gatewayProductId, gatewayDeviceName] = gatewayId.split('/')
  const timestamp = nowSeconds(sb)
  return {
    GatewayProductId: gatewayProductId,
    GatewayDeviceName: gatewayDeviceName,
    ProductId: PRODUCT_IDS.sensor,
    DeviceName: deviceName,
    DeviceTimestamp: timestamp,
    Nonce: '123456',
    Signature: gatewaySignature(sb, PRODUCT_IDS.sensor, deviceName, timestamp, '123456'),
  }
}

/** Binds a new sensor to the gateway (topology only) and returns the request used. */
export async function bindToGateway(sb: RunningSandbox, call: Call, gatewayId: string): Promise<Json> {
  const request = gatewayBindRequest(sb, gatewayId)
  const body = await call('AppSigGatewayBindDevice', request)
  if (body.Response?.Error) throw new Error(`gateway binding failed: ${JSON.stringify(body)}`)
  return request
}

/** Polls AppGetDeviceBindTokenState until the token is usable (State 2). */
export async function waitUsable(call: Call, token: string, timeoutMs = 4000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const state = (await call('AppGetDeviceBindTokenState', { Token: token })).Response?.Data?.State
    if (state === 2) return
    if (Date.now() > until) throw new Error(`bind token still in state ${String(state)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
