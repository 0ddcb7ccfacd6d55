/**
 * Timers of the sandbox (fleet simulation, OTA progress, device timers, WebSocket
 * heartbeats), all stopped at once when the sandbox closes so nothing outlives it.
 */
export type Cancel = () => void

export class Scheduler {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private stopped = false

  /** Runs `task` once after `ms`. */
  after(ms: number, task: () => void): Cancel {
    if (this.stopped) return () => {}
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      task()
    }, ms)
    timer.unref?.()
    this.timers.add(timer)
    return () => {
      clearTimeout(timer)
      this.timers.delete(timer)
    }
  }

  /** Runs `task` every `ms` until cancelled or stopped. */
  every(ms: number, task: () => void): Cancel {
    if (this.stopped) return () => {}
    const timer = setInterval(task, ms)
    timer.unref?.()
    this.timers.add(timer)
    return () => {
      clearInterval(timer)
      this.timers.delete(timer)
    }
  }

  stop(): void {
    this.stopped = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
