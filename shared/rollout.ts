/**
 * Firmware upgrades (issue #7) as they cross the bridge: one device's firmware state, and
 * staged fleet rollouts (plan, waves, per-device state, the live board and its report).
 * The engine lives in main (electron/core/rollout/); the renderer only sees these types.
 */

export type RolloutKind = 'fleet' | 'single'

/**
 * draft: planned, never started. running: publishing wave by wave. paused: no new publishes
 * (upgrades already sent are still watched to their end). completed: every device reached
 * an end state. cancelled: the operator stopped it; devices not yet published were dropped.
 */
export type RolloutState = 'draft' | 'running' | 'paused' | 'completed' | 'cancelled'
export type PauseReason = '' | 'operator' | 'threshold'

/**
 * pending: not yet published. waiting: offline at its turn, rechecked until the plan's wait
 * limit. publishing: written to the store just before the publish went out (its fate is
 * resolved from the cloud after a crash, never by sending again). upgrading: the cloud took
 * the publish; watched until the device reports the target version, fails or times out.
 */
export const DEVICE_ROLLOUT_STATES = ['pending', 'waiting', 'publishing', 'upgrading', 'done', 'failed', 'skipped', 'cancelled'] as const
export type DeviceRolloutState = (typeof DEVICE_ROLLOUT_STATES)[number]
export const FINAL_DEVICE_STATES: readonly DeviceRolloutState[] = ['done', 'failed', 'skipped', 'cancelled']

/** Why a device ended as it did (empty for an ordinary success). */
export type DeviceOutcomeReason =
  | ''
  /** done: it already ran the target version; nothing was published. */
  | 'already'
  /** failed: the cloud refused the publish (detail: its code and message). */
  | 'refused'
  /** failed: the device reported the upgrade failed (Status 5; detail: its ResultCode/ErrMsg). */
  | 'failed'
  /** failed: the device said done (Status 6) but reports another version than the target. */
  | 'reverted'
  /** failed: no end within the plan's device timeout. */
  | 'timeout'
  /** failed: the app stopped while publishing and the device shows no upgrade started; safe to retry. */
  | 'interrupted'
  /** failed: the cloud now offers another version than the one planned. */
  | 'target-changed'
  /** failed: the cloud refused to tell the device's firmware state. */
  | 'error'
  /** skipped (or failed, as the plan says): offline at its turn, or still offline after the wait. */
  | 'offline'
  /** skipped: the device runs a newer version than the target. */
  | 'newer'
  | 'cancelled'

export type OfflinePolicy =
  | { mode: 'skip' }
  /** Recheck an offline device until `maxWaitMs` after its turn came; then skip it or count it failed. */
  | { mode: 'wait'; maxWaitMs: number; then: 'skip' | 'fail' }

export interface RolloutPlan {
  /** Devices in the first wave (chosen across products, so each product is tried early). */
  canary: number
  /** Cumulative shares of the fleet after each later wave, ascending, the last 100. */
  steps: number[]
  /** Upgrades in flight at once. */
  concurrency: number
  /** A wave whose failures exceed this share of its devices pauses the rollout ('threshold'). */
  maxFailedPercent: number
  offline: OfflinePolicy
  /** From publish to the device reporting the target version; longer counts as failed. */
  deviceTimeoutMs: number
}

/** Which devices: those matching every filter given (each filter matches any of its values). */
export interface RolloutSelection {
  familyIds?: string[]
  roomIds?: string[]
  productIds?: string[]
  /** Current firmware versions. */
  versions?: string[]
  /** A selection from the device list. */
  deviceIds?: string[]
}

export type DeviceCounts = Record<DeviceRolloutState, number>

/** One product's upgrade in a rollout: to which version, for how many devices. */
export interface RolloutTarget {
  productId: string
  productName: string
  version: string
  count: number
}

export interface RolloutSummary {
  rolloutId: string
  name: string
  kind: RolloutKind
  state: RolloutState
  pauseReason: PauseReason
  profileId: string
  account: string
  plan: RolloutPlan
  /** What it upgrades to, per product (fixed when it was planned). */
  targets: RolloutTarget[]
  total: number
  counts: DeviceCounts
  /** Index of the wave now being published (0 = canary when there is one). */
  currentWave: number
  waveCount: number
  createdMs: number
  startedMs: number | null
  finishedMs: number | null
  updatedMs: number
  /** Who drives it now: this app, another running instance, or nobody. */
  driver: 'here' | 'elsewhere' | 'none'
  /** Running, but no app drives it (the app stopped or the session ended): resume to continue. */
  interrupted: boolean
  /** Rough time left at the pace so far; null before any device finished. */
  etaMs: number | null
}

