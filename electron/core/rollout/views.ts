/** What the board shows of a rollout, computed from its records (in memory or from the store). */
import type { DeviceCounts, RolloutDevice, RolloutSummary, RolloutTarget, RolloutWave } from '../../../shared/rollout'
import { FINAL_DEVICE_STATES } from '../../../shared/rollout'
import { otaStatusText } from '../../../shared/firmware/ota-status'
import { emptyCounts, type DeviceRecord, type RolloutRecord } from './store'

const FINAL = new Set(FINAL_DEVICE_STATES)

export const isFinal = (d: Pick<DeviceRecord, 'state'>): boolean => FINAL.has(d.state)

/** A failure that counts against the wave's threshold: not one the app caused, not one the operator accepted. */
export const countsAgainstThreshold = (d: DeviceRecord): boolean => d.state === 'failed' && d.reason !== 'interrupted' && !d.acked

export function countStates(devices: Iterable<Pick<DeviceRecord, 'state'>>): DeviceCounts {
  const counts = emptyCounts()
  for (const d of devices) counts[d.state] += 1
  return counts
}

export function summarize(
  rollout: RolloutRecord,
  counts: DeviceCounts,
  driver: RolloutSummary['driver'],
  etaMs: number | null = null,
  targets: RolloutTarget[] = [],
): RolloutSummary {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  return {
    rolloutId: rollout.id,
    name: rollout.name,
    kind: rollout.kind,
    state: rollout.state,
    pauseReason: rollout.pauseReason,
    profileId: rollout.profileId,
    account: rollout.account,
    plan: rollout.plan,
    targets,
    total,
    counts,
    currentWave: rollout.currentWave,
    waveCount: rollout.waveSizes.length,
    createdMs: rollout.createdMs,
    startedMs: rollout.startedMs,
    finishedMs: rollout.finishedMs,
    updatedMs: rollout.updatedMs,
    driver,
    interrupted: rollout.state === 'running' && driver !== 'here',
    etaMs,
  }
}

/** Per-wave counts and timing; `devices` in plan order (waves are consecutive runs of it). */
export function waveViews(rollout: RolloutRecord, devices: readonly DeviceRecord[]): RolloutWave[] {
  let start = 0
  return rollout.waveSizes.map((size, index) => {
    const members = devices.slice(start, start + size)
    start += size
    const published = members.flatMap((d) => (d.publishedMs === null ? [] : [d.publishedMs]))
    const allFinal = members.every(isFinal)
    const finished = members.flatMap((d) => (d.finishedMs === null ? [] : [d.finishedMs]))
    const failed = members.filter(countsAgainstThreshold).length
    return {
      index,
      size,
      counts: countStates(members),
      startedMs: published.length > 0 ? Math.min(...published) : null,
      finishedMs: allFinal && finished.length > 0 ? Math.max(...finished) : null,
      failedPercent: size > 0 ? (100 * failed) / size : 0,
    }
  })
}

export function deviceView(d: DeviceRecord): RolloutDevice {
  return {
    deviceId: d.deviceId,
    productId: d.productId,
    productName: d.productName,
    aliasName: d.aliasName,
    familyName: d.familyName,
    roomName: d.roomName,
    wave: d.wave,
    fromVersion: d.fromVersion,
    targetVersion: d.targetVersion,
    finalVersion: d.finalVersion,
    state: d.state,
    reason: d.reason,
    detail: d.detail,
    attempt: d.attempt,
    publishes: d.publishes,
    requestId: d.requestId,
    otaStatus: d.otaStatus,
    otaStatusText: otaStatusText(d.otaStatus),
    percent: d.percent,
    publishedMs: d.publishedMs,
    finishedMs: d.finishedMs,
  }
}
