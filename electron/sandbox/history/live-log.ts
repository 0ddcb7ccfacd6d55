/**
 * What devices reported after the sandbox started (controls, simulation, as-device
 * reports), kept per key in time order. Each key keeps at most `cap` items, dropping the
 * oldest; past `totalCap` items in all, every key drops its older half. So a 10,000-device
 * demo left running (or accelerated) for days stays bounded in memory.
 *
 * Items are kept as columns, a time and a packed rest (a codec turns one into the other):
 * a property report packs to its bare value, about 16 bytes a report instead of an ~80-byte
 * object, which matters at thousands of reports a second (the soak benchmark's 2,000/s).
 */
import type { Timed } from './cursor'

export interface LiveCodec<T extends Timed, R> {
  pack(item: T): R
  unpack(timeMs: number, packed: R): T
}

interface Columns<R> {
  times: number[]
  packed: R[]
}

/** Keeps each item whole (items that are few, such as events). */
const whole = { pack: (item: unknown) => item, unpack: (_timeMs: number, packed: unknown) => packed }

export class LiveLog<T extends Timed, R = T> {
  private readonly byKey = new Map<string, Columns<R>>()
  private total = 0

  constructor(
    private readonly cap: number,
    private readonly totalCap: number,
    private readonly codec: LiveCodec<T, R> = whole as LiveCodec<T, R>,
  ) {}

  append(key: string, item: T): void {
    let columns = this.byKey.get(key)
    if (!columns) this.byKey.set(key, (columns = { times: [], packed: [] }))
    const { times, packed } = columns
    // Reports arrive in clock order; a clock moved back in a test still lands in order.
    let at = times.length
    while (at > 0 && (times[at - 1] as number) > item.timeMs) at--
    if (at === times.length) {
      times.push(item.timeMs)
      packed.push(this.codec.pack(item))
    } else {
      times.splice(at, 0, item.timeMs)
      packed.splice(at, 0, this.codec.pack(item))
    }
    this.total += 1
    if (times.length > this.cap) this.total -= dropOldest(columns, times.length - this.cap)
    if (this.total > this.totalCap) this.halve()
  }

  private halve(): void {
    this.total = 0
    for (const columns of this.byKey.values()) {
      dropOldest(columns, Math.floor(columns.times.length / 2))
      this.total += columns.times.length
    }
  }

  /** Items with fromMs <= time <= toMs, in time order. */
  *range(key: string, fromMs: number, toMs: number): Generator<T> {
    const columns = this.byKey.get(key)
    if (!columns) return
    const { times, packed } = columns
    for (let i = firstAtOrAfter(times, fromMs); i < times.length; i++) {
      const timeMs = times[i] as number
      if (timeMs > toMs) return
      yield this.codec.unpack(timeMs, packed[i] as R)
    }
  }
}

function dropOldest<R>(columns: Columns<R>, count: number): number {
  columns.times.splice(0, count)
  columns.packed.splice(0, count)
  return count
}

function firstAtOrAfter(times: readonly number[], timeMs: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((times[mid] as number) < timeMs) lo = mid + 1
    else hi = mid
  }
  return lo
}
