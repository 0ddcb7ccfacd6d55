/**
 * The renderer's rollout logic, free of Vue: the waves a plan makes, the preview narrowed by
 * the planner's filters, and live board merging.
 */
import type { DeviceRolloutState, ExcludedFamily, PreviewDevice, RolloutDevice, RolloutPlan, RolloutSelection, RolloutState, UpgradePath } from '@shared/rollout'
import { waveSizes } from '@shared/rollout-waves'
import { compareVersions } from '@shared/firmware/version'

export interface PlannedWave {
  index: number
  /** The canary wave (only ever the first). */
  canary: boolean
  size: number
  /** Devices upgraded once this wave is through. */
  cumulative: number
  /** Share of the fleet upgraded once this wave is through (0..100, rounded). */
  cumulativePercent: number
}

/** The waves the engine will run for `total` upgradable devices (same maths: shared/rollout-waves.ts). */
export function planWaves(total: number, canary: number, steps: readonly number[]): PlannedWave[] {
  const sizes = waveSizes(total, canary, steps)
  const hasCanary = Math.min(Math.max(0, Math.floor(canary)), total) > 0
  let cumulative = 0
  return sizes.map((size, index) => {
    cumulative += size
    return { index, canary: hasCanary && index === 0, size, cumulative, cumulativePercent: Math.round((cumulative * 100) / total) }
  })
}

/**
 * "10, 50, 100" as cumulative percentages. null when it is not a rising list of numbers
 * in (0, 100]; 100 is added at the end when missing (as the engine does).
 */
export function parseSteps(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter((p) => p !== '')
  if (parts.length === 0 || parts.length > 20) return null
  const steps = parts.map(Number)
  if (steps.some((s) => !Number.isFinite(s) || s <= 0 || s > 100)) return null
  if (steps.some((s, i) => i > 0 && s <= (steps[i - 1] as number))) return null
  return steps.at(-1) === 100 ? steps : [...steps, 100]
}

/** The planner's narrowing of a preview (each filter matches any of its values; empty = all). */
export interface PlanFilters {
  productIds: string[]
  versions: string[]
  familyIds: string[]
  roomIds: string[]
}

export function emptyFilters(): PlanFilters {
  return { productIds: [], versions: [], familyIds: [], roomIds: [] }
}

const matches = (chosen: readonly string[], value: string) => chosen.length === 0 || chosen.includes(value)

export function filterPreview(devices: readonly PreviewDevice[], f: PlanFilters): PreviewDevice[] {
  return devices.filter(
    (d) =>
      matches(f.productIds, d.productId) &&
      matches(f.versions, d.currentVersion) &&
      matches(f.familyIds, d.familyId) &&
      matches(f.roomIds, d.roomId),
  )
}

/** What the engine is asked to upgrade: the scope (a device list selection) plus the filters. */
export function toSelection(f: PlanFilters, deviceIds: readonly string[]): RolloutSelection {
  const selection: RolloutSelection = {}
  if (deviceIds.length > 0) selection.deviceIds = [...deviceIds]
  if (f.productIds.length > 0) selection.productIds = [...f.productIds]
  if (f.versions.length > 0) selection.versions = [...f.versions]
  if (f.familyIds.length > 0) selection.familyIds = [...f.familyIds]
  if (f.roomIds.length > 0) selection.roomIds = [...f.roomIds]
  return selection
}

export interface PreviewSummary {
  total: number
  upgradable: number
  /** Upgradable but offline now: the offline policy decides. */
  offline: number
  upToDate: number
  failedChecks: number
  paths: UpgradePath[]
}

export function summarizePreview(devices: readonly PreviewDevice[]): PreviewSummary {
  const paths = new Map<string, UpgradePath>()
  let upgradable = 0
  let offline = 0
  for (const d of devices) {
    if (!d.upgradable) continue
    upgradable++
    if (!d.online) offline++
    const key = `${d.productId}\n${d.currentVersion}\n${d.targetVersion}`
    const path = paths.get(key)
    if (path) path.count++
    else paths.set(key, { productId: d.productId, productName: d.productName, fromVersion: d.currentVersion, toVersion: d.targetVersion, count: 1 })
  }
  return {
    total: devices.length,
    upgradable,
    offline,
    upToDate: devices.filter((d) => d.reason === 'up-to-date').length,
    failedChecks: devices.filter((d) => d.reason === 'check-failed').length,
    paths: [...paths.values()].sort((a, b) => a.productName.localeCompare(b.productName) || compareVersions(a.fromVersion, b.fromVersion)),
  }
}

/** Distinct values with labels, for the filter selects, ordered by label (`order`: versions as versions). */
export function optionsOf(
  devices: readonly PreviewDevice[],
  value: (d: PreviewDevice) => string,
  label: (d: PreviewDevice) => string,
  order: (a: string, b: string) => number = (a, b) => a.localeCompare(b),
) {
  const seen = new Map<string, string>()
  for (const d of devices) if (!seen.has(value(d))) seen.set(value(d), label(d) || value(d))
  return [...seen].map(([v, l]) => ({ value: v, label: l })).sort((a, b) => order(a.label, b.label))
}