export interface RolloutWave {
  index: number
  size: number
  counts: DeviceCounts
  startedMs: number | null
  finishedMs: number | null
  /** Failures counted against the threshold, as a share of the wave (0..100). */
  failedPercent: number
}

export interface RolloutDevice {
  deviceId: string
  productId: string
  productName: string
  aliasName: string
  familyName: string
  roomName: string
  wave: number
  fromVersion: string
  targetVersion: string
  /** What the device reported at its end (empty before). */
  finalVersion: string
  state: DeviceRolloutState
  reason: DeviceOutcomeReason
  detail: string
  /** 1, plus one per operator retry. */
  attempt: number
  /** AppPublishFirmwareUpdateMessage calls sent for it in this rollout. */
  publishes: number
  /** RequestId of the latest publish (quote it to the cloud team). */
  requestId: string
  /** Latest AppDescribeFirmwareUpdateStatus Status seen (push or poll), and in words. */
  otaStatus: number | null
  otaStatusText: string
  percent: number | null
  publishedMs: number | null
  finishedMs: number | null
}

export interface RolloutBoard {
  summary: RolloutSummary
  waves: RolloutWave[]
  /** The page of devices asked for, in plan order. */
  devices: RolloutDevice[]
  deviceTotal: number
}

/** One rollout's change, batched at most once per 250 ms. */
export interface RolloutProgress {
  summary: RolloutSummary
  waves: RolloutWave[]
  /** Devices that changed since the previous event. */
  devices: RolloutDevice[]
}

export interface FirmwareInfo {
  productId: string
  productName: string
  version: string
  name: string
  description: string
  md5: string
  /** Upload time, Unix seconds. */
  createTime: number
  fwType: string
}

/** AppDescribeFirmwareUpdateStatus, with its Status in words. */
export interface OtaStatusInfo {
  status: number
  statusText: string
  percent: number
  oriVersion: string
  dstVersion: string
  errMsg: string
}

/** One device's firmware: what it runs, what it can get, and any upgrade under way. */
export interface OtaCheck {
  deviceId: string
  currentVersion: string
  /** The version AppCheckFirmwareUpdate offers (equal to currentVersion when none is newer). */
  targetVersion: string
  upgradable: boolean
  online: boolean | null
  /** The target's details (AppDescribeFirmware), when an upgrade is on offer. */
  firmware: FirmwareInfo | null
  status: OtaStatusInfo
}

export interface PreviewDevice {
  deviceId: string
  productId: string
  productName: string
  aliasName: string
  familyId: string
  familyName: string
  roomId: string
  roomName: string
  online: boolean
  /** 0 ordinary, 1 gateway, 2 sub-device. */
  deviceType: number
  currentVersion: string
  targetVersion: string
  upgradable: boolean
  /** Why not: 'up-to-date', or 'check-failed' (detail says why). */
  reason: '' | 'up-to-date' | 'check-failed'
  detail: string
}

export interface UpgradePath {
  productId: string
  productName: string
  fromVersion: string
  toVersion: string
  count: number
}

export interface RolloutPreview {
  devices: PreviewDevice[]
  upgradable: number
  /** Upgradable devices offline right now (the plan's offline policy decides). */
  offline: number
  upToDate: number
  failedChecks: number
  paths: UpgradePath[]
  /** Details of every target version. */
  firmware: FirmwareInfo[]
}

/** Error codes of rollout commands (cloud codes pass through as the cloud sent them). */
export const RolloutCode = {
  NotFound: 'Desk.RolloutNotFound',
  /** Another running Explorer Desk drives this rollout. */
  Busy: 'Desk.RolloutBusy',
  /** The command does not fit the rollout's state (e.g. resuming a completed one). */
  BadState: 'Desk.RolloutState',
  /** Signed in as another account than the one that planned it. */
  OtherAccount: 'Desk.RolloutOtherAccount',
  NothingToUpgrade: 'Desk.NothingToUpgrade',
  /** Written to the audit log for a publish whose fate the app learned only after a restart. */
  Interrupted: 'Desk.Interrupted',
} as const
