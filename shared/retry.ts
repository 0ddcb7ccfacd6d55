/**
 * Retry with backoff, the one rule every retry in the app follows: the push connection's
 * and the browser bridge's reconnects, history pages, and recording reloads.
 */

export interface Backoff {
  /** The first wait. Each later one doubles, up to `capMs`. */
  baseMs: number
  capMs: number
  /**
   * The wait is scaled by a random factor in [low, high], so many clients that lost the
   * same server do not come back in step. Omitted: no jitter.
   */
  jitter?: readonly [low: number, high: number]
}

/** The wait before retry number `retry` (0 for the first). */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, retry))
  const [low, high] = backoff.jitter ?? [1, 1]
  return Math.round(ceiling * (low + random() * (high - low)))
}

export interface RetryOptions {
  /** The wait before retry number `retry` (0 for the first); undefined when there are no retries left. */
  delayMs: (retry: number) => number | undefined
  /** Whether this failure is worth another try (never auth or validation errors). */
  shouldRetry: (error: unknown) => boolean
  /** Stops waiting and trying at once. */
  signal?: AbortSignal
  /** The error thrown once `signal` aborts. */
  abortError?: () => Error
  onRetry?: (error: unknown, retry: number) => void
}

/** Runs `attempt`, again after each wait while it fails retryably; the last failure is thrown. */
export async function retrying<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const aborted = () => options.abortError?.() ?? new Error('Cancelled.')
  for (let retry = 0; ; retry++) {
    if (options.signal?.aborted) throw aborted()
    try {
      return await attempt()
    } catch (error) {
      if (options.signal?.aborted) throw aborted()
      const delay = options.delayMs(retry)
      if (delay === undefined || !options.shouldRetry(error)) throw error
      options.onRetry?.(error, retry)
      await sleep(delay, options.signal, aborted)
    }
  }
}

/** Waits `ms`, or rejects with `aborted()` as soon as the signal aborts (at once if it already has). */
export function sleep(ms: number, signal: AbortSignal | undefined, aborted: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted())
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
