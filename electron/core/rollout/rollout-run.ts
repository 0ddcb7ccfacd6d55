/**
 * Drives one rollout while this app holds its lease: fills the concurrency slots wave by
 * wave, checks each device before publishing, writes 'publishing' before the publish goes
 * out, watches every upgrade until the device reports the target version (or fails, or
 * times out), pauses itself when a wave's failures pass the threshold, and advances waves.
 *
 * Safety rules, in the order they bite:
 * - A device is published only from 'pending', once per attempt (the store enforces it).
 * - A device found 'publishing' (app killed, or the answer lost) is never sent again: its
 *   fate is read from the cloud, and it becomes upgrading, done or failed.
 * - Done means the device reports the target version; Status 6 alone is not enough.
 * - A gateway and its sub-devices are never upgraded at the same time: the gateway's reboot
 *   takes its sub-devices offline and would fail their upgrades.
 */
import type { DeviceCounts, DeviceOutcomeReason, DeviceRolloutState, PauseReason, RolloutWave } from '../../../shared/rollout'
import { isOtaDone, isOtaFailed, isOtaUnderWay, otaResultText } from '../../../shared/firmware/ota-status'
import { ApiError } from '../api/api-error'
import type { Clock, TimerHandle } from './clock'
import type { FirmwareApi } from './firmware-api'
import type { RolloutLeases } from './lease'
import type { OtaEvent } from './ota-signals'
import { LeaseLostError, type DeviceRecord, type RolloutRecord, type RolloutStore } from './store'
import { RolloutTally } from './tally'
import { sameVersion, compareVersions } from '../../../shared/firmware/version'
import { isFinal } from './views'

export interface RunTuning {
  /** Status poll of an upgrading device (pushes usually tell sooner). */
  pollMs: number
  /** Devices per AppGetDeviceStatuses call. */
  onlineBatch: number
  /** How old an online reading may be when the device's turn comes. */
  onlineFreshMs: number
  /** Recheck of devices waiting for their offline wait to end. */
  waitPollMs: number
  /** After a publish whose answer was lost: when to read its fate from the cloud. */
  reconcileDelayMs: number
  /** After a cloud read failed on the way (network, timeout). */
  retryDelayMs: number
  leaseRenewMs: number
}

export interface RunLog {
  warn(details: object, message: string): void
}

export interface RunDeps {
  store: RolloutStore
  leases: RolloutLeases
  api: FirmwareApi
  signals: { add(deviceId: string): void; remove(deviceId: string): void }
  clock: Clock
  tuning: RunTuning
  /** A publish whose fate was learned only after the fact: make sure the audit log has it. */
  auditRecovered(rollout: RolloutRecord, device: DeviceRecord, started: boolean): void
  changed(rolloutId: string, deviceId?: string): void
  /** The run stopped driving (finished, idle while paused, or lease lost). */
  detached(run: RolloutRun): void
  /** A call found the session over: every run must stop. */
  sessionEnded(): void
  newRequestId(): string
  log: RunLog
}

type Phase = 'idle' | 'checking' | 'inflight'

/** A device record plus what only the running engine needs. */
interface Tracked extends DeviceRecord {
  index: number
  phase: Phase
  timer: TimerHandle | null
  /** A status or version read for it is under way (pushes must not start a second). */
  reading: boolean
  /** Not before this time (after a failed read). */
  notBeforeMs: number
  /** The device's AppReportOTAStatus ResultCode, when a push carried a non-zero one. */
  resultCode: number | null
}

interface Outcome {
  state: Extract<DeviceRolloutState, 'done' | 'failed' | 'skipped'>
  reason: DeviceOutcomeReason
  detail: string
  finalVersion?: string
}

