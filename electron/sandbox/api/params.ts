/**
 * Checks an action's business parameters against its spec (the project's typed catalog,
 * or a sandbox-local spec for actions the reference omits) and returns them coerced.
 *
 * Leniency, following the reference's own examples (docs/api-decisions.md §4.2, 4.5):
 * - a parameter may be sent under the table's name or the example's spelling
 *   (Nickname / NickName); handlers always see the table's name;
 * - integers may arrive as numeric strings ("10");
 * - identifiers typed String (names ending in Id/ID) may arrive as numbers (RoomId 0);
 * - unknown extra parameters are ignored, as the examples send some (AppControlDeviceData "AppId").
 * An empty string counts as present: RoomId "" is meaningful (every room).
 */
import type { ParamKind, ParamSpec } from '../../../shared/api'
import { ApiError, ErrorCode, missingParam } from './errors'

export type ParamValues = Record<string, unknown>

/** The subset of ParamSpec validation needs; sandbox-local specs fill only this. */
export type ParamRule = Pick<ParamSpec, 'name' | 'type' | 'kind' | 'required'> & { exampleName?: string }

export function validateParams(body: Readonly<Record<string, unknown>>, rules: readonly ParamRule[]): ParamValues {
  const values: ParamValues = {}
  for (const rule of rules) {
    const raw = lookup(body, rule)
    if (raw === undefined || raw === null) {
      if (rule.required) throw missingParam(rule.name)
      continue
    }
    values[rule.name] = coerce(rule, raw)
  }
  return values
}

function lookup(body: Readonly<Record<string, unknown>>, rule: ParamRule): unknown {
  if (Object.hasOwn(body, rule.name)) return body[rule.name]
  if (rule.exampleName && Object.hasOwn(body, rule.exampleName)) return body[rule.exampleName]
  return undefined
}

function coerce(rule: ParamRule, raw: unknown): unknown {
  const value = coerceKind(rule.kind, rule.name, raw)
  if (value === undefined) throw illTyped(rule, raw)
  if (rule.kind === 'array') checkItems(rule, value as unknown[])
  return value
}

function coerceKind(kind: ParamKind, name: string, raw: unknown): unknown {
  switch (kind) {
    case 'string':
      if (typeof raw === 'string') return raw
      return typeof raw === 'number' && Number.isFinite(raw) && isIdentifier(name) ? String(raw) : undefined
    case 'integer':
      return toInteger(raw)
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined
    case 'object':
      return isPlainObject(raw) ? raw : undefined
    case 'array':
      return Array.isArray(raw) ? raw : undefined
  }
}

/** Items of "Array of String" / "Array of Int"; other element types are left to the handler. */
function checkItems(rule: ParamRule, items: unknown[]): void {
  const of = /^Array of (\w+)/i.exec(rule.type)?.[1]?.toLowerCase()
  const ok = of === 'string' ? (v: unknown) => typeof v === 'string'
    : of === 'int' || of === 'integer' || of === 'int64' ? (v: unknown) => toInteger(v) !== undefined
    : () => true
  const bad = items.findIndex((v) => !ok(v))
  if (bad >= 0) throw new ApiError(ErrorCode.InvalidParameterValue, `${rule.name}[${bad}] must be ${of}.`)
}

export function toInteger(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : undefined
  if (typeof raw === 'string' && /^-?\d{1,16}$/.test(raw.trim())) {
    const n = Number(raw.trim())
    return Number.isSafeInteger(n) ? n : undefined
  }
  return undefined
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isIdentifier(name: string): boolean {
  return /(Id|ID)$/.test(name)
}

function illTyped(rule: ParamRule, raw: unknown): ApiError {
  const got = Array.isArray(raw) ? 'array' : typeof raw
  return new ApiError(ErrorCode.InvalidParameterValue, `${rule.name} must be ${describeKind(rule.kind)}, not ${got}.`)
}

function describeKind(kind: ParamKind): string {
  return kind === 'integer' ? 'an integer' : kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`
}
