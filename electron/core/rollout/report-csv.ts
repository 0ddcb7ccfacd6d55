/** The finished (or running) rollout as CSV, one row per device, for support and the customer. */
import { csvCell } from '../audit/audit-log'
import type { DeviceRecord, RolloutRecord } from './store'
import { deviceView } from './views'

const HEADER = [
  'rollout', 'device_id', 'alias', 'product', 'family', 'room', 'wave', 'from_version', 'target_version', 'final_version',
  'state', 'reason', 'detail', 'attempt', 'publishes', 'request_id', 'ota_status', 'published_at', 'finished_at', 'duration_s',
]

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString())

export function rolloutCsv(rollout: RolloutRecord, devices: readonly DeviceRecord[]): string {
  const lines = [HEADER.join(',')]
  for (const record of devices) {
    const d = deviceView(record)
    const duration = d.publishedMs !== null && d.finishedMs !== null && d.publishes > 0 ? ((d.finishedMs - d.publishedMs) / 1000).toFixed(1) : ''
    const cells = [
      rollout.name, d.deviceId, d.aliasName, d.productName || d.productId, d.familyName, d.roomName, String(d.wave + 1),
      d.fromVersion, d.targetVersion, d.finalVersion, d.state, d.reason, d.detail, String(d.attempt), String(d.publishes),
      d.requestId, d.otaStatusText, iso(d.publishedMs), iso(d.finishedMs), duration,
    ]
    lines.push(cells.map(csvCell).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
