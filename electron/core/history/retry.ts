/**
 * One page retried with backoff. A long range is hundreds of pages; one flaky answer must
 * cost a second, not the whole range, so the page is asked again with the same Context.
 */
import { LocalCode } from '../../../shared/errors'
import { retrying } from '../../../shared/retry'
import { ApiError } from '../api/api-error'

export interface RetryPolicy {
  /** Waits before the 1st, 2nd, 3rd... retry; its length is how many retries there are. */
  delaysMs: readonly number[]
  /** Up to this much is added at random to each wait, so parallel segments do not retry in step. */
  jitterMs: number
  random?: () => number
}

export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [200, 400, 800], jitterMs: 100 }

/** Cloud codes that say "try again": the server failed or is busy, the request itself was fine. */
const RETRYABLE_CODES = new Set(['InternalServerError', 'InternalError', 'ServiceUnavailable', 'RequestLimitExceeded'])

/** Network failures, timeouts, HTTP 5xx and server-side errors; never auth or validation. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  if (error.kind === 'timeout') return true
  if (error.kind === 'network') return !/^HTTP 4\d\d$/.test(error.code)
  return error.kind === 'api' && (RETRYABLE_CODES.has(error.code) || error.code.startsWith('InternalError.'))
}

export function cancelledError(): ApiError {
  return new ApiError({ kind: 'cancelled', code: LocalCode.Cancelled, message: 'The history fetch was cancelled.' })
}

/** Runs `attempt` under the shared retry rule, with the history's waits; stops at once on abort. */
export function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, signal: AbortSignal, onRetry: (error: unknown) => void = () => {}): Promise<T> {
  const random = policy.random ?? Math.random
  return retrying(attempt, {
    delayMs: (retry) => {
      const delay = policy.delaysMs[retry]
      return delay === undefined ? undefined : delay + Math.floor(random() * policy.jitterMs)
    },
    shouldRetry: isRetryable,
    signal,
    abortError: cancelledError,
    onRetry,
  })
}
