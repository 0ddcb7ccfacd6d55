/**
 * Whether AppDescribeFirmwareUpdateStatus describes an upgrade someone asked for, or only the
 * device's standing offer. The cloud answers every device, upgrade or not: with no upgrade
 * published it says 8 "Waiting for user confirmation" when a newer version exists, 0 "Device
 * is offline" when the device cannot be reached, and 6 "Update completed" with OriVersion
 * equal to DstVersion when there is nothing to do (the sandbox's OtaEngine.statusOf answers
 * the same way). Only a published upgrade moves it to 1, 2, 3, 4, 7 or 20 (under way), or to
 * 5 / 6 between two different versions (its result): that is "an upgrade state" to show.
 */
import type { OtaStatusInfo } from '@shared/rollout'

const UNDER_WAY = new Set([1, 2, 3, 4, 7, 20])
const FAILED = 5
const DONE = 6

export function hasCloudUpgrade(status: OtaStatusInfo | null | undefined): boolean {
  if (!status) return false
  if (UNDER_WAY.has(status.status)) return true
  if (status.status === FAILED) return true
  return status.status === DONE && status.oriVersion !== '' && status.oriVersion !== status.dstVersion
}
