/**
 * The appapi request signature, implemented from the reference (lines 302-398) and kept
 * separate from the app's own signer on purpose: a shared implementation would hide a
 * mismatch between client and cloud.
 *
 * Canonical string: every parameter except Signature, sorted by name in plain UTF-16
 * code-unit order (PHP ksort on ASCII names), formatted `name=value` with the raw value,
 * `_` in a name replaced by `.` after sorting, parameters whose value is the empty string
 * (or null/absent) left out, joined with `&`. Signature = Base64(HMAC-SHA1(AppSecret, string)).
 *
 * Values that are not strings are written as JavaScript's String() writes them (numbers
 * as decimals, booleans as true/false); objects and arrays as their JSON. The reference
 * only shows strings and integers; this is the sandbox's reading for the rest.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export function canonicalString(params: Readonly<Record<string, unknown>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort(compareCodeUnits)
    .flatMap((name) => {
      const value = formatValue(params[name])
      return value === '' ? [] : [`${name.replaceAll('_', '.')}=${value}`]
    })
    .join('&')
}

export function computeSignature(params: Readonly<Record<string, unknown>>, appSecret: string): string {
  return createHmac('sha1', appSecret).update(canonicalString(params), 'utf8').digest('base64')
}

/** Whether params.Signature is the signature of the other params under appSecret. */
export function verifySignature(params: Readonly<Record<string, unknown>>, appSecret: string): boolean {
  const given = params.Signature
  if (typeof given !== 'string' || given === '') return false
  const expected = Buffer.from(computeSignature(params, appSecret))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
