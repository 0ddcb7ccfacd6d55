/**
 * What devices reported after the sandbox started (controls, simulation, as-device
 * reports), kept per key in time order. Each key keeps at most `cap` items, dropping the
 * oldest; past `totalCap` items in all, every key drops its older half. So a 10,000-device
 * demo left running (or accelerated) for days stays bounded in memory.
 */
import type { Timed } from './cursor'

export class LiveLog<T extends Timed> {
  private readonly byKey = new Map<string, T[]>()
  private total = 0

  constructor(
    private readonly cap: number,
    private readonly totalCap: number,
  ) {}

  append(key: string, item: T): void {
    let items = this.byKey.get(key)
    if (!items) this.byKey.set(key, (items = []))
    // Reports arrive in clock order; a clock moved back in a test still lands in order.
    let at = items.length
    while (at > 0 && (items[at - 1] as T).timeMs > item.timeMs) at--
    if (at === items.length) items.push(item) // nearly always: no splice (and its empty array) per report
    else items.splice(at, 0, item)
    this.total += 1
    if (items.length > this.cap) this.total -= items.splice(0, items.length - this.cap).length
    if (this.total > this.totalCap) this.halve()
  }

  private halve(): void {
    this.total = 0
    for (const items of this.byKey.values()) {
      items.splice(0, Math.floor(items.length / 2))
      this.total += items.length
    }
  }

  /** Items with fromMs <= time <= toMs, in time order. */
  *range(key: string, fromMs: number, toMs: number): Generator<T> {
    const items = this.byKey.get(key) ?? []
    for (let i = firstAtOrAfter(items, fromMs); i < items.length; i++) {
      const item = items[i] as T
      if (item.timeMs > toMs) return
      yield item
    }
  }
}

function firstAtOrAfter(items: readonly Timed[], timeMs: number): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((items[mid] as Timed).timeMs < timeMs) lo = mid + 1
    else hi = mid
  }
  return lo
}
