/**
 * How one upgrade unfolds, as steps at fractions of the upgrade's duration, in the Status
 * codes of shared/firmware/ota-status.ts: pending, delivered, downloading, download
 * completed, burning, then done or failed. A successful upgrade reboots the device
 * (offline, online) before it is done.
 *
 * Failure modes follow AppReportOTAStatus's ResultCodes (-1 download timeout, -2 file does
 * not exist, -3 signature expired, -4 MD5 mismatch, -5 update failed), plus 'reverted': the
 * device walks every step, says done, and comes back from its reboot on the old version,
 * so a client must check the final version rather than trust status 6.
 */
import { OtaResultCode, OtaStatus } from '../../../shared/firmware/ota-status'

export type FailureMode = 'download-timeout' | 'file-missing' | 'signature-expired' | 'md5-mismatch' | 'burn-failed'
export type UpgradeOutcome = 'success' | 'reverted' | FailureMode

export const FAILURE_MODES: readonly FailureMode[] = ['download-timeout', 'file-missing', 'signature-expired', 'md5-mismatch', 'burn-failed']

export type Step =
  | { at: number; kind: 'progress'; status: number; percent: number }
  | { at: number; kind: 'offline' | 'online' | 'done' }
  | { at: number; kind: 'fail'; resultCode: number; message: string }

const progress = (at: number, status: number, percent: number): Step => ({ at, kind: 'progress', status, percent })

const SUCCESS: readonly Step[] = [
  progress(0.05, OtaStatus.Delivered, 0),
  progress(0.1, OtaStatus.Downloading, 0),
  progress(0.2, OtaStatus.Downloading, 20),
  progress(0.3, OtaStatus.Downloading, 40),
  progress(0.4, OtaStatus.Downloading, 60),
  progress(0.5, OtaStatus.Downloading, 80),
  progress(0.6, OtaStatus.Downloading, 100),
  progress(0.65, OtaStatus.Downloaded, 100),
  progress(0.7, OtaStatus.Burning, 100),
  { at: 0.85, kind: 'offline' },
  { at: 0.95, kind: 'online' },
  { at: 1, kind: 'done' },
]

export const FAILURES: Readonly<Record<FailureMode, { resultCode: number; message: string; after: number; at: number }>> = {
  'file-missing': { resultCode: OtaResultCode.FileMissing, message: 'File does not exist.', after: 0.1, at: 0.12 },
  'signature-expired': { resultCode: OtaResultCode.SignatureExpired, message: 'Signature expired.', after: 0.1, at: 0.12 },
  'download-timeout': { resultCode: OtaResultCode.DownloadTimeout, message: 'Download timeout.', after: 0.3, at: 0.45 },
  'md5-mismatch': { resultCode: OtaResultCode.Md5Mismatch, message: 'MD5 mismatch.', after: 0.6, at: 0.65 },
  'burn-failed': { resultCode: OtaResultCode.UpdateFailed, message: 'Firmware update failed.', after: 0.7, at: 0.8 },
}

export function planFor(outcome: UpgradeOutcome): Step[] {
  if (outcome === 'success' || outcome === 'reverted') return [...SUCCESS]
  const failure = FAILURES[outcome]
  return [
    ...SUCCESS.filter((s) => s.at <= failure.after),
    { at: failure.at, kind: 'fail', resultCode: failure.resultCode, message: failure.message },
  ]
}

/** The failure that fits an upgrade interrupted while in `status`. */
export function failureAt(status: number): FailureMode {
  return status === OtaStatus.Burning || status === OtaStatus.Downloaded ? 'burn-failed' : 'download-timeout'
}