export class RolloutRun {
  readonly id: string
  private readonly list: Tracked[]
  private readonly byId = new Map<string, Tracked>()
  private readonly tally: RolloutTally
  private busy = 0
  /** Sub-devices in flight per gateway of this rollout. */
  private readonly subsBusy = new Map<string, number>()
  private readonly online = new Map<string, { online: boolean; atMs: number }>()
  private fetchingOnline = false
  /** Devices before it have all been considered once; later ones never. */
  private frontier = 0
  /** Devices passed by the frontier but not started (blocked, unknown online state, backing off). */
  private readonly revisit = new Set<number>()
  private active = false
  private pumping = false
  private pumpAgain = false
  private readonly ops = new Set<Promise<void>>()
  private waitTimer: TimerHandle | null = null
  private pumpTimer: TimerHandle | null = null
  private leaseTimer: TimerHandle | null = null
  private detaching: Promise<void> | null = null

  constructor(
    private meta: RolloutRecord,
    devices: readonly DeviceRecord[],
    private readonly deps: RunDeps,
  ) {
    this.id = meta.id
    this.list = devices.map((d, index) => ({ ...d, index, phase: 'idle', timer: null, reading: false, notBeforeMs: 0, resultCode: null }))
    for (const d of this.list) this.byId.set(d.deviceId, d)
    this.tally = new RolloutTally(meta.waveSizes, this.list)
  }

  get record(): RolloutRecord {
    return this.meta
  }

  get devices(): readonly DeviceRecord[] {
    return this.list
  }

  get attached(): boolean {
    return this.active
  }

  device(deviceId: string): DeviceRecord | undefined {
    return this.byId.get(deviceId)
  }

  counts(): DeviceCounts {
    return this.tally.counts()
  }

  waves(): RolloutWave[] {
    return this.tally.waveViews()
  }

  /** Time left at the pace so far, while running. */
  eta(): number | null {
    return this.meta.state === 'running' ? this.tally.eta(this.meta.plan.concurrency) : null
  }

  // --- life cycle (the service holds the lease before attaching) ----------------------

  /** Starts driving: resolves devices left 'publishing', watches those upgrading, fills slots. */
  attach(): void {
    this.active = true
    this.renewLeaseLater()
    for (const d of this.list) {
      if (d.state === 'publishing') {
        this.occupy(d, 'inflight')
        this.track(this.reconcile(d))
      } else if (d.state === 'upgrading') {
        this.occupy(d, 'inflight')
        this.schedulePoll(d, 0)
      }
    }
    if (this.list.some((d) => d.state === 'waiting')) this.scheduleWaitCheck(0)
    this.pump()
    this.maybeDetach()
  }

  /** Stops driving. In-flight calls finish (a publish answer is still recorded), then the lease goes. */
  detach(release = true): Promise<void> {
    if (this.detaching) return this.detaching
    this.active = false
    for (const timer of [this.waitTimer, this.pumpTimer, this.leaseTimer]) if (timer) this.deps.clock.clearTimeout(timer)
    for (const d of this.list) {
      if (d.timer) this.deps.clock.clearTimeout(d.timer)
      d.timer = null
      if (d.phase === 'inflight') this.deps.signals.remove(d.deviceId)
    }
    this.detaching = (async () => {
      while (this.ops.size > 0) await Promise.allSettled([...this.ops])
      if (release) this.deps.leases.release(this.id)
      this.deps.detached(this)
      this.deps.changed(this.id)
    })()
    return this.detaching
  }

  // --- operator commands ------------------------------------------------------------

  /**
   * Running from now on (start, resume, retry). Resuming a rollout the threshold paused means
   * the operator accepts the failures so far: they stop counting, later ones count afresh.
   * Any other resume (after a crash, an operator's pause) keeps the threshold as it was.
   */
  run(): void {
    const now = this.deps.clock.now()
    if (this.meta.state === 'paused' && this.meta.pauseReason === 'threshold') {
      for (const d of this.list) if (d.state === 'failed') d.acked = true
      this.tally.acceptFailures()
      this.deps.store.ackFailures(this.id)
    }
    this.setMeta({ state: 'running', pauseReason: '', startedMs: this.meta.startedMs ?? now, finishedMs: null })
    this.pump()
    this.maybeDetach()
  }

