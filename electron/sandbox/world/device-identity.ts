/**
 * What a real device carries from the factory and the console: its PSK (device secret),
 * its product's ProductSecret, its MAC and LAN address. The sandbox derives them from the
 * seed and the id with HMAC-SHA256, so they exist for every device a user could ever bind
 * (fleet or not), stay the same for the same seed, and consume no PRNG state (the fleet's
 * ids cannot shift).
 *
 * Tests and device simulators obtain secrets here:
 *   devicePsk(sandbox.options.seed, 'LGT7Q2K9PA/light_9001')  -> Base64 PSK (16 bytes)
 *   productSecret(sandbox.options.seed, 'SNS5T6H2BQ')          -> 24-character secret
 * and sign with the helpers below exactly as a device would.
 */
import { createHmac } from 'node:crypto'

function derive(seed: number, purpose: string, id: string): Buffer {
  return createHmac('sha256', `sandbox-device-identity:${seed >>> 0}`).update(`${purpose}:${id}`).digest()
}

/** The device's PSK as the console shows it: Base64 of 16 bytes. */
export function devicePsk(seed: number, deviceId: string): string {
  return derive(seed, 'psk', deviceId).subarray(0, 16).toString('base64')
}

/** The product's ProductSecret: 24 Base64 characters, used as a plain UTF-8 key (as devices do). */
export function productSecret(seed: number, productId: string): string {
  return derive(seed, 'product-secret', productId).subarray(0, 18).toString('base64')
}

/** 12 upper-case hex digits, like the reference's AppGetDeviceExtInfo Mac "AABBCCDDEEFF". */
export function deviceMac(seed: number, deviceId: string): string {
  const bytes = derive(seed, 'mac', deviceId).subarray(0, 6)
  bytes[0] = (bytes[0] ?? 0) & 0xfe // unicast
  return bytes.toString('hex').toUpperCase()
}

/** A private IPv4 address on the family's LAN. */
export function deviceLanIp(seed: number, deviceId: string): string {
  const bytes = derive(seed, 'ip', deviceId)
  return `192.168.${(bytes[0] ?? 0) % 8}.${2 + ((bytes[1] ?? 0) % 250)}`
}

/** Stable per-id bytes for other derived facts (tickets, model ids, firmware picks). */
export function derivedBytes(seed: number, purpose: string, id: string): Buffer {
  return derive(seed, purpose, id)
}

export type BindType = 'wifi_sign' | 'bluetooth_sign' | 'other_sign'
export type BindSignMethod = 'hmacsha1' | 'hmacsha256'

export interface BindClaim {
  productId: string
  deviceName: string
  /** Unix seconds (the device's clock). */
  deviceTimestamp: number
  /** The reference's "random string"; '' when the caller sends none. */
  connId: string
}

/**
 * The plaintext a device signs for AppSigBindDeviceInFamily (reference, seed 2216-2560):
 * - Wi-Fi: "DeviceName=%s&DeviceTimestamp=%d&ProductId=%s&ConnId=%s";
 * - Bluetooth and other: "%s%s;%s;%d" = ProductId, DeviceName, ConnId, DeviceTimestamp with
 *   no separator between ProductId and DeviceName. The code comments say
 *   "ProductId;DeviceName;ConnId;DeviceTimestamp", but all three samples (Java, Go, C) use the
 *   format string, and so does Tencent's LLSync device SDK ([product_id][device_name];nonce;ts).
 */
export function bindPlaintext(type: BindType, claim: BindClaim): string {
  const { productId, deviceName, deviceTimestamp, connId } = claim
  return type === 'wifi_sign'
    ? `DeviceName=${deviceName}&DeviceTimestamp=${deviceTimestamp}&ProductId=${productId}&ConnId=${connId}`
    : `${productId}${deviceName};${connId};${deviceTimestamp}`
}

/**
 * The device's dynamic signature: HMAC keyed with the Base64-decoded PSK, rendered as hex.
 * The samples disagree on case (Java/Go lower, C and the request examples upper); this
 * returns lower case and the cloud compares without regard to case.
 */
export function bindSignature(psk: string, plaintext: string, method: BindSignMethod = 'hmacsha1'): string {
  const algorithm = method === 'hmacsha256' ? 'sha256' : 'sha1'
  return createHmac(algorithm, Buffer.from(psk, 'base64')).update(plaintext).digest('hex')
}

export interface GatewayBindClaim {
  productId: string
  deviceName: string
  deviceTimestamp: number
  nonce: string
}

/**
 * AppSigGatewayBindDevice (seed 2722-2727): the keys (deviceName, nonce, productId,
 * timestamp) sorted, joined as name=value with "&", HMAC-SHA1 keyed with the sub-device's
 * ProductSecret (its UTF-8 text, as Tencent's device SDKs key with product_secret), Base64 of
 * the raw digest - 28 characters like the example's "YZGf0E***WGUEJGn+SxUf23HYA=". The key is
 * spelt "timestamp" although the request field is DeviceTimestamp.
 */
export function gatewayBindPlaintext(claim: GatewayBindClaim): string {
  return `deviceName=${claim.deviceName}&nonce=${claim.nonce}&productId=${claim.productId}&timestamp=${claim.deviceTimestamp}`
}

export function gatewayBindSignature(secret: string, claim: GatewayBindClaim): string {
  return createHmac('sha1', secret).update(gatewayBindPlaintext(claim)).digest('base64')
}
