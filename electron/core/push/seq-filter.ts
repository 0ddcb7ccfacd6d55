/**
 * Remembers the last Seqs seen per device, to drop a push delivered twice (after a
 * reconnect the cloud may repeat some). A window, not a high-water mark: a cloud that
 * restarts its numbering must not silence a device forever. Each device's window is a
 * ring: a push overwrites the oldest Seq instead of shifting the rest along.
 */
export class SeqFilter {
  private readonly recent = new Map<string, { seqs: number[]; oldest: number }>()

  constructor(private readonly window = 64) {}

  isNew(deviceId: string, seq: number): boolean {
    if (!Number.isFinite(seq)) return true
    let ring = this.recent.get(deviceId)
    if (!ring) this.recent.set(deviceId, (ring = { seqs: [], oldest: 0 }))
    if (ring.seqs.includes(seq)) return false
    if (ring.seqs.length < this.window) ring.seqs.push(seq)
    else {
      ring.seqs[ring.oldest] = seq
      ring.oldest = (ring.oldest + 1) % this.window
    }
    return true
  }
}