  pause(reason: Exclude<PauseReason, ''>): void {
    if (this.meta.state !== 'running') return
    this.setMeta({ state: 'paused', pauseReason: reason })
    this.maybeDetach()
  }

  /** Drops every device not yet published; upgrades already sent are watched to their end. */
  cancel(): void {
    const now = this.deps.clock.now()
    this.setMeta({ state: 'cancelled', pauseReason: '', finishedMs: now })
    this.deps.store.cancelOpen(this.id, now)
    for (const d of this.list) {
      if (d.state !== 'pending' && d.state !== 'waiting') continue
      this.tally.move(d, 'cancelled')
      Object.assign(d, { reason: 'cancelled', detail: '', finishedMs: now })
      this.tally.ended(d)
      this.deps.changed(this.id, d.deviceId)
    }
    this.revisit.clear()
    this.maybeDetach()
  }

  /** Failed or skipped devices get another attempt; returns those taken. */
  retry(deviceIds: readonly string[]): DeviceRecord[] {
    const chosen = deviceIds.flatMap((id) => {
      const d = this.byId.get(id)
      return d && d.phase === 'idle' && (d.state === 'failed' || d.state === 'skipped') ? [d] : []
    })
    for (const d of chosen) {
      this.tally.reopening(d)
      const fields = reopened(d)
      this.tally.move(d, 'pending')
      Object.assign(d, fields)
      this.frontier = Math.min(this.frontier, d.index)
    }
    this.deps.store.saveMany(this.id, chosen, null, this.deps.clock.now())
    for (const d of chosen) this.deps.changed(this.id, d.deviceId)
    this.pump()
    return chosen
  }

  // --- push hints -------------------------------------------------------------------

  onOta(event: OtaEvent): void {
    const d = this.byId.get(event.deviceId)
    if (!d || !this.active || d.state !== 'upgrading') return
    d.otaStatus = event.status
    d.percent = event.percent
    if (event.resultCode) d.resultCode = event.resultCode
    this.deps.changed(this.id, d.deviceId)
    // Done: the version check decides at once. Failed: the status read brings its ErrMsg.
    if (isOtaDone(event.status)) this.setTimer(d, 0, () => this.verify(d, true))
    else if (isOtaFailed(event.status)) this.schedulePoll(d, 0)
  }

  /** The push connection is (back) up: anything may have happened meanwhile. */
  onLive(): void {
    if (!this.active) return
    for (const d of this.list) if (d.state === 'upgrading' && d.phase === 'inflight') this.schedulePoll(d, 0)
  }

