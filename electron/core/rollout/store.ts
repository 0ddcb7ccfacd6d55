/**
 * Rollouts in the SQLite store: the plan, and every device's state, written as it changes
 * and before each publish goes out, so a restarted app finds each rollout where it was.
 * Every write is its own committed transaction (WAL): a killed process loses nothing it
 * had written.
 */
import type {
  DeviceOutcomeReason,
  DeviceRolloutState,
  PauseReason,
  RolloutKind,
  RolloutPlan,
  RolloutSelection,
  RolloutState,
  RolloutTarget,
} from '../../../shared/rollout'
import { DEVICE_ROLLOUT_STATES } from '../../../shared/rollout'
import type { Transaction } from 'better-sqlite3'
import type { Db } from '../store/database'
import { assertTransition } from './device-transitions'

export interface RolloutRecord {
  id: string
  name: string
  kind: RolloutKind
  profileId: string
  profileName: string
  account: string
  plan: RolloutPlan
  selection: RolloutSelection
  waveSizes: number[]
  state: RolloutState
  pauseReason: PauseReason
  currentWave: number
  createdMs: number
  startedMs: number | null
  finishedMs: number | null
  updatedMs: number
}

export interface DeviceRecord {
  deviceId: string
  seq: number
  wave: number
  productId: string
  productName: string
  aliasName: string
  familyName: string
  roomName: string
  /** The gateway this sub-device hangs from, when that gateway is in the same rollout. */
  gatewayId: string
  isGateway: boolean
  fromVersion: string
  targetVersion: string
  finalVersion: string
  state: DeviceRolloutState
  reason: DeviceOutcomeReason
  detail: string
  attempt: number
  /** The attempt whose publish was sent (or is being sent); below `attempt` until then. */
  publishedAttempt: number
  publishes: number
  requestId: string
  otaStatus: number | null
  percent: number | null
  /** A failure the operator accepted by resuming: it no longer counts against the threshold. */
  acked: boolean
  waitUntilMs: number | null
  publishedMs: number | null
  finishedMs: number | null
}

export type NewDevice = Pick<
  DeviceRecord,
  'deviceId' | 'wave' | 'productId' | 'productName' | 'aliasName' | 'familyName' | 'roomName' | 'gatewayId' | 'isGateway' | 'fromVersion' | 'targetVersion'
>

export type RolloutPatch = Partial<Pick<RolloutRecord, 'state' | 'pauseReason' | 'currentWave' | 'startedMs' | 'finishedMs'>>

interface RolloutRow {
  id: string
  name: string
  kind: RolloutKind
  profile_id: string
  profile_name: string
  account: string
  plan_json: string
  selection_json: string
  wave_sizes_json: string
  state: RolloutState
  pause_reason: PauseReason
  current_wave: number
  created_ms: number
  started_ms: number | null
  finished_ms: number | null
  updated_ms: number
}

interface DeviceRow {
  device_id: string
  seq: number
  wave: number
  product_id: string
  product_name: string
  alias_name: string
  family_name: string
  room_name: string
  gateway_id: string
  is_gateway: number
  from_version: string
  target_version: string
  final_version: string
  state: DeviceRolloutState
  reason: DeviceOutcomeReason
  detail: string
  attempt: number
  published_attempt: number
  publishes: number
  request_id: string
  ota_status: number | null
  percent: number | null
  acked: number
  wait_until_ms: number | null
  published_ms: number | null
  finished_ms: number | null
}

const toRollout = (r: RolloutRow): RolloutRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  profileId: r.profile_id,
  profileName: r.profile_name,
  account: r.account,
  plan: JSON.parse(r.plan_json) as RolloutPlan,
  selection: JSON.parse(r.selection_json) as RolloutSelection,
  waveSizes: JSON.parse(r.wave_sizes_json) as number[],
  state: r.state,
  pauseReason: r.pause_reason,
  currentWave: r.current_wave,
  createdMs: r.created_ms,
  startedMs: r.started_ms,
  finishedMs: r.finished_ms,
  updatedMs: r.updated_ms,
})

const toDevice = (r: DeviceRow): DeviceRecord => ({
  deviceId: r.device_id,
  seq: r.seq,
  wave: r.wave,
  productId: r.product_id,
  productName: r.product_name,
  aliasName: r.alias_name,
  familyName: r.family_name,
  roomName: r.room_name,
  gatewayId: r.gateway_id,
  isGateway: r.is_gateway === 1,
  fromVersion: r.from_version,
  targetVersion: r.target_version,
  finalVersion: r.final_version,
  state: r.state,
  reason: r.reason,
  detail: r.detail,
  attempt: r.attempt,
  publishedAttempt: r.published_attempt,
  publishes: r.publishes,
  requestId: r.request_id,
  otaStatus: r.ota_status,
  percent: r.percent,
  acked: r.acked === 1,
  waitUntilMs: r.wait_until_ms,
  publishedMs: r.published_ms,
  finishedMs: r.finished_ms,
})

