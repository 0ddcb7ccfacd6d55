/**
 * Collects items and hands them on at most once per `intervalMs`, so a burst of 2,000
 * pushes a second reaches the renderer as 20 messages, not 2,000.
 */
export class Batcher<T> {
  private items: T[] = []
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (items: T[]) => void,
  ) {}

  push(item: T): void {
    this.items.push(item)
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