  // --- filling the slots --------------------------------------------------------------

  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true
      return
    }
    this.pumping = true
    try {
      do {
        this.pumpAgain = false
        this.fill()
      } while (this.pumpAgain)
    } finally {
      this.pumping = false
    }
  }

  private fill(): void {
    if (!this.active || this.meta.state !== 'running') return
    this.advance()
    if (this.meta.state !== 'running') return
    const unknown: Tracked[] = []
    const limit = this.meta.plan.concurrency
    for (const index of [...this.revisit].sort((a, b) => a - b)) {
      if (this.busy >= limit) break
      const d = this.list[index] as Tracked
      if (d.state !== 'pending' || d.wave > this.meta.currentWave) {
        if (d.state !== 'pending') this.revisit.delete(index)
        continue
      }
      const taken = this.consider(d, unknown)
      if (taken) this.revisit.delete(index)
    }
    while (this.busy < limit && this.frontier < this.list.length && unknown.length < this.deps.tuning.onlineBatch) {
      const d = this.list[this.frontier] as Tracked
      if (d.wave > this.meta.currentWave) break
      this.frontier += 1
      if (d.state !== 'pending' || d.phase !== 'idle') continue
      if (!this.consider(d, unknown)) this.revisit.add(d.index)
    }
    if (unknown.length > 0) this.fetchOnline(unknown)
  }

  /** Starts the device if it may go now; true when it left the queue (started or settled). */
  private consider(d: Tracked, unknown: Tracked[]): boolean {
    if (d.phase !== 'idle' || this.blocked(d)) return false
    const reading = this.online.get(d.deviceId)
    if (!reading || !this.fresh(d, reading.atMs)) {
      unknown.push(d)
      return false
    }
    if (!reading.online) {
      this.offlineAtTurn(d)
      return true
    }
    this.startDevice(d)
    return true
  }

  private blocked(d: Tracked): boolean {
    if (d.notBeforeMs > this.deps.clock.now()) return true
    const gateway = d.gatewayId ? this.byId.get(d.gatewayId) : undefined
    if (gateway && gateway.phase !== 'idle') return true
    return d.isGateway && (this.subsBusy.get(d.deviceId) ?? 0) > 0
  }

  /** A reading taken while the device's gateway was rebooting says nothing about the device. */
  private fresh(d: Tracked, atMs: number): boolean {
    if (this.deps.clock.now() - atMs > this.deps.tuning.onlineFreshMs) return false
    const gateway = d.gatewayId ? this.byId.get(d.gatewayId) : undefined
    return !gateway?.finishedMs || atMs > gateway.finishedMs
  }

  private fetchOnline(devices: Tracked[]): void {
    if (this.fetchingOnline) return
    this.fetchingOnline = true
    this.track(
      (async () => {
        try {
          const askedAt = this.deps.clock.now()
          const states = await this.deps.api.online(devices.map((d) => d.deviceId))
          for (const [id, online] of states) this.online.set(id, { online, atMs: askedAt })
        } catch (error) {
          if (this.endsSession(error)) return
          this.deps.log.warn({ rolloutId: this.id, err: String(error) }, 'rollout: reading online states failed')
          this.pumpLater(this.deps.tuning.retryDelayMs)
          return
        } finally {
          this.fetchingOnline = false
        }
        this.pump()
      })(),
    )
  }

  private offlineAtTurn(d: Tracked): void {
    const policy = this.meta.plan.offline
    if (policy.mode === 'skip') return this.finish(d, { state: 'skipped', reason: 'offline', detail: 'Offline when its turn came.' })
    const now = this.deps.clock.now()
    d.waitUntilMs ??= now + policy.maxWaitMs
    if (now >= d.waitUntilMs) return this.endWait(d)
    this.tally.move(d, 'waiting')
    this.save(d)
    this.scheduleWaitCheck(Math.min(this.deps.tuning.waitPollMs, d.waitUntilMs - now))
  }

  private endWait(d: Tracked): void {
    const policy = this.meta.plan.offline
    const limit = policy.mode === 'wait' ? ` after waiting ${Math.round(policy.maxWaitMs / 1000)} s` : ''
    const state = policy.mode === 'wait' && policy.then === 'fail' ? 'failed' : 'skipped'
    this.finish(d, { state, reason: 'offline', detail: `Still offline${limit}.` })
  }

  private scheduleWaitCheck(ms: number): void {
    if (!this.active || this.waitTimer) return
    this.waitTimer = this.deps.clock.setTimeout(() => {
      this.waitTimer = null
      this.track(this.checkWaiting())
    }, Math.max(0, ms))
  }

  /** Ends waits that ran out; devices back online go back in the queue. */
  private async checkWaiting(): Promise<void> {
    const now = this.deps.clock.now()
    const waiting = this.list.filter((d) => d.state === 'waiting')
    for (const d of waiting) if (d.waitUntilMs !== null && now >= d.waitUntilMs) this.endWait(d)
    const still = waiting.filter((d) => d.state === 'waiting')
    if (still.length === 0 || !this.active) return
    if (this.meta.state === 'running') {
      try {
        const states = await this.deps.api.online(still.map((d) => d.deviceId))
        for (const d of still) {
          if (states.get(d.deviceId) !== true || d.state !== 'waiting') continue
          this.online.set(d.deviceId, { online: true, atMs: now })
          this.tally.move(d, 'pending')
          this.save(d)
          this.frontier = Math.min(this.frontier, d.index)
        }
      } catch (error) {
        if (this.endsSession(error)) return
      }
      this.pump()
    }
    const next = Math.min(...still.map((d) => (d.waitUntilMs ?? now) - now), this.deps.tuning.waitPollMs)
    if (this.list.some((d) => d.state === 'waiting')) this.scheduleWaitCheck(next)
  }

  // --- one device ---------------------------------------------------------------------

  private startDevice(d: Tracked): void {
    this.occupy(d, 'checking')
    this.track(this.checkAndPublish(d))
  }

  /** Before publishing: the device still runs an older version, and the cloud offers the planned one. */
  private async checkAndPublish(d: Tracked): Promise<void> {
    let check
    try {
      check = await this.deps.api.check(d.deviceId)
    } catch (error) {
      return this.checkFailed(d, error)
    }
    if (!this.active || d.state !== 'pending') return this.release(d)
    const verdict = judgeCheck(d, check)
    if (verdict) return this.finish(d, verdict)
    if (this.meta.state !== 'running') {
      this.release(d)
      this.revisit.add(d.index)
      return
    }
    await this.publish(d)
  }

  private checkFailed(d: Tracked, error: unknown): void {
    this.release(d)
    if (this.endsSession(error)) return
    if (isTransient(error)) {
      d.notBeforeMs = this.deps.clock.now() + this.deps.tuning.retryDelayMs
      this.revisit.add(d.index)
      this.pumpLater(this.deps.tuning.retryDelayMs)
      return
    }
    this.finish(d, { state: 'failed', reason: 'error', detail: describe(error) })
  }

  private async publish(d: Tracked): Promise<void> {
    const requestId = this.deps.newRequestId()
    const now = this.deps.clock.now()
    let began: boolean
    try {
      began = this.deps.store.beginPublish(this.id, d, requestId, now, () => this.deps.leases.holds(this.id))
    } catch (error) {
      this.release(d)
      if (error instanceof LeaseLostError) return this.leaseLost()
      // The store failed (disk full, locked too long): nothing was sent; try again later.
      d.notBeforeMs = now + this.deps.tuning.retryDelayMs
      this.revisit.add(d.index)
      this.pumpLater(this.deps.tuning.retryDelayMs)
      throw error
    }
    if (!began) {
      // The store disagrees with memory (another writer?): trust the store, never publish.
      this.deps.log.warn({ rolloutId: this.id, deviceId: d.deviceId }, 'rollout: publish guard refused; reloading the device')
      this.release(d)
      const stored = this.deps.store.device(this.id, d.deviceId)
      if (stored) {
        this.tally.move(d, stored.state)
        Object.assign(d, stored)
      }
      return
    }
    this.tally.move(d, 'publishing')
    this.tally.published(d, now)
    Object.assign(d, { publishedAttempt: d.attempt, publishes: d.publishes + 1, requestId, publishedMs: now })
    Object.assign(d, { otaStatus: null, percent: null, resultCode: null, reason: '', detail: '', finalVersion: '', finishedMs: null })
    d.phase = 'inflight'
    this.deps.signals.add(d.deviceId)
    this.deps.changed(this.id, d.deviceId)
    try {
      await this.deps.api.publish(d.deviceId, requestId)
    } catch (error) {
      return this.publishFailed(d, error)
    }
    // Recorded even if the run was told to stop meanwhile: the cloud took it.
    this.tally.move(d, 'upgrading')
    this.save(d)
    this.schedulePoll(d, this.deps.tuning.pollMs)
  }

  private publishFailed(d: Tracked, error: unknown): void {
    if (error instanceof ApiError && error.kind === 'api') {
      // The cloud answered: it refused this publish, and no upgrade started.
      return this.finish(d, { state: 'failed', reason: 'refused', detail: describe(error) })
    }
    // No answer (network, timeout, session): the publish may or may not have landed.
    if (this.endsSession(error)) return
    this.scheduleReconcile(d, this.deps.tuning.reconcileDelayMs)
  }

  private scheduleReconcile(d: Tracked, ms: number): void {
    if (!this.active) return
    this.setTimer(d, ms, () => this.reconcile(d))
  }

  /** A device left 'publishing': read what the cloud did with it, and never send again. */
  private async reconcile(d: Tracked): Promise<void> {
    let status
    try {
      status = await this.read(d, () => this.deps.api.status(d.deviceId))
    } catch (error) {
      if (this.endsSession(error)) return
      if (this.timedOut(d)) return this.finish(d, { state: 'failed', reason: 'timeout', detail: `Fate of the publish unknown: ${describe(error)}` })
      return this.scheduleReconcile(d, this.deps.tuning.reconcileDelayMs)
    }
    if (!this.active || d.state !== 'publishing') return
    this.noteStatus(d, status.status, status.percent)
    if (isOtaUnderWay(status.status)) {
      this.deps.auditRecovered(this.meta, d, true)
      this.tally.move(d, 'upgrading')
      this.save(d)
      return this.schedulePoll(d, this.deps.tuning.pollMs)
    }
    if (isOtaDone(status.status) || isOtaFailed(status.status)) {
      this.deps.auditRecovered(this.meta, d, true)
      this.tally.move(d, 'upgrading')
      this.save(d)
      return isOtaDone(status.status) ? this.verify(d) : this.finish(d, failedOutcome(status, d.resultCode))
    }
    this.deps.auditRecovered(this.meta, d, false)
    this.finish(d, {
      state: 'failed',
      reason: 'interrupted',
      detail: `The app stopped while publishing; the device shows no upgrade started (${status.statusText}). Retry to publish again.`,
    })
  }

  private schedulePoll(d: Tracked, ms: number): void {
    if (!this.active || d.state !== 'upgrading') return
    const deadline = (d.publishedMs ?? this.deps.clock.now()) + this.meta.plan.deviceTimeoutMs
    const wait = Math.max(0, Math.min(ms, deadline - this.deps.clock.now()))
    this.setTimer(d, wait, () => this.poll(d))
  }

  private async poll(d: Tracked): Promise<void> {
    if (d.reading) return
    let status
    try {
      status = await this.read(d, () => this.deps.api.status(d.deviceId))
    } catch (error) {
      if (this.endsSession(error)) return
      if (this.timedOut(d)) return this.finish(d, timeoutOutcome(this.meta.plan.deviceTimeoutMs, describe(error)))
      return this.schedulePoll(d, this.deps.tuning.retryDelayMs)
    }
    if (!this.active || d.state !== 'upgrading') return
    this.noteStatus(d, status.status, status.percent)
    if (isOtaFailed(status.status)) return this.finish(d, failedOutcome(status, d.resultCode))
    if (isOtaDone(status.status)) return this.verify(d)
    if (this.timedOut(d)) return this.finish(d, timeoutOutcome(this.meta.plan.deviceTimeoutMs, status.statusText))
    this.schedulePoll(d, this.deps.tuning.pollMs)
  }

  /**
   * Status 6: done only if the device now reports the target version. After a push (not a
   * status read) another version is not yet proof of a revert: the cloud's record may lag
   * the device's report, so the status is read again before judging.
   */
  private async verify(d: Tracked, pushed = false): Promise<void> {
    let check
    try {
      check = await this.read(d, () => this.deps.api.check(d.deviceId))
    } catch (error) {
      if (this.endsSession(error)) return
      return this.schedulePoll(d, this.deps.tuning.retryDelayMs)
    }
    if (!this.active || d.state !== 'upgrading') return
    if (sameVersion(check.current, d.targetVersion)) return this.finish(d, { state: 'done', reason: '', detail: '', finalVersion: check.current })
    if (pushed) return this.schedulePoll(d, this.deps.tuning.retryDelayMs)
    this.finish(d, {
      state: 'failed',
      reason: 'reverted',
      detail: `The device said the update completed but reports ${check.current}, not ${d.targetVersion}.`,
      finalVersion: check.current,
    })
  }

  private async read<T>(d: Tracked, call: () => Promise<T>): Promise<T> {
    d.reading = true
    try {
      return await call()
    } finally {
      d.reading = false
    }
  }

  private timedOut(d: Tracked): boolean {
    return d.publishedMs !== null && this.deps.clock.now() >= d.publishedMs + this.meta.plan.deviceTimeoutMs
  }

  private noteStatus(d: Tracked, status: number, percent: number): void {
    if (d.otaStatus === status && d.percent === percent) return
    d.otaStatus = status
    d.percent = percent
    this.deps.changed(this.id, d.deviceId)
  }

  // --- ends ---------------------------------------------------------------------------

  private finish(d: Tracked, outcome: Outcome): void {
    const wasOpen = !isFinal(d)
    this.tally.move(d, outcome.state)
    Object.assign(d, { reason: outcome.reason, detail: outcome.detail, finishedMs: this.deps.clock.now() })
    if (outcome.finalVersion !== undefined) d.finalVersion = outcome.finalVersion
    if (wasOpen) this.tally.ended(d)
    this.release(d)
    this.save(d)
    if (outcome.state === 'failed') this.checkThreshold(d.wave)
    this.pump()
    this.maybeDetach()
  }

  private checkThreshold(wave: number): void {
    if (this.meta.state !== 'running') return
    const size = this.meta.waveSizes[wave] ?? 0
    if (this.tally.against(wave) * 100 <= this.meta.plan.maxFailedPercent * size) return
    // Pausing guards the devices still to publish; with none left the rollout just ends.
    if (this.list.some((d) => d.state === 'pending' || d.state === 'waiting')) this.pause('threshold')
  }

  /** Next wave once every device of the waves so far has ended; completed after the last. */
  private advance(): void {
    while (this.meta.state === 'running') {
      const wave = this.meta.currentWave
      const waves = this.meta.waveSizes.map((_, i) => i)
      if (waves.some((i) => i <= wave && this.tally.open(i) > 0)) return
      if (wave + 1 < this.meta.waveSizes.length) {
        this.setMeta({ currentWave: wave + 1 })
        continue
      }
      if (waves.some((i) => this.tally.open(i) > 0)) return
      this.setMeta({ state: 'completed', finishedMs: this.deps.clock.now() })
    }
  }

  private maybeDetach(): void {
    if (this.active && this.meta.state !== 'running' && this.busy === 0) void this.detach()
  }

  private leaseLost(): void {
    this.deps.log.warn({ rolloutId: this.id }, 'rollout: another instance took the lease; this app stops driving it')
    void this.detach(false)
  }

  // --- bookkeeping --------------------------------------------------------------------

  private occupy(d: Tracked, phase: Exclude<Phase, 'idle'>): void {
    if (d.phase === 'idle') {
      this.busy += 1
      if (d.gatewayId) this.subsBusy.set(d.gatewayId, (this.subsBusy.get(d.gatewayId) ?? 0) + 1)
    }
    d.phase = phase
    if (phase === 'inflight') this.deps.signals.add(d.deviceId)
  }

  private release(d: Tracked): void {
    if (d.timer) this.deps.clock.clearTimeout(d.timer)
    d.timer = null
    if (d.phase === 'idle') return
    if (d.phase === 'inflight') this.deps.signals.remove(d.deviceId)
    d.phase = 'idle'
    this.busy -= 1
    if (d.gatewayId) this.subsBusy.set(d.gatewayId, (this.subsBusy.get(d.gatewayId) ?? 1) - 1)
  }

  private save(d: Tracked): void {
    this.deps.store.saveDevice(this.id, d)
    this.deps.changed(this.id, d.deviceId)
  }

  private setMeta(patch: Partial<Pick<RolloutRecord, 'state' | 'pauseReason' | 'currentWave' | 'startedMs' | 'finishedMs'>>): void {
    const now = this.deps.clock.now()
    this.meta = { ...this.meta, ...patch, updatedMs: now }
    this.deps.store.saveRollout(this.id, patch, now)
    this.deps.changed(this.id)
  }

  private setTimer(d: Tracked, ms: number, run: () => Promise<void>): void {
    if (d.timer) this.deps.clock.clearTimeout(d.timer)
    d.timer = this.deps.clock.setTimeout(() => {
      d.timer = null
      if (this.active) this.track(run())
    }, ms)
  }

  private pumpLater(ms: number): void {
    if (!this.active || this.pumpTimer) return
    this.pumpTimer = this.deps.clock.setTimeout(() => {
      this.pumpTimer = null
      this.pump()
    }, ms)
  }

  private renewLeaseLater(): void {
    this.leaseTimer = this.deps.clock.setTimeout(() => {
      this.leaseTimer = null
      if (!this.active) return
      if (!this.deps.leases.renew(this.id)) return this.leaseLost()
      this.renewLeaseLater()
    }, this.deps.tuning.leaseRenewMs)
  }

  private endsSession(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.kind !== 'session') return false
    this.deps.sessionEnded()
    return true
  }

  private track(op: Promise<void>): void {
    const tracked = op.catch((error: unknown) => {
      this.deps.log.warn({ rolloutId: this.id, err: String(error) }, 'rollout: unexpected error')
    })
    this.ops.add(tracked)
    void tracked.finally(() => this.ops.delete(tracked))
  }
}

