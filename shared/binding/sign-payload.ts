/**
 * The signed binding payload a device prints (as a QR code, a barcode or text) for signature
 * binding, and the one place it is read and checked: the Add-device form checks it before
 * anything is sent, the core checks it again before calling the cloud, and the sandbox's
 * simulated devices print it in this form.
 *
 * The payload is one JSON object whose fields carry the request fields' own names:
 * - a directly connected device (AppSigBindDeviceInFamily): ProductId, DeviceName,
 *   DeviceTimestamp (Unix seconds), ConnId, Signature (hex HMAC of the BindType's plaintext
 *   with the device's PSK), BindType (wifi_sign default, bluetooth_sign, other_sign),
 *   SignMethod (hmacsha1 default, hmacsha256);
 * - a gateway's sub-device (AppSigGatewayBindDevice): ProductId, DeviceName,
 *   DeviceTimestamp, Nonce, Signature (Base64 HMAC-SHA1 with the ProductSecret).
 * A signature is good for a limited time after DeviceTimestamp: the cloud refuses an old one
 * as "the device has not connected recently", so an expired payload is caught here first.
 */

/** How long a printed payload stays good, in seconds after its DeviceTimestamp. */
export const SIGN_PAYLOAD_VALID_SECONDS = 300
/** A device clock this far ahead of ours still counts as on time. */
export const SIGN_PAYLOAD_CLOCK_SLACK_SECONDS = 300
/** Longer than any payload a device prints; more is not a payload (a scanner gone wild, a paste of a file). */
export const MAX_SIGN_PAYLOAD_LENGTH = 1024

export const BIND_TYPES = ['wifi_sign', 'bluetooth_sign', 'other_sign'] as const
export const SIGN_METHODS = ['hmacsha1', 'hmacsha256'] as const
export type BindType = (typeof BIND_TYPES)[number]
export type SignMethod = (typeof SIGN_METHODS)[number]

export interface DeviceSignPayload {
  kind: 'device'
  productId: string
  deviceName: string
  /** Unix seconds, the device's clock. */
  deviceTimestamp: number
  connId: string
  signature: string
  bindType: BindType
  signMethod: SignMethod
}

export interface SubDeviceSignPayload {
  kind: 'subDevice'
  productId: string
  deviceName: string
  deviceTimestamp: number
  nonce: string
  signature: string
}

export type SignPayloadKind = 'device' | 'subDevice'
export type SignPayloadOf<K extends SignPayloadKind> = K extends 'device' ? DeviceSignPayload : SubDeviceSignPayload

/** Why a payload cannot be used; `field` names the payload's own field. */
export type SignPayloadProblem =
  | { reason: 'empty' }
  | { reason: 'tooLong' }
  | { reason: 'notJson' }
  | { reason: 'missing'; field: string }
  | { reason: 'invalid'; field: string }
  | { reason: 'expired'; ageSeconds: number }
  | { reason: 'future'; aheadSeconds: number }

export type SignPayloadCheck<K extends SignPayloadKind> = { ok: true; payload: SignPayloadOf<K> } | { ok: false; problem: SignPayloadProblem }

const PRODUCT_ID = /^[A-Za-z0-9]{1,32}$/
/** Tencent's DeviceName rule: 1-48 letters, digits and _ - . : @. */
export const DEVICE_NAME = /^[A-Za-z0-9_\-.:@]{1,48}$/
const CONN_ID = /^[A-Za-z0-9]{0,32}$/
const NONCE = /^[A-Za-z0-9]{1,32}$/
const HEX_LENGTH: Readonly<Record<SignMethod, number>> = { hmacsha1: 40, hmacsha256: 64 }
/** Base64 of a 20-byte HMAC-SHA1 digest. */
const BASE64_SHA1 = /^[A-Za-z0-9+/]{27}=$/

class Refusal extends Error {
  constructor(readonly problem: SignPayloadProblem) {
    super(problem.reason)
  }
}

type Fields = Record<string, unknown>

/**
 * Reads and checks a payload as pasted or typed by a barcode scanner (surrounding blanks and
 * line ends are ignored). `nowMs` is this side's clock.
 */
export function checkSignPayload<K extends SignPayloadKind>(text: string, nowMs: number, kind: K): SignPayloadCheck<K> {
  try {
    const fields = parseFields(text)
    const payload = kind === 'device' ? readDevice(fields) : readSubDevice(fields)
    checkFreshness(payload.deviceTimestamp, nowMs)
    return { ok: true, payload: payload as SignPayloadOf<K> }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem }
    throw error
  }
}

