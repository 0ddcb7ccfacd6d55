/** The finished (or running) rollout as CSV, one row per device, for support and the customer. */
import { toCsv, type CsvCell } from '../../../shared/csv'
import type { DeviceRecord, RolloutRecord } from './store'
import { deviceView } from './views'

const HEADER = [
  'rollout', 'device_id', 'alias', 'product', 'family', 'room', 'wave', 'from_version', 'target_version', 'final_version',
  'state', 'reason', 'detail', 'attempt', 'publishes', 'request_id', 'ota_status', 'published_at', 'finished_at', 'duration_s',
]

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString())

export function rolloutCsv(rollout: RolloutRecord, devices: readonly DeviceRecord[]): string {
  return toCsv(HEADER, devices.map((record) => row(rollout, deviceView(record))))
}

/** Counts go out as numbers (never formula-escaped); the duration keeps one decimal, as text. */
function row(rollout: RolloutRecord, d: ReturnType<typeof deviceView>): CsvCell[] {
  const duration = d.publishedMs !== null && d.finishedMs !== null && d.publishes > 0 ? ((d.finishedMs - d.publishedMs) / 1000).toFixed(1) : ''
  return [
    rollout.name, d.deviceId, d.aliasName, d.productName || d.productId, d.familyName, d.roomName, d.wave + 1,
    d.fromVersion, d.targetVersion, d.finalVersion, d.state, d.reason, d.detail, d.attempt, d.publishes,
    d.requestId, d.otaStatusText, iso(d.publishedMs), iso(d.finishedMs), duration,
  ]
}