/** What AppCheckFirmwareUpdate says about going ahead; undefined to publish. */
function judgeCheck(d: DeviceRecord, check: { current: string; target: string }): Outcome | undefined {
  const order = compareVersions(check.current, d.targetVersion)
  if (order === 0) return { state: 'done', reason: 'already', detail: `Already runs ${check.current}; nothing was published.`, finalVersion: check.current }
  if (order > 0) return { state: 'skipped', reason: 'newer', detail: `Runs ${check.current}, newer than ${d.targetVersion}.`, finalVersion: check.current }
  if (!sameVersion(check.target, d.targetVersion)) {
    return { state: 'failed', reason: 'target-changed', detail: `The cloud now offers ${check.target}, not the planned ${d.targetVersion}.` }
  }
  return undefined
}

/** The device's failure in its own words, with its ResultCode in the reference's words when a push told it. */
function failedOutcome(status: { errMsg: string; statusText: string }, resultCode: number | null): Outcome {
  const said = status.errMsg || `The device reported: ${status.statusText}.`
  const code = resultCode ? ` (ResultCode ${resultCode}: ${otaResultText(resultCode)})` : ''
  return { state: 'failed', reason: 'failed', detail: `${said}${code}` }
}

function timeoutOutcome(timeoutMs: number, last: string): Outcome {
  return { state: 'failed', reason: 'timeout', detail: `No end within ${Math.round(timeoutMs / 1000)} s (last: ${last}).` }
}

/** A failed or skipped device made pending again for another attempt. */
export function reopened(d: DeviceRecord): Partial<DeviceRecord> {
  return {
    attempt: d.attempt + 1,
    state: 'pending',
    reason: '',
    detail: '',
    acked: false,
    waitUntilMs: null,
    finishedMs: null,
    finalVersion: '',
    otaStatus: null,
    percent: null,
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof ApiError ? ['network', 'timeout', 'cancelled', 'internal'].includes(error.kind) : true
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}
