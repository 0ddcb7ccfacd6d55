import { describe, expect, it } from 'vitest'
import { backoffDelay, retrying } from '../../shared/retry'

describe('backoff', () => {
  it('doubles from the base up to the cap', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { baseMs: 500, capMs: 30_000 }))
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000])
  })

  it('scales each wait at random within the jitter range, never past the cap', () => {
    const push = { baseMs: 500, capMs: 30_000, jitter: [0.5, 1] as const }
    expect(backoffDelay(20, push, () => 0)).toBe(15_000)
    expect(backoffDelay(20, push, () => 0.999_999)).toBe(30_000)
    expect(backoffDelay(0, push, () => 0.5)).toBe(375)
    expect(backoffDelay(1, { baseMs: 500, capMs: 15_000, jitter: [0.75, 1.25] }, () => 0)).toBe(750)
  })

  it('treats a huge retry count as the cap, not Infinity or NaN', () => {
    expect(backoffDelay(5000, { baseMs: 500, capMs: 30_000 })).toBe(30_000)
  })
})

describe('retrying', () => {
  const transient = new Error('busy')
  const fatal = new Error('denied')
  const options = { delayMs: (n: number) => [1, 1, 1][n], shouldRetry: (e: unknown) => e === transient }

  it('tries again after each wait while the failure is retryable, then succeeds', async () => {
    let calls = 0
    const seen: number[] = []
    const result = await retrying(async () => (++calls < 3 ? Promise.reject(transient) : 'ok'), { ...options, onRetry: (_e, n) => seen.push(n) })
    expect(result).toBe('ok')
    expect(seen).toEqual([0, 1])
  })

  it('throws the last failure once the waits run out, and a fatal one at once', async () => {
    let calls = 0
    await expect(retrying(async () => (calls++, Promise.reject(transient)), options)).rejects.toBe(transient)
    expect(calls).toBe(4)
    calls = 0
    await expect(retrying(async () => (calls++, Promise.reject(fatal)), options)).rejects.toBe(fatal)
    expect(calls).toBe(1)
  })

  it('stops waiting at once when aborted, with the caller’s error', async () => {
    const controller = new AbortController()
    const cancelled = new Error('cancelled')
    const pending = retrying(() => Promise.reject(transient), { ...options, delayMs: () => 60_000, signal: controller.signal, abortError: () => cancelled })
    setTimeout(() => controller.abort(), 5)
    await expect(pending).rejects.toBe(cancelled)
  })
})
