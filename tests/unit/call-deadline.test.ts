import { afterEach, describe, expect, it, vi } from 'vitest'
import { callDeadline } from '../../electron/core/api/call-deadline'

afterEach(() => {
  vi.useRealTimers()
})

describe('a cloud call’s deadline', () => {
  it('aborts the call when the deadline passes, as a timeout', () => {
    vi.useFakeTimers()
    const deadline = callDeadline(15_000)
    vi.advanceTimersByTime(14_999)
    expect(deadline.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.timedOut).toBe(true)
    expect((deadline.signal.reason as Error).name).toBe('TimeoutError')
  })

  it('aborts with the caller’s own cancel, which is not a timeout', () => {
    const caller = new AbortController()
    const deadline = callDeadline(15_000, caller.signal)
    caller.abort()
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.timedOut).toBe(false)
    expect((deadline.signal.reason as Error).name).toBe('AbortError')
    deadline.release()
    expect(callDeadline(15_000, caller.signal).signal.aborted).toBe(true) // a caller that gave up already
  })

  it('keeps no timer and no listener once the call has ended', () => {
    vi.useFakeTimers()
    const caller = new AbortController()
    const deadline = callDeadline(15_000, caller.signal)
    expect(vi.getTimerCount()).toBe(1)
    deadline.release()
    expect(vi.getTimerCount()).toBe(0)
    caller.abort()
    vi.advanceTimersByTime(20_000)
    expect(deadline.signal.aborted).toBe(false)
  })
})