function parseFields(text: string): Fields {
  const trimmed = text.trim()
  if (trimmed === '') throw new Refusal({ reason: 'empty' })
  if (trimmed.length > MAX_SIGN_PAYLOAD_LENGTH) throw new Refusal({ reason: 'tooLong' })
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch {
    throw new Refusal({ reason: 'notJson' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal({ reason: 'notJson' })
  return value as Fields
}

function readDevice(fields: Fields): DeviceSignPayload {
  const bindType = oneOf(fields, 'BindType', BIND_TYPES, 'wifi_sign')
  const signMethod = oneOf(fields, 'SignMethod', SIGN_METHODS, 'hmacsha1', (v) => v.toLowerCase())
  const signature = required(fields, 'Signature')
  if (!new RegExp(`^[0-9A-Fa-f]{${HEX_LENGTH[signMethod]}}$`).test(signature)) throw new Refusal({ reason: 'invalid', field: 'Signature' })
  // ConnId is optional: left out or "" both sign as "".
  const connId = fields.ConnId === undefined || fields.ConnId === '' ? '' : matching(fields, 'ConnId', CONN_ID)
  return { kind: 'device', ...identity(fields), connId, signature, bindType, signMethod }
}

function readSubDevice(fields: Fields): SubDeviceSignPayload {
  const nonce = matching(fields, 'Nonce', NONCE)
  const signature = matching(fields, 'Signature', BASE64_SHA1)
  return { kind: 'subDevice', ...identity(fields), nonce, signature }
}

function identity(fields: Fields): { productId: string; deviceName: string; deviceTimestamp: number } {
  return {
    productId: matching(fields, 'ProductId', PRODUCT_ID),
    deviceName: matching(fields, 'DeviceName', DEVICE_NAME),
    deviceTimestamp: timestamp(fields),
  }
}

/** Unix seconds as a whole number; milliseconds (13 digits) are a mistake, not a time. */
function timestamp(fields: Fields): number {
  const value = fields.DeviceTimestamp
  if (value === undefined || value === null || value === '') throw new Refusal({ reason: 'missing', field: 'DeviceTimestamp' })
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds <= 0 || seconds >= 1e11) {
    throw new Refusal({ reason: 'invalid', field: 'DeviceTimestamp' })
  }
  return seconds
}

function checkFreshness(deviceTimestamp: number, nowMs: number): void {
  const age = Math.floor(nowMs / 1000) - deviceTimestamp
  if (age > SIGN_PAYLOAD_VALID_SECONDS) throw new Refusal({ reason: 'expired', ageSeconds: age })
  if (-age > SIGN_PAYLOAD_CLOCK_SLACK_SECONDS) throw new Refusal({ reason: 'future', aheadSeconds: -age })
}

function required(fields: Fields, field: string): string {
  const value = fields[field]
  if (value === undefined || value === null || value === '') throw new Refusal({ reason: 'missing', field })
  if (typeof value !== 'string') throw new Refusal({ reason: 'invalid', field })
  return value
}

function matching(fields: Fields, field: string, rule: RegExp): string {
  const value = required(fields, field)
  if (!rule.test(value)) throw new Refusal({ reason: 'invalid', field })
  return value
}

function oneOf<T extends string>(fields: Fields, field: string, allowed: readonly T[], fallback: T, normalise = (v: string) => v): T {
  const value = fields[field]
  if (value === undefined || value === null || value === '') return fallback
  const text = typeof value === 'string' ? normalise(value) : ''
  if (!(allowed as readonly string[]).includes(text)) throw new Refusal({ reason: 'invalid', field })
  return text as T
}

/** The payload's text as a device prints it (the sandbox's devices, tests). */
export function formatSignPayload(payload: DeviceSignPayload | SubDeviceSignPayload): string {
  const common = { ProductId: payload.productId, DeviceName: payload.deviceName, DeviceTimestamp: payload.deviceTimestamp }
  if (payload.kind === 'subDevice') return JSON.stringify({ ...common, Nonce: payload.nonce, Signature: payload.signature })
  return JSON.stringify({
    ...common,
    ...(payload.connId ? { ConnId: payload.connId } : {}),
    Signature: payload.signature,
    BindType: payload.bindType,
    SignMethod: payload.signMethod,
  })
}
