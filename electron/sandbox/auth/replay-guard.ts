/**
 * Refuses a signed request whose (AppKey, Timestamp, Nonce) was already accepted. Only
 * pairs inside the clock-skew window need remembering (older Timestamps are refused
 * anyway), so entries are pruned once their Timestamp falls out of it, and the map is
 * capped so a flood of requests cannot grow memory without bound (past the cap the
 * oldest entries are forgotten first).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>()
  private lastPruneSec = -Infinity

  constructor(
    private readonly windowSeconds: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Records the pair; false if it was already recorded. */
  remember(appKey: string, timestampSec: number, nonce: string, nowSec: number): boolean {
    this.prune(nowSec)
    const key = `${appKey}\u0000${timestampSec}\u0000${nonce}`
    if (this.seen.has(key)) return false
    if (this.seen.size >= this.maxEntries) this.forgetOldest()
    this.seen.set(key, timestampSec)
    return true
  }

  get size(): number {
    return this.seen.size
  }

  private prune(nowSec: number): void {
    if (nowSec - this.lastPruneSec < 10) return
    this.lastPruneSec = nowSec
    const oldest = nowSec - this.windowSeconds
    for (const [key, ts] of this.seen) if (ts < oldest) this.seen.delete(key)
  }

  private forgetOldest(): void {
    const first = this.seen.keys().next()
    if (!first.done) this.seen.delete(first.value)
  }
}
