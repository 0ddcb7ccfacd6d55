/** Field names whose values are secrets wherever they appear (params, logs, audit rows). */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'AppSecret',
  'appSecret',
  'Password',
  'password',
  'AccessToken',
  'accessToken',
  'Token',
  'token',
  'Signature',
  'ShareToken',
  'WxOpenID',
])

export const REDACTED = '[redacted]'

/**
 * A deep copy of `value` with every secret-named field replaced, and every occurrence of a
 * known secret value (the live token, an AppSecret) cut out of any string.
 */
export function redact(value: unknown, knownSecrets: Iterable<string> = []): unknown {
  const secrets = [...knownSecrets].filter((s) => s.length >= 6)
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.reduce((text, s) => text.split(s).join(REDACTED), v)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([key, field]) => [key, SECRET_FIELDS.has(key) ? REDACTED : walk(field)]),
      )
    }
    return v
  }
  return walk(value)
}
