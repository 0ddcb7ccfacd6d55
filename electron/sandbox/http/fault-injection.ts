/**
 * Faults on the HTTP face (sim/faults.ts holds the settings): a delay before every API
 * answer, and tokenapi calls failed at the configured rate with InternalServerError, the
 * code the reference's tables list for a server-side failure. appapi (sign-in) is spared so
 * an error-rate test still gets a token. The failed call does not run: nothing changes.
 */
import type { HttpEndpoint } from '../actions/registry'
import { errorBody } from '../api/envelope'
import { ErrorCode } from '../api/errors'
import type { SandboxCloud } from '../cloud'

/** Waits the injected latency (through the scheduler, so closing the sandbox cancels it). */
export function injectedDelay(cloud: SandboxCloud): Promise<void> | undefined {
  const ms = cloud.faults.nextDelayMs()
  if (ms <= 0) return undefined
  return new Promise((resolve) => {
    cloud.scheduler.after(ms, resolve)
  })
}

/** The error answer of an injected failure, or undefined when this call goes through. */
export function injectedFailure(cloud: SandboxCloud, endpoint: HttpEndpoint, rawBody: string): unknown {
  if (endpoint !== 'tokenapi' || !cloud.faults.shouldFailCall()) return undefined
  return errorBody(cloud.options.envelope, requestIdOf(rawBody), ErrorCode.InternalServerError, 'Internal server error, please try again later.')
}

/** The RequestId to echo, read leniently: the body was not validated yet. */
function requestIdOf(rawBody: string): string {
  try {
    const id = (JSON.parse(rawBody) as { RequestId?: unknown } | null)?.RequestId
    return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : ''
  } catch {
    return ''
  }
}
