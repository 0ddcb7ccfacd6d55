/**
 * A bounded buffer of the newest items: at most `capacity` kept, older ones only counted.
 * The push inspector keeps pushes here so 2,000 pushes/s cannot grow memory or the DOM.
 */
export class Ring<T> {
  private items: (T | undefined)[]
  private start = 0
  private size = 0
  /** Items pushed out by newer ones since the last clear. */
  dropped = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer')
    this.items = new Array<T | undefined>(capacity)
  }

  get length(): number {
    return this.size
  }

  push(item: T): void {
    const end = (this.start + this.size) % this.capacity
    this.items[end] = item
    if (this.size < this.capacity) this.size++
    else {
      this.start = (this.start + 1) % this.capacity
      this.dropped++
    }
  }

  pushAll(items: readonly T[]): void {
    for (const item of items) this.push(item)
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = []
    for (let i = 0; i < this.size; i++) out.push(this.items[(this.start + i) % this.capacity] as T)
    return out
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.capacity)
    this.start = 0
    this.size = 0
    this.dropped = 0
  }
}
