/**
 * Firmware upgrades as they cross the bridge: one device's firmware state, and
 * staged fleet rollouts (plan, waves, per-device state, the live board and its report).
 * The engine lives in main (electron/core/rollout/); the renderer only sees these types.
 */
import { z } from 'zod'

export const rolloutKindSchema = z.enum(['fleet', 'single'])
export type RolloutKind = z.infer<typeof rolloutKindSchema>

/**
 * draft: planned, never started. running: publishing wave by wave. paused: no new publishes
 * (upgrades already sent are still watched to their end). completed: every device reached
 * an end state. cancelled: the operator stopped it; devices not yet published were dropped.
 */
export const rolloutStateSchema = z.enum(['draft', 'running', 'paused', 'completed', 'cancelled'])
export type RolloutState = z.infer<typeof rolloutStateSchema>
export const pauseReasonSchema = z.enum(['', 'operator', 'threshold'])
export type PauseReason = z.infer<typeof pauseReasonSchema>

/**
 * pending: not yet published. waiting: offline at its turn, rechecked until the plan's wait
 * limit. publishing: written to the store just before the publish went out (its fate is
 * resolved from the cloud after a crash, never by sending again). upgrading: the cloud took
 * the publish; watched until the device reports the target version, fails or times out.
 */
export const DEVICE_ROLLOUT_STATES = ['pending', 'waiting', 'publishing', 'upgrading', 'done', 'failed', 'skipped', 'cancelled'] as const
export const deviceRolloutStateSchema = z.enum(DEVICE_ROLLOUT_STATES)
export type DeviceRolloutState = (typeof DEVICE_ROLLOUT_STATES)[number]
export const FINAL_DEVICE_STATES: readonly DeviceRolloutState[] = ['done', 'failed', 'skipped', 'cancelled']

/**
 * Why a device ended as it did (empty for an ordinary success).
 * already: done, it already ran the target version; nothing was published.
 * refused: failed, the cloud refused the publish (detail: its code and message).
 * failed: the device reported the upgrade failed (Status 5; detail: its ResultCode/ErrMsg).
 * reverted: the device said done (Status 6) but reports another version than the target.
 * timeout: no end within the plan's device timeout.
 * interrupted: the app stopped while publishing and the device shows no upgrade started; safe to retry.
 * target-changed: the cloud now offers another version than the one planned.
 * error: the cloud refused to tell the device's firmware state.
 * offline: skipped (or failed, as the plan says): offline at its turn, or still offline after the wait.
 * newer: skipped, the device runs a newer version than the target.
 */
export const deviceOutcomeReasonSchema = z.enum([
  '',
  'already',
  'refused',
  'failed',
  'reverted',
  'timeout',
  'interrupted',
  'target-changed',
  'error',
  'offline',
  'newer',
  'cancelled',
])
export type DeviceOutcomeReason = z.infer<typeof deviceOutcomeReasonSchema>

export const offlinePolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('skip') }),
  /** Recheck an offline device until `maxWaitMs` after its turn came; then skip it or count it failed. */
  z.object({ mode: z.literal('wait'), maxWaitMs: z.number(), then: z.enum(['skip', 'fail']) }),
])
export type OfflinePolicy = z.infer<typeof offlinePolicySchema>

export const rolloutPlanSchema = z.object({
  /** Devices in the first wave (chosen across products, so each product is tried early). */
  canary: z.number(),
  /** Cumulative shares of the fleet after each later wave, ascending, the last 100. */
  steps: z.array(z.number()),
  /** Upgrades in flight at once. */
  concurrency: z.number(),
  /** A wave whose failures exceed this share of its devices pauses the rollout ('threshold'). */
  maxFailedPercent: z.number(),
  offline: offlinePolicySchema,
  /** From publish to the device reporting the target version; longer counts as failed. */
  deviceTimeoutMs: z.number(),
})
export type RolloutPlan = z.infer<typeof rolloutPlanSchema>

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

export const deviceCountsSchema = z.record(deviceRolloutStateSchema, z.number())
export type DeviceCounts = Record<DeviceRolloutState, number>

/** One product's upgrade in a rollout: to which version, for how many devices. */
export const rolloutTargetSchema = z.object({ productId: z.string(), productName: z.string(), version: z.string(), count: z.number() })
export type RolloutTarget = z.infer<typeof rolloutTargetSchema>

const ms = z.number().nullable()

export const rolloutSummarySchema = z.object({
  rolloutId: z.string(),
  name: z.string(),
  kind: rolloutKindSchema,
  state: rolloutStateSchema,
  pauseReason: pauseReasonSchema,
  profileId: z.string(),
  account: z.string(),
  plan: rolloutPlanSchema,
  /** What it upgrades to, per product (fixed when it was planned). */
  targets: z.array(rolloutTargetSchema),
  total: z.number(),
  counts: deviceCountsSchema,
  /** Index of the wave now being published (0 = canary when there is one). */
  currentWave: z.number(),
  waveCount: z.number(),
  createdMs: z.number(),
  startedMs: ms,
  finishedMs: ms,
  updatedMs: z.number(),
  /** Who drives it now: this app, another running instance, or nobody. */
  driver: z.enum(['here', 'elsewhere', 'none']),
  /** Running, but no app drives it (the app stopped or the session ended): resume to continue. */
  interrupted: z.boolean(),
  /** Rough time left at the pace so far; null before any device finished. */
  etaMs: ms,
})
export type RolloutSummary = z.infer<typeof rolloutSummarySchema>

export const rolloutWaveSchema = z.object({
  index: z.number(),
  size: z.number(),
  counts: deviceCountsSchema,
  startedMs: ms,
  finishedMs: ms,
  /** Failures counted against the threshold, as a share of the wave (0..100). */
  failedPercent: z.number(),
})
export type RolloutWave = z.infer<typeof rolloutWaveSchema>

