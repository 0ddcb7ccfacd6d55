/**
 * What a simulated device does on its own side of binding, when a technician (or a test)
 * plays it: report the bind token it was handed during network configuration, and print
 * its signed binding payload (shared/binding/sign-payload.ts) as a label or screen would.
 * SandboxControl exposes these as levers; the control endpoint and `npm run device` drive them.
 */
import { DEVICE_NAME, formatSignPayload, SIGN_PAYLOAD_VALID_SECONDS, type BindType, type SignMethod } from '../../../shared/binding/sign-payload'
import { splitDeviceId } from '../../../shared/device-id'
import type { CloudState } from '../actions/registry'
import { TokenUseError, useBindToken } from '../actions/bind-tokens'
import { bindPlaintext, bindSignature, devicePsk, gatewayBindSignature, productSecret } from '../world/device-identity'
import { ControlError } from './sandbox-control'

export interface PayloadOptions {
  /** How long ago the device signed (its clock); past SIGN_PAYLOAD_VALID_SECONDS the payload is stale. */
  ageSeconds?: number
  bindType?: BindType
  signMethod?: SignMethod
}

export interface PrintedPayload {
  payload: string
  deviceTimestamp: number
  /** Seconds it stays good from now (0 when already stale). */
  validSeconds: number
}

/** The device reports the token it was given; from then on the token binds that device only. */
export function reportBindToken(cloud: CloudState, token: unknown, deviceId: unknown): { deviceId: string } {
  if (typeof token !== 'string' || token === '') throw new ControlError('token must be the bind token text.')
  const id = checkedDeviceId(cloud, deviceId, 'direct')
  try {
    useBindToken(cloud, token, id)
  } catch (error) {
    if (error instanceof TokenUseError) throw new ControlError(error.message)
    throw error
  }
  return { deviceId: id }
}

/** A directly connected device's payload for AppSigBindDeviceInFamily, signed with its PSK. */
export function printDevicePayload(cloud: CloudState, deviceId: unknown, options: PayloadOptions = {}): PrintedPayload {
  const id = checkedDeviceId(cloud, deviceId, 'direct')
  const [productId, deviceName] = splitDeviceId(id)
  const deviceTimestamp = signedAt(cloud, options.ageSeconds)
  const bindType = options.bindType ?? 'wifi_sign'
  const signMethod = options.signMethod ?? 'hmacsha1'
  const connId = connIdFor(deviceTimestamp)
  const plaintext = bindPlaintext(bindType, { productId, deviceName, deviceTimestamp, connId })
  const signature = bindSignature(devicePsk(cloud.world.seed, id), plaintext, signMethod)
  const payload = formatSignPayload({ kind: 'device', productId, deviceName, deviceTimestamp, connId, signature, bindType, signMethod })
  return { payload, deviceTimestamp, validSeconds: validFor(cloud, deviceTimestamp) }
}

/** A sub-device's payload for AppSigGatewayBindDevice, signed with its product's ProductSecret. */
export function printSubDevicePayload(cloud: CloudState, deviceId: unknown, options: Pick<PayloadOptions, 'ageSeconds'> = {}): PrintedPayload {
  const id = checkedDeviceId(cloud, deviceId, 'sub')
  const [productId, deviceName] = splitDeviceId(id)
  const deviceTimestamp = signedAt(cloud, options.ageSeconds)
  const nonce = String(100_000 + (deviceTimestamp % 900_000))
  const signature = gatewayBindSignature(productSecret(cloud.world.seed, productId), { productId, deviceName, deviceTimestamp, nonce })
  const payload = formatSignPayload({ kind: 'subDevice', productId, deviceName, deviceTimestamp, nonce, signature })
  return { payload, deviceTimestamp, validSeconds: validFor(cloud, deviceTimestamp) }
}

function checkedDeviceId(cloud: CloudState, deviceId: unknown, kind: 'direct' | 'sub'): string {
  if (typeof deviceId !== 'string') throw new ControlError('deviceId must be ProductId/DeviceName.')
  const [productId, deviceName] = splitDeviceId(deviceId)
  const product = cloud.world.products.get(productId)
  if (!product) throw new ControlError(`Product ${productId} does not exist.`)
  if (!DEVICE_NAME.test(deviceName)) throw new ControlError(`DeviceName ${JSON.stringify(deviceName)} must be 1-48 letters, digits or _-.:@.`)
  const isSub = product.deviceType === 2
  if (kind === 'direct' && isSub) throw new ControlError(`${productId} makes sub-devices: they bind through their gateway (subDevice.signPayload).`)
  if (kind === 'sub' && !isSub) throw new ControlError(`${productId} is not a sub-device product.`)
  return deviceId
}

function signedAt(cloud: CloudState, ageSeconds: unknown = 0): number {
  if (typeof ageSeconds !== 'number' || !Number.isInteger(ageSeconds) || ageSeconds < 0 || ageSeconds > 86_400 * 365) {
    throw new ControlError('ageSeconds must be a whole number of seconds from 0 to a year.')
  }
  return Math.floor(cloud.options.clock() / 1000) - ageSeconds
}

function validFor(cloud: CloudState, deviceTimestamp: number): number {
  return Math.max(0, deviceTimestamp + SIGN_PAYLOAD_VALID_SECONDS - Math.floor(cloud.options.clock() / 1000))
}

/** The reference recommends a random string of about 5 characters; the time's hex keeps it reproducible. */
function connIdFor(deviceTimestamp: number): string {
  return (deviceTimestamp % 0xfffff).toString(16).padStart(5, '0')
}
