import { createHmac } from 'node:crypto'

export type SignableValue = string | number | boolean | null | undefined | object

/**
 * The string the reference signs: every parameter but Signature, sorted by name, as
 * `name=value` with raw (not URL-encoded) values, `_` in a name turned into `.`, empty
 * strings left out, joined with `&`.
 */
export function canonicalString(params: Record<string, SignableValue>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .filter((name) => params[name] !== undefined && params[name] !== null && params[name] !== '')
    .sort()
    .map((name) => `${name.replaceAll('_', '.')}=${rawValue(params[name])}`)
    .join('&')
}

function rawValue(value: SignableValue): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** HMAC-SHA1 of the canonical string keyed with the AppSecret, Base64. */
export function signAppApi(params: Record<string, SignableValue>, appSecret: string): string {
  return createHmac('sha1', appSecret).update(canonicalString(params), 'utf8').digest('base64')
}
