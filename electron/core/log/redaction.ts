/**
 * Keeping secrets out of logs, audit rows and answers to the page. Field names are matched
 * by pattern, whatever their spelling (`PassWord`, `NewPassword`, `user_passwd`), because
 * the cloud's actions name their secrets freely.
 */
const SECRET_KEY = /pass(?:word|wd)|pwd|secret|token|signature|ticket|authori[sz]ation|cookie|private.?key|wxopenid/i

export const REDACTED = '[redacted]'

/** Shorter values are not cut out of free text: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6

/** "password: x", "token=x", "密码：x" in free text: the value after the word goes. */
const SECRET_IN_TEXT = /(pass(?:word|wd)|pwd|secret|token|密码|口令)(["']?\s*(?:[:=：]|\bis\b|是)\s*["']?)([^\s"',;&]{4,})/giu

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

/**
 * A deep copy of `value` for logs and audit rows: every secret-named field replaced; every
 * known secret and every value of a secret-named field cut out of any string; and a value
 * written after "password"/"token" in free text cut out too.
 */
export function redact(value: unknown, knownSecrets: Iterable<string> = []): unknown {
  const secrets = usable([...knownSecrets, ...secretValuesIn(value)])
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return cutText(cutValues(v, secrets))
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([key, field]) => [key, isSecretKey(key) ? REDACTED : walk(field)]))
    }
    return v
  }
  return walk(value)
}

/**
 * A copy of `value` for the page: known secret values cut out of every string, nothing else
 * touched (the page's own data keeps its field names and free text).
 */
export function scrubValues<T>(value: T, knownSecrets: Iterable<string>): T {
  const secrets = usable(knownSecrets)
  // Looking is cheap, copying is not: most answers and events (a push batch, a page of
  // devices) hold no secret and go out as they are. The same strings are looked at either way.
  if (secrets.length === 0 || !holdsSecret(value, secrets)) return value
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return cutValues(v, secrets)
    // Typed arrays (history columns) hold only numbers: passed on as they are, never walked.
    if (ArrayBuffer.isView(v)) return v
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([key, field]) => [key, walk(field)]))
    }
    return v
  }
  return walk(value) as T
}

/** Whether any string scrubValues would look at contains one of `secrets`; reads, never copies. */
function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const v = pending.pop()
    if (typeof v === 'string') {
      for (const secret of secrets) if (v.includes(secret)) return true
    } else if (Array.isArray(v)) {
      for (const item of v) pending.push(item)
    } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const key in v) if (Object.hasOwn(v, key)) pending.push((v as Record<string, unknown>)[key])
    }
  }
  return false
}

/**
 * Every string held under a secret-named field anywhere in `value`, and the secrets inside
 * strings that are themselves JSON (a remembered sign-in is stored as JSON text).
 */
export function secretValuesIn(value: unknown): string[] {
  const found: string[] = []
  const walk = (v: unknown, secretField: boolean): void => {
    if (typeof v === 'string') {
      if (secretField) found.push(v)
      if (v.startsWith('{')) walk(parseJson(v), false)
    } else if (Array.isArray(v)) v.forEach((item) => walk(item, secretField))
    else if (v && typeof v === 'object') {
      // Only a secret key's own strings: a key like `credentials` holds the e-mail too.
      for (const [key, field] of Object.entries(v as Record<string, unknown>)) walk(field, isSecretKey(key))
    }
  }
  walk(value, false)
  return found
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** Longest first, so a secret containing another is cut whole. */
function usable(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length)
}

function cutValues(text: string, secrets: string[]): string {
  return secrets.reduce((t, s) => (t.includes(s) ? t.split(s).join(REDACTED) : t), text)
}

function cutText(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_match, word: string, between: string) => `${word}${between}${REDACTED}`)
}
