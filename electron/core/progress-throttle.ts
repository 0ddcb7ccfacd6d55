/**
 * A job's progress, pushed to the renderer at most once per interval: a fast history fetch
 * makes thousands of pages a second, a home's check reads thousands of devices, and an event
 * for each would flood the bridge.
 */
export class ProgressThrottle<Counts extends object> {
  private lastAt = Number.NEGATIVE_INFINITY
  private timer: ReturnType<typeof setTimeout> | undefined
  private latest: Counts | undefined

  constructor(
    private readonly emit: (counts: Counts) => void,
    private readonly intervalMs: number,
  ) {}

  /** The newest counts: sent now if the interval has passed, else once it has. */
  update(counts: Counts): void {
    this.latest = { ...counts }
    if (this.timer) return
    const wait = this.lastAt + this.intervalMs - performance.now()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(() => this.flush(), wait)
  }

  /** No more events: the job's answer carries the final counts. */
  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.latest = undefined
  }

  private flush(): void {
    this.timer = undefined
    if (!this.latest) return
    this.lastAt = performance.now()
    const counts = this.latest
    this.latest = undefined
    this.emit(counts)
  }
}
