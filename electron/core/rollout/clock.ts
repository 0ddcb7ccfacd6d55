/** Time for the rollout engine, injected so tests can drive it; the system's by default. */
export type TimerHandle = { readonly brand?: 'timer' } | ReturnType<typeof setTimeout>

export interface Clock {
  now(): number
  setTimeout(run: () => void, ms: number): TimerHandle
  clearTimeout(timer: TimerHandle): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, Math.max(0, ms))
    // Engine timers never keep a process alive on their own (the host decides that).
    timer.unref?.()
    return timer
  },
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}