export const rolloutDeviceSchema = z.object({
  deviceId: z.string(),
  productId: z.string(),
  productName: z.string(),
  aliasName: z.string(),
  familyName: z.string(),
  roomName: z.string(),
  wave: z.number(),
  fromVersion: z.string(),
  targetVersion: z.string(),
  /** What the device reported at its end (empty before). */
  finalVersion: z.string(),
  state: deviceRolloutStateSchema,
  reason: deviceOutcomeReasonSchema,
  detail: z.string(),
  /** 1, plus one per operator retry. */
  attempt: z.number(),
  /** AppPublishFirmwareUpdateMessage calls sent for it in this rollout. */
  publishes: z.number(),
  /** RequestId of the latest publish (quote it to the cloud team). */
  requestId: z.string(),
  /** Latest AppDescribeFirmwareUpdateStatus Status seen (push or poll), and in words. */
  otaStatus: z.number().nullable(),
  otaStatusText: z.string(),
  percent: z.number().nullable(),
  publishedMs: ms,
  finishedMs: ms,
})
export type RolloutDevice = z.infer<typeof rolloutDeviceSchema>

export const rolloutBoardSchema = z.object({
  summary: rolloutSummarySchema,
  waves: z.array(rolloutWaveSchema),
  /** The page of devices asked for, in plan order. */
  devices: z.array(rolloutDeviceSchema),
  deviceTotal: z.number(),
})
export type RolloutBoard = z.infer<typeof rolloutBoardSchema>

/** One rollout's change, batched at most once per 250 ms. */
export const rolloutProgressSchema = z.object({
  summary: rolloutSummarySchema,
  waves: z.array(rolloutWaveSchema),
  /** Devices that changed since the previous event. */
  devices: z.array(rolloutDeviceSchema),
})
export type RolloutProgress = z.infer<typeof rolloutProgressSchema>

export const firmwareInfoSchema = z.object({
  productId: z.string(),
  productName: z.string(),
  version: z.string(),
  name: z.string(),
  description: z.string(),
  md5: z.string(),
  /** Upload time, Unix seconds. */
  createTime: z.number(),
  fwType: z.string(),
})
export type FirmwareInfo = z.infer<typeof firmwareInfoSchema>

/** AppDescribeFirmwareUpdateStatus, with its Status in words. */
export const otaStatusInfoSchema = z.object({
  status: z.number(),
  statusText: z.string(),
  percent: z.number(),
  oriVersion: z.string(),
  dstVersion: z.string(),
  errMsg: z.string(),
})
export type OtaStatusInfo = z.infer<typeof otaStatusInfoSchema>

/** One device's firmware: what it runs, what it can get, and any upgrade under way. */
export const otaCheckSchema = z.object({
  deviceId: z.string(),
  currentVersion: z.string(),
  /** The version AppCheckFirmwareUpdate offers (equal to currentVersion when none is newer). */
  targetVersion: z.string(),
  upgradable: z.boolean(),
  online: z.boolean().nullable(),
  /** The target's details (AppDescribeFirmware), when an upgrade is on offer. */
  firmware: firmwareInfoSchema.nullable(),
  status: otaStatusInfoSchema,
})
export type OtaCheck = z.infer<typeof otaCheckSchema>

/** One device's firmware version as AppCheckFirmwareUpdate gives it ('' and why, when the check failed). */
export const deviceVersionSchema = z.object({ deviceId: z.string(), version: z.string(), error: z.string() })
export type DeviceVersion = z.infer<typeof deviceVersionSchema>

export const previewDeviceSchema = z.object({
  deviceId: z.string(),
  productId: z.string(),
  productName: z.string(),
  aliasName: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  online: z.boolean(),
  /** 0 ordinary, 1 gateway, 2 sub-device. */
  deviceType: z.number(),
  currentVersion: z.string(),
  targetVersion: z.string(),
  upgradable: z.boolean(),
  /**
   * Why not: 'up-to-date', 'check-failed' (detail says why), or 'not-permitted' (a home where
   * the account is only a member: its version is shown, but no rollout takes it).
   */
  reason: z.enum(['', 'up-to-date', 'check-failed', 'not-permitted']),
  detail: z.string(),
})
export type PreviewDevice = z.infer<typeof previewDeviceSchema>

export const upgradePathSchema = z.object({
  productId: z.string(),
  productName: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  count: z.number(),
})
export type UpgradePath = z.infer<typeof upgradePathSchema>

/** A home whose devices a selection would have taken but may not (the account is only a member there). */
export const excludedFamilySchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  /** Its devices the selection would otherwise have taken. */
  devices: z.number(),
  reason: z.literal('member'),
})
export type ExcludedFamily = z.infer<typeof excludedFamilySchema>

export const rolloutPreviewSchema = z.object({
  devices: z.array(previewDeviceSchema),
  /** Homes left out, and how many of their devices. */
  excluded: z.array(excludedFamilySchema),
  upgradable: z.number(),
  /** Upgradable devices offline right now (the plan's offline policy decides). */
  offline: z.number(),
  upToDate: z.number(),
  failedChecks: z.number(),
  paths: z.array(upgradePathSchema),
  /** Details of every target version. */
  firmware: z.array(firmwareInfoSchema),
})
export type RolloutPreview = z.infer<typeof rolloutPreviewSchema>

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
  /** Every device of the selection is in a home where the account is only a member. */
  NotPermitted: 'Desk.RolloutNotPermitted',
  /** Written to the audit log for a publish whose fate the app learned only after a restart. */
  Interrupted: 'Desk.Interrupted',
} as const