/** The current firmware versions of these devices, oldest first (1.0.2 before 1.0.10). */
export function versionOptionsOf(devices: readonly PreviewDevice[]) {
  return optionsOf(devices, (d) => d.currentVersion, (d) => d.currentVersion, compareVersions)
}

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export const ROLLOUT_STATE_TAG: Record<RolloutState, TagType> = {
  draft: 'info',
  running: 'primary',
  paused: 'warning',
  completed: 'success',
  cancelled: 'info',
}

export const DEVICE_STATE_TAG: Record<DeviceRolloutState, TagType> = {
  pending: 'info',
  waiting: 'warning',
  publishing: 'primary',
  upgrading: 'primary',
  done: 'success',
  failed: 'danger',
  skipped: 'warning',
  cancelled: 'info',
}

/** States whose devices an operator may publish again. */
export const RETRYABLE: readonly DeviceRolloutState[] = ['failed', 'skipped']

/** The board's device list with a progress event's changed devices put in place (new ones appended). */
export function mergeDevices(list: readonly RolloutDevice[], changed: readonly RolloutDevice[]): RolloutDevice[] {
  if (changed.length === 0) return list as RolloutDevice[]
  const byId = new Map(changed.map((d) => [d.deviceId, d]))
  const next = list.map((d) => {
    const update = byId.get(d.deviceId)
    if (update) byId.delete(d.deviceId)
    return update ?? d
  })
  return byId.size > 0 ? [...next, ...byId.values()] : next
}

/** Seconds from publish to the device's end, one decimal; '' when it never ran. */
export function durationSeconds(d: Pick<RolloutDevice, 'publishedMs' | 'finishedMs'>, nowMs: number): string {
  if (d.publishedMs === null) return ''
  const end = d.finishedMs ?? nowMs
  return ((end - d.publishedMs) / 1000).toFixed(1)
}

/** Share (0..100) of a rollout's devices at an end state. */
export function finishedPercent(counts: Record<DeviceRolloutState, number>, total: number): number {
  if (total <= 0) return 0
  const ended = counts.done + counts.failed + counts.skipped + counts.cancelled
  return Math.round((ended * 100) / total)
}

/** The planner's form, as the user types it (minutes, a steps text). */
export interface PlanForm {
  canary: number
  stepsText: string
  concurrency: number
  maxFailedPercent: number
  offlineMode: 'skip' | 'wait'
  waitMinutes: number
  afterWait: 'skip' | 'fail'
  timeoutMinutes: number
}

export function defaultPlanForm(): PlanForm {
  return { canary: 1, stepsText: '10, 50, 100', concurrency: 10, maxFailedPercent: 10, offlineMode: 'skip', waitMinutes: 30, afterWait: 'skip', timeoutMinutes: 30 }
}

/** The plan the engine gets, or null while the steps do not parse. */
export function toPlan(form: PlanForm): RolloutPlan | null {
  const steps = parseSteps(form.stepsText)
  if (!steps) return null
  const minutes = (m: number) => Math.round(m * 60_000)
  return {
    canary: form.canary,
    steps,
    concurrency: form.concurrency,
    maxFailedPercent: form.maxFailedPercent,
    offline: form.offlineMode === 'skip' ? { mode: 'skip' } : { mode: 'wait', maxWaitMs: minutes(form.waitMinutes), then: form.afterWait },
    deviceTimeoutMs: minutes(form.timeoutMinutes),
  }
}

/** What a rollout is about to act on, for the confirmation before it starts. */
export interface StartSummary {
  devices: number
  /** Home names, in the order their devices come. */
  homes: string[]
  /** One line per product and target version. */
  targets: { productName: string; version: string; count: number }[]
  firstWave: number
}

export function startSummary(devices: readonly PreviewDevice[], plan: RolloutPlan): StartSummary {
  const upgradable = devices.filter((d) => d.upgradable)
  const homes = [...new Set(upgradable.map((d) => d.familyName || d.familyId))]
  const targets = new Map<string, StartSummary['targets'][number]>()
  for (const d of upgradable) {
    const key = `${d.productId}\n${d.targetVersion}`
    const target = targets.get(key)
    if (target) target.count++
    else targets.set(key, { productName: d.productName || d.productId, version: d.targetVersion, count: 1 })
  }
  const firstWave = planWaves(upgradable.length, plan.canary, plan.steps)[0]?.size ?? 0
  return { devices: upgradable.length, homes, targets: [...targets.values()], firstWave }
}

/** The homes a preview left out that the planner's home filter (if any) covers. */
export function leftOutHomes(excluded: readonly ExcludedFamily[], familyIds: readonly string[]): ExcludedFamily[] {
  return excluded.filter((f) => familyIds.length === 0 || familyIds.includes(f.familyId))
}
