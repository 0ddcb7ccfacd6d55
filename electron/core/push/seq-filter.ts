/**
 * Remembers the last Seqs seen per device, to drop a push delivered twice (after a
 * reconnect the cloud may repeat some). A window, not a high-water mark: a cloud that
 * restarts its numbering must not silence a device forever.
 */
export class SeqFilter {
  private readonly recent = new Map<string, number[]>()

  constructor(private readonly window = 64) {}

  isNew(deviceId: string, seq: number): boolean {
    if (!Number.isFinite(seq)) return true
    const seen = this.recent.get(deviceId) ?? []
    if (seen.includes(seq)) return false
    seen.push(seq)
    if (seen.length > this.window) seen.shift()
    this.recent.set(deviceId, seen)
    return true
  }
}
