/**
 * A binary min-heap of jobs keyed by due time. The fleet simulation keeps every device's
 * next activity here, so one tick pops only what is due instead of visiting every device
 * (10,000 devices, one timer). Ties go to the job queued first, so the order of equal-time
 * jobs depends only on the order they were queued, never on the heap's layout.
 */
export interface DueJob<T> {
  dueMs: number
  /** Insertion serial: breaks ties deterministically. */
  serial: number
  item: T
}

export class DueQueue<T> {
  private readonly heap: DueJob<T>[] = []
  private serial = 0

  get size(): number {
    return this.heap.length
  }

  push(dueMs: number, item: T): void {
    this.heap.push({ dueMs, serial: this.serial++, item })
    this.siftUp(this.heap.length - 1)
  }

  /** The earliest due time, or Infinity when empty. */
  peekDue(): number {
    return this.heap[0]?.dueMs ?? Number.POSITIVE_INFINITY
  }

  /** Removes and returns the earliest job if it is due at `nowMs`. */
  popDue(nowMs: number): DueJob<T> | undefined {
    const top = this.heap[0]
    if (!top || top.dueMs > nowMs) return undefined
    const last = this.heap.pop() as DueJob<T>
    if (this.heap.length > 0) {
      this.heap[0] = last
      this.siftDown(0)
    }
    return top
  }

  private before(a: DueJob<T>, b: DueJob<T>): boolean {
    return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.serial < b.serial)
  }

  private siftUp(index: number): void {
    const heap = this.heap
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(heap[i] as DueJob<T>, heap[parent] as DueJob<T>)) break
      ;[heap[i], heap[parent]] = [heap[parent] as DueJob<T>, heap[i] as DueJob<T>]
      i = parent
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap
    const n = heap.length
    let i = index
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let best = i
      if (left < n && this.before(heap[left] as DueJob<T>, heap[best] as DueJob<T>)) best = left
      if (right < n && this.before(heap[right] as DueJob<T>, heap[best] as DueJob<T>)) best = right
      if (best === i) return
      ;[heap[i], heap[best]] = [heap[best] as DueJob<T>, heap[i] as DueJob<T>]
      i = best
    }
  }
}
