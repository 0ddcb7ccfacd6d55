/**
 * The sandbox's loopback-only levers (/_sandbox/control, /broker/token) are for tools and
 * the app's main process, never for a web page. A page can still reach 127.0.0.1: a
 * cross-site `text/plain` POST needs no CORS preflight, and a DNS-rebound name is even
 * same-origin. So these endpoints take `application/json` only (which forces a preflight
 * the sandbox never grants) and refuse any browser Origin whose host is not loopback.
 */
import type { IncomingMessage } from 'node:http'

export interface Refusal {
  status: 403 | 415
  message: string
}

const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/

/** Why a request must not reach the endpoint, or undefined when it may. */
export function browserRefusal(req: IncomingMessage): Refusal | undefined {
  const origin = req.headers.origin
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return { status: 403, message: `Requests from ${origin.slice(0, 100)} are refused: only loopback tools may call this endpoint.` }
  }
  if (!isJson(req.headers['content-type'])) {
    return { status: 415, message: 'Send the body as JSON with content-type: application/json.' }
  }
  return undefined
}

/** http(s) origins on 127.0.0.0/8, localhost or [::1]; "null" (sandboxed frames, file://) is not. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname)
  } catch {
    return false
  }
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json'
}
