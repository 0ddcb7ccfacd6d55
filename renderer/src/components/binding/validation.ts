/**
 * The Add-device flow's checks before anything is sent: each answers null (fine) or a
 * Problem (an i18n key under `binding.invalid` and its values). The signed payload is read
 * by the one shared checker (shared/binding/sign-payload.ts), as the core reads it again.
 */
import {
  checkSignPayload, DEVICE_NAME, SIGN_PAYLOAD_VALID_SECONDS,
  type SignPayloadKind, type SignPayloadOf, type SignPayloadProblem,
} from '@shared/binding/sign-payload'

export interface Problem {
  key: string
  values?: Record<string, string>
}

export type BindMethod = 'token' | 'signature' | 'gateway'
export const BIND_METHODS: readonly BindMethod[] = ['token', 'signature', 'gateway']

/** What the app knows of a product: its NetType (AppGetProducts) and its devices' type, when any are listed. */
export interface ProductFacts {
  netType?: string
  /** 0 ordinary, 1 gateway, 2 sub-device; undefined when no device of it is known. */
  deviceType?: number
}

/**
 * The methods a product can bind by: a sub-device only through its gateway; a Wi-Fi product
 * by token or signature; a Bluetooth one by signature. Unknown facts offer everything.
 */
export function methodsFor(facts: ProductFacts | null): BindMethod[] {
  if (facts?.deviceType === 2) return ['gateway']
  const net = (facts?.netType ?? '').toLowerCase()
  if (net === 'wifi') return ['token', 'signature']
  if (net.startsWith('ble') || net.includes('bluetooth')) return ['signature']
  if (facts?.deviceType === 0 || facts?.deviceType === 1) return ['token', 'signature']
  return [...BIND_METHODS]
}

export function checkProductId(text: string): Problem | null {
  return /^[A-Za-z0-9]{1,32}$/.test(text.trim()) ? null : { key: 'productId' }
}

export function checkDeviceName(text: string): Problem | null {
  return DEVICE_NAME.test(text.trim()) ? null : { key: 'deviceName' }
}

/** The readable reason for a payload the shared checker refused. */
export function payloadProblem(problem: SignPayloadProblem): Problem {
  const key = `payload.${problem.reason}`
  switch (problem.reason) {
    case 'missing':
    case 'invalid':
      return { key, values: { field: problem.field } }
    case 'expired':
      return { key, values: { age: String(problem.ageSeconds), valid: String(SIGN_PAYLOAD_VALID_SECONDS) } }
    case 'future':
      return { key, values: { ahead: String(problem.aheadSeconds) } }
    default:
      return { key }
  }
}

export type PayloadReading<K extends SignPayloadKind> = { payload: SignPayloadOf<K>; problem: null } | { payload: null; problem: Problem }

/** Reads a pasted or scanned payload; `productId`, when given, must be the payload's. */
export function readPayload<K extends SignPayloadKind>(text: string, nowMs: number, kind: K, productId = ''): PayloadReading<K> {
  const checked = checkSignPayload(text, nowMs, kind)
  if (!checked.ok) return { payload: null, problem: payloadProblem(checked.problem) }
  if (productId && checked.payload.productId !== productId) {
    return { payload: null, problem: { key: 'productMismatch', values: { payload: checked.payload.productId, chosen: productId } } }
  }
  return { payload: checked.payload, problem: null }
}

/** Cloud refusals the flow explains in the user's language (`binding.refusal.<key>`), beside Code and RequestId. */
const REFUSALS: Readonly<Record<string, string>> = {
  'UnsupportedOperation.CannotBindSameFamily': 'alreadyBound',
  'InvalidParameterValue.DeviceBinded': 'alreadyBound',
  'InvalidParameterValue.TokenIsExpire': 'tokenExpired',
  'InvalidParameterValue.TokenIsExpired': 'tokenExpired',
  'InvalidParameterValue.TokenNotExist': 'tokenExpired',
  'InvalidParameterValue.TokenNotBind': 'tokenNotUsed',
  'InvalidParameterValue.TokenDeviceMismatch': 'tokenOtherDevice',
  'InvalidParameterValue.BindDeviceSigMismatch': 'signatureMismatch',
  'InvalidParameterValue.BindDeviceNotConnected': 'notConnected',
  'UnauthorizedOperation.NoPermissionToFamily': 'noPermission',
  'LimitExceeded.FamilyDeviceExceedLimit': 'homeFull',
  'UnsupportedOperation.DeviceNotBind': 'notOnGateway',
  'UnsupportedOperation.DeviceType': 'notGateway',
  'UnsupportedOperation.DeviceNotGateway': 'notGateway',
}

export function refusalKey(code: string): string | null {
  return REFUSALS[code] ?? null
}
