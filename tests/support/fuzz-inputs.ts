/**
 * Hostile inputs for the fuzz test, all drawn from one seeded PRNG so a failure reproduces
 * from its seed and case number: values of the wrong type, huge strings, prototype keys,
 * broken JSON, and the paging extremes the API's Offset/Limit must refuse.
 */
import { Rng } from '../../electron/sandbox/prng'
import type { ParamSpec } from '../../shared/api'

export { Rng }

/** JSON texts no parser should get past, or that parse to something other than an object. */
export const BROKEN_BODIES = [
  '', ' ', 'null', 'true', '0', '-1', '1e999', '"text"', '[]', '[{}]', '{', '}', '{"a":', '{"a" 1}', "{'a':1}",
  '{"a":1,}', 'NaN', 'undefined', '\u0000', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u00"}', '[[[[[[[[[[[[[[[[[[[[', '{"__proto__":',
]

/** Keys that pollute a prototype when merged carelessly (JSON.parse keeps them as own keys). */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']

/** Paging values an API must refuse or clamp: negative, huge, fractional, of the wrong type. */
export const PAGING_VALUES: unknown[] = [-1, -(2 ** 31), 0, 2 ** 31, 2 ** 53 + 2, 1e308, 0.5, '10', '-5', 'ten', '', null, true, [], {}, '0x10', '1e3']

export function hostileString(rng: Rng): string {
  switch (rng.int(0, 9)) {
    case 0: return 'x'.repeat(rng.chance(0.1) ? rng.int(100_000, 300_000) : rng.int(1_000, 10_000))
    case 1: return '\u0000\u0001\u001f'
    case 2: return '\ud800\udfff\ud800'
    case 3: return '../'.repeat(rng.int(1, 40)) + 'etc/passwd'
    case 4: return '%s%n%x%00%E0%A4%A'
    case 5: return '<script>alert(1)</script>'
    case 6: return rng.pick(PROTO_KEYS)
    case 7: return '中文'.repeat(rng.int(1, 500))
    case 8: return String(rng.int(-1e9, 1e9))
    default: return ''
  }
}

export function hostileValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, depth > 2 ? 7 : 10)) {
    case 0: return null
    case 1: return rng.chance(0.5)
    case 2: return rng.pick(PAGING_VALUES)
    case 3: return -rng.int(0, 2 ** 31)
    case 4: return rng.next() * 1e308
    case 5:
    case 6:
    case 7: return hostileString(rng)
    case 8: return Array.from({ length: rng.int(0, rng.chance(0.02) ? 20_000 : 5) }, () => hostileValue(rng, depth + 3))
    case 9: return hostileObject(rng, depth + 1)
    default: return Array.from({ length: rng.int(1, 4) }, () => hostileValue(rng, depth + 1))
  }
}

export function hostileObject(rng: Rng, depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (let i = rng.int(0, 4); i > 0; i--) object[rng.chance(0.3) ? rng.pick(PROTO_KEYS) : `k${rng.int(0, 99)}`] = hostileValue(rng, depth + 1)
  return object
}

/** A value for a catalog parameter: often of the right kind (to get past validation), else hostile. */
export function paramValue(rng: Rng, param: Pick<ParamSpec, 'name' | 'kind'>, deviceIds: readonly string[]): unknown {
  if (/^(Offset|Limit)$/.test(param.name) && rng.chance(0.7)) return rng.pick(PAGING_VALUES)
  if (rng.chance(0.4)) return hostileValue(rng)
  switch (param.kind) {
    case 'integer': return rng.pick([0, 1, 10, -1, 2 ** 31, Math.floor(Date.now() / 1000), Date.now()])
    case 'boolean': return rng.chance(0.5)
    case 'array': return Array.from({ length: rng.int(0, 5) }, () => (rng.chance(0.5) ? rng.pick(deviceIds) : hostileValue(rng, 2)))
    case 'object': return hostileObject(rng)
    default:
      if (/DeviceId$/.test(param.name)) return rng.pick(deviceIds)
      if (/ProductId$/.test(param.name)) return rng.pick(deviceIds).split('/')[0]
      if (/DeviceName$/.test(param.name)) return rng.pick(deviceIds).split('/')[1]
      return rng.chance(0.5) ? JSON.stringify(hostileObject(rng)) : hostileString(rng)
  }
}

/** JSON text with prototype keys placed where a careless merge would act on them. */
export function protoBody(rng: Rng, base: Record<string, unknown>): string {
  const key = rng.pick(['__proto__', 'constructor', 'prototype'])
  const inner = key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes","Action":"AppGetFamilyList"}'
  const text = JSON.stringify(base)
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"${key}":${inner}}`
}
