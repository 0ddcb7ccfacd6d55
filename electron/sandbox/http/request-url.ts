import type { IncomingMessage } from 'node:http'

/**
 * The request's target as a URL, or undefined when it is not one: `new URL('//[', base)`
 * throws, and one such request line must cost a 400, not the process.
 */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://sandbox.invalid')
  } catch {
    return undefined
  }
}
