/**
 * A running rollout's figures, kept as devices change rather than recounted: counts per wave
 * and state, wave timing, failures against the threshold, and the pace for the ETA. A
 * progress event then costs the number of waves, not the number of devices (a 10,000-device
 * rollout emits four a second).
 */
import type { DeviceCounts, DeviceRolloutState, RolloutWave } from '../../../shared/rollout'
import { emptyCounts, type DeviceRecord } from './store'
import { countsAgainstThreshold, isFinal } from './views'

interface WaveTally {
  size: number
  counts: DeviceCounts
  firstPublishMs: number | null
  lastFinishMs: number | null
  /** Failures counting against the threshold. */
  against: number
}

const OPEN_STATES: readonly DeviceRolloutState[] = ['pending', 'waiting', 'publishing', 'upgrading']

export class RolloutTally {
  private readonly waves: WaveTally[]
  private durationSumMs = 0
  private durations = 0

  constructor(sizes: readonly number[], devices: readonly DeviceRecord[]) {
    this.waves = sizes.map((size) => ({ size, counts: emptyCounts(), firstPublishMs: null, lastFinishMs: null, against: 0 }))
    for (const d of devices) {
      const wave = this.wave(d)
      wave.counts[d.state] += 1
      if (d.publishedMs !== null) wave.firstPublishMs = Math.min(wave.firstPublishMs ?? d.publishedMs, d.publishedMs)
      if (isFinal(d)) this.ended(d)
    }
  }

  /** Sets the device's state, keeping the counts. */
  move(d: DeviceRecord, to: DeviceRolloutState): void {
    const wave = this.wave(d)
    wave.counts[d.state] -= 1
    wave.counts[to] += 1
    d.state = to
  }

  published(d: DeviceRecord, atMs: number): void {
    const wave = this.wave(d)
    wave.firstPublishMs = Math.min(wave.firstPublishMs ?? atMs, atMs)
  }

  /** After a device's end (state, reason, times) is set. */
  ended(d: DeviceRecord): void {
    const wave = this.wave(d)
    if (d.finishedMs !== null) wave.lastFinishMs = Math.max(wave.lastFinishMs ?? d.finishedMs, d.finishedMs)
    if (countsAgainstThreshold(d)) wave.against += 1
    const took = duration(d)
    if (took !== null) {
      this.durationSumMs += took
      this.durations += 1
    }
  }

  /** Before an ended device is opened again (retry): its end no longer counts. */
  reopening(d: DeviceRecord): void {
    if (!isFinal(d)) return
    if (countsAgainstThreshold(d)) this.wave(d).against -= 1
    const took = duration(d)
    if (took !== null) {
      this.durationSumMs -= took
      this.durations -= 1
    }
  }

  /** The operator resumed: failures so far are accepted. */
  acceptFailures(): void {
    for (const wave of this.waves) wave.against = 0
  }

  against(wave: number): number {
    return this.waves[wave]?.against ?? 0
  }

  /** Devices of the wave not yet in an end state. */
  open(wave: number): number {
    const counts = this.waves[wave]?.counts
    return counts ? OPEN_STATES.reduce((n, s) => n + counts[s], 0) : 0
  }

  counts(): DeviceCounts {
    const total = emptyCounts()
    for (const wave of this.waves) for (const state of Object.keys(total) as DeviceRolloutState[]) total[state] += wave.counts[state]
    return total
  }

  waveViews(): RolloutWave[] {
    return this.waves.map((wave, index) => ({
      index,
      size: wave.size,
      counts: { ...wave.counts },
      startedMs: wave.firstPublishMs,
      finishedMs: this.open(index) === 0 ? wave.lastFinishMs : null,
      failedPercent: wave.size > 0 ? (100 * wave.against) / wave.size : 0,
    }))
  }

  /**
   * Time left at the pace so far: the mean time a published device took, times the rounds
   * of `concurrency` devices still to go. Null until a published device ended.
   */
  eta(concurrency: number): number | null {
    if (this.durations === 0) return null
    const left = this.waves.reduce((n, _, i) => n + this.open(i), 0)
    return Math.round((this.durationSumMs / this.durations) * Math.ceil(left / concurrency))
  }

  private wave(d: DeviceRecord): WaveTally {
    return this.waves[d.wave] as WaveTally
  }
}

function duration(d: DeviceRecord): number | null {
  return d.publishes > 0 && d.publishedMs !== null && d.finishedMs !== null ? d.finishedMs - d.publishedMs : null
}