/** The columns a device's progress changes (everything but its identity and plan). */
const deviceParams = (rolloutId: string, d: DeviceRecord) => ({
  rolloutId,
  deviceId: d.deviceId,
  finalVersion: d.finalVersion,
  state: d.state,
  reason: d.reason,
  detail: d.detail,
  attempt: d.attempt,
  otaStatus: d.otaStatus,
  percent: d.percent,
  acked: d.acked ? 1 : 0,
  waitUntilMs: d.waitUntilMs,
  finishedMs: d.finishedMs,
})

export class RolloutStore {
  private readonly stmt

  // The per-device writes' transactions, made once: better-sqlite3 builds a new wrapper on
  // every db.transaction() call, which a 10,000-device rollout paid three times a device.
  private readonly saveDeviceTx: (rolloutId: string, device: DeviceRecord) => void
  private readonly beginPublishTx: Transaction<(rolloutId: string, deviceId: string, requestId: string, nowMs: number, stillOurs: () => boolean) => boolean>

  constructor(private readonly db: Db) {
    this.saveDeviceTx = db.transaction((rolloutId: string, device: DeviceRecord) => this.writeDevice(rolloutId, device))
    this.beginPublishTx = db.transaction((rolloutId: string, deviceId: string, requestId: string, nowMs: number, stillOurs: () => boolean) => {
      if (!stillOurs()) throw new LeaseLostError(rolloutId)
      return this.stmt.beginPublish.run({ rolloutId, deviceId, requestId, nowMs }).changes === 1
    })
    this.stmt = {
      insertRollout: db.prepare(
        `INSERT INTO rollouts (id, name, kind, profile_id, profile_name, account, plan_json, selection_json, wave_sizes_json, state, created_ms, updated_ms)
         VALUES (@id, @name, @kind, @profileId, @profileName, @account, @plan, @selection, @waveSizes, @state, @createdMs, @createdMs)`,
      ),
      insertDevice: db.prepare(
        `INSERT INTO rollout_devices (rollout_id, device_id, seq, wave, product_id, product_name, alias_name, family_name, room_name, gateway_id, is_gateway, from_version, target_version, state)
         VALUES (@rolloutId, @deviceId, @seq, @wave, @productId, @productName, @aliasName, @familyName, @roomName, @gatewayId, @isGateway, @fromVersion, @targetVersion, 'pending')`,
      ),
      rollout: db.prepare('SELECT * FROM rollouts WHERE id = ?'),
      rollouts: db.prepare('SELECT * FROM rollouts ORDER BY created_ms DESC, id'),
      devices: db.prepare('SELECT * FROM rollout_devices WHERE rollout_id = ? ORDER BY seq'),
      device: db.prepare('SELECT * FROM rollout_devices WHERE rollout_id = ? AND device_id = ?'),
      deviceState: db.prepare('SELECT state FROM rollout_devices WHERE rollout_id = ? AND device_id = ?').pluck(),
      counts: db.prepare('SELECT rollout_id, state, COUNT(*) AS n FROM rollout_devices GROUP BY rollout_id, state'),
      targets: db.prepare(
        `SELECT product_id, MAX(product_name) AS product_name, target_version, COUNT(*) AS n FROM rollout_devices
         WHERE rollout_id = ? GROUP BY product_id, target_version ORDER BY product_name, product_id, target_version`,
      ),
      saveDevice: db.prepare(
        `UPDATE rollout_devices SET final_version = @finalVersion, state = @state, reason = @reason, detail = @detail, attempt = @attempt,
           ota_status = @otaStatus, percent = @percent, acked = @acked, wait_until_ms = @waitUntilMs, finished_ms = @finishedMs
         WHERE rollout_id = @rolloutId AND device_id = @deviceId`,
      ),
      // The one way a device gets published: only from 'pending', and only once per attempt.
      beginPublish: db.prepare(
        `UPDATE rollout_devices SET state = 'publishing', published_attempt = attempt, publishes = publishes + 1, request_id = @requestId,
           published_ms = @nowMs, ota_status = NULL, percent = NULL, reason = '', detail = '', final_version = '', finished_ms = NULL
         WHERE rollout_id = @rolloutId AND device_id = @deviceId AND state = 'pending' AND published_attempt < attempt`,
      ),
      cancelOpen: db.prepare(
        `UPDATE rollout_devices SET state = 'cancelled', reason = 'cancelled', finished_ms = @nowMs
         WHERE rollout_id = @rolloutId AND state IN ('pending', 'waiting')`,
      ),
      ackFailures: db.prepare(`UPDATE rollout_devices SET acked = 1 WHERE rollout_id = ? AND state = 'failed'`),
    }
  }

