import { LocalCode } from '../../../shared/errors'
import { ApiError } from './api-error'

/** Largest answer read from any server, counted after decompression (a gzip bomb stops here). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024
/** Same-origin 307/308 hops followed; every other redirect is refused. */
const MAX_REDIRECTS = 3

export interface BoundedAnswer {
  status: number
  text: string
}

export interface BoundedOptions {
  fetch: typeof fetch
  /** Names the failure for the user and support. */
  action: string
  requestId?: string
  maxBytes?: number
}

/**
 * A POST that never follows the server elsewhere and never reads more than `maxBytes`.
 * Redirects are handled here (`redirect: 'manual'`): a 307/308 to the same origin is
 * followed a few times, anything leading to another origin is refused before the body
 * (which carries the AccessToken or a password) could be sent there.
 */
export async function fetchBounded(url: string, init: RequestInit, options: BoundedOptions): Promise<BoundedAnswer> {
  const origin = new URL(url).origin
  let target = url
  for (let hop = 0; ; hop++) {
    const response = await options.fetch(target, { ...init, redirect: 'manual' })
    const location = redirectTarget(response, target)
    if (location === null) return { status: response.status, text: await readCapped(response, options) }
    await response.body?.cancel().catch(() => undefined)
    if (new URL(location).origin !== origin || ![307, 308].includes(response.status) || hop >= MAX_REDIRECTS) {
      throw redirectRefused(location, response.status, options)
    }
    target = location
  }
}

/** The absolute URL a 3xx points at, or null when the answer is not a redirect. */
function redirectTarget(response: Response, from: string): string | null {
  if (response.status < 300 || response.status > 399 || response.status === 304) return null
  const location = response.headers.get('location')
  if (!location) return null
  try {
    return new URL(location, from).href
  } catch {
    return 'invalid:'
  }
}

function redirectRefused(location: string, status: number, options: BoundedOptions): ApiError {
  const where = location.startsWith('invalid:') ? 'an invalid address' : new URL(location).origin
  return new ApiError({
    kind: 'network',
    code: LocalCode.NetworkError,
    message: `The server redirected the call (HTTP ${status}) to ${where}; redirects away from the profile's address are not followed.`,
    requestId: options.requestId,
    action: options.action,
  })
}

/** The body as text, decoded as it streams and given up as soon as it grows past the cap. */
async function readCapped(response: Response, options: BoundedOptions): Promise<string> {
  const max = options.maxBytes ?? MAX_RESPONSE_BYTES
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (!response.headers.get('content-encoding') && declared > max) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(max, options)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let total = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    total += value.byteLength
    if (total > max) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(max, options)
    }
    text += decoder.decode(value, { stream: true })
  }
}

function tooLarge(max: number, options: BoundedOptions): ApiError {
  return ApiError.malformed(options.action, options.requestId ?? '', `it is larger than ${Math.round(max / 1024 / 1024)} MiB`)
}
