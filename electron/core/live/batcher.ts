/**
 * Collects items and hands them on at most once per `intervalMs`, so a burst of 2,000
 * pushes a second reaches the renderer as 20 messages, not 2,000. A batch holds at most
 * `maxItems`: when this process falls behind (20,000 pushes a second on a busy machine),
 * the backlog leaves as several moderate messages, each one short task for the page to
 * parse and apply, instead of one message the page chews on past a frame.
 */
export class Batcher<T> {
  private items: T[] = []
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (items: T[]) => void,
    private readonly maxItems = 1_000,
  ) {}

  push(item: T): void {
    this.items.push(item)
    if (this.items.length >= this.maxItems) return this.flush()
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs)
      this.timer.unref?.()
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.items.length === 0) return
    const batch = this.items
    this.items = []
    this.emit(batch)
  }

  /** Drops what is waiting (the session ended: it belongs to nobody now). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.items = []
  }
}