  insert(rollout: RolloutRecord, devices: readonly NewDevice[]): void {
    this.db.transaction(() => {
      this.stmt.insertRollout.run({
        ...rollout,
        plan: JSON.stringify(rollout.plan),
        selection: JSON.stringify(rollout.selection),
        waveSizes: JSON.stringify(rollout.waveSizes),
      })
      devices.forEach((d, seq) => this.stmt.insertDevice.run({ ...d, rolloutId: rollout.id, seq, isGateway: d.isGateway ? 1 : 0 }))
    })()
  }

  rollout(id: string): RolloutRecord | undefined {
    const row = this.stmt.rollout.get(id) as RolloutRow | undefined
    return row ? toRollout(row) : undefined
  }

  rollouts(): RolloutRecord[] {
    return (this.stmt.rollouts.all() as RolloutRow[]).map(toRollout)
  }

  devices(rolloutId: string): DeviceRecord[] {
    return (this.stmt.devices.all(rolloutId) as DeviceRow[]).map(toDevice)
  }

  device(rolloutId: string, deviceId: string): DeviceRecord | undefined {
    const row = this.stmt.device.get(rolloutId, deviceId) as DeviceRow | undefined
    return row ? toDevice(row) : undefined
  }

  /** Per product, the version a rollout upgrades to and for how many devices. */
  targets(rolloutId: string): RolloutTarget[] {
    const rows = this.stmt.targets.all(rolloutId) as { product_id: string; product_name: string; target_version: string; n: number }[]
    return rows.map((r) => ({ productId: r.product_id, productName: r.product_name, version: r.target_version, count: r.n }))
  }

  /** Devices per state of every rollout, without loading the devices. */
  countsByRollout(): Map<string, Map<DeviceRolloutState, number>> {
    const out = new Map<string, Map<DeviceRolloutState, number>>()
    for (const row of this.stmt.counts.all() as { rollout_id: string; state: DeviceRolloutState; n: number }[]) {
      const counts = out.get(row.rollout_id) ?? out.set(row.rollout_id, new Map()).get(row.rollout_id)!
      counts.set(row.state, row.n)
    }
    return out
  }

  saveRollout(id: string, patch: RolloutPatch, nowMs: number): void {
    const columns: Record<keyof RolloutPatch, string> = {
      state: 'state',
      pauseReason: 'pause_reason',
      currentWave: 'current_wave',
      startedMs: 'started_ms',
      finishedMs: 'finished_ms',
    }
    const keys = (Object.keys(patch) as (keyof RolloutPatch)[]).filter((k) => patch[k] !== undefined)
    const sets = [...keys.map((k) => `${columns[k]} = @${k}`), 'updated_ms = @nowMs']
    this.db.prepare(`UPDATE rollouts SET ${sets.join(', ')} WHERE id = @id`).run({ ...patch, id, nowMs })
  }

  /** Throws IllegalTransitionError (saving nothing) when the stored state may not be followed by the device's. */
  saveDevice(rolloutId: string, device: DeviceRecord): void {
    this.saveDeviceTx(rolloutId, device)
  }


  private writeDevice(rolloutId: string, device: DeviceRecord): void {
    const stored = this.stmt.deviceState.get(rolloutId, device.deviceId) as DeviceRolloutState | undefined
    if (stored !== undefined) assertTransition(device.deviceId, stored, device.state)
    this.stmt.saveDevice.run(deviceParams(rolloutId, device))
  }

  /**
   * Marks the device 'publishing' in a committed transaction, before the publish goes out.
   * `stillOurs` runs inside the (immediate, so write-locked) transaction: a rollout whose
   * lease another instance took is never published from here. False when the device is not
   * pending or its attempt was already published.
   */
  beginPublish(rolloutId: string, device: DeviceRecord, requestId: string, nowMs: number, stillOurs: () => boolean): boolean {
    return this.beginPublishTx.immediate(rolloutId, device.deviceId, requestId, nowMs, stillOurs)
  }

  /** Saves several devices and the rollout in one transaction (retry, cancel, resume). */
  saveMany(rolloutId: string, devices: readonly DeviceRecord[], patch: RolloutPatch | null, nowMs: number): void {
    this.db.transaction(() => {
      for (const d of devices) this.writeDevice(rolloutId, d)
      if (patch) this.saveRollout(rolloutId, patch, nowMs)
    })()
  }

  cancelOpen(rolloutId: string, nowMs: number): void {
    this.stmt.cancelOpen.run({ rolloutId, nowMs })
  }

  ackFailures(rolloutId: string): void {
    this.stmt.ackFailures.run(rolloutId)
  }
}

export class LeaseLostError extends Error {
  constructor(readonly rolloutId: string) {
    super(`Another Explorer Desk took over rollout ${rolloutId}.`)
    this.name = 'LeaseLostError'
  }
}

export function emptyCounts(): Record<DeviceRolloutState, number> {
  return Object.fromEntries(DEVICE_ROLLOUT_STATES.map((s) => [s, 0])) as Record<DeviceRolloutState, number>
}
