/**
 * Firmware upgrades for the bridge: one device's firmware state, one-device upgrades, and
 * fleet rollouts (preview, plan, start, pause, resume, cancel, retry, board, CSV). Rollouts
 * live in the store; this app drives those it holds the lease of (RolloutRun does the
 * driving). Nothing is driven without an operator's word: after a restart a rollout shows
 * where it was and waits for 'resume'.
 */
import { randomUUID } from 'node:crypto'
import type { SessionInfo } from '../../../shared/domain'
import { LocalCode } from '../../../shared/errors'
import type {
  DeviceRolloutState,
  OtaCheck,
  RolloutBoard,
  RolloutPlan,
  RolloutPreview,
  RolloutProgress,
  RolloutSelection,
  RolloutSummary,
  RolloutTarget,
  RolloutWave,
} from '../../../shared/rollout'
import { RolloutCode, type DeviceVersion } from '../../../shared/rollout'
import { ApiError } from '../api/api-error'
import type { CloudCall } from '../api/cloud-call'
import type { FleetService } from '../fleet/fleet-service'
import { mapConcurrently } from '../../../shared/concurrency'
import type { AuditLog } from '../audit/audit-log'
import type { Db } from '../store/database'
import { systemClock, type Clock } from './clock'
import { FirmwareApi } from './firmware-api'
import { deviceParams } from '../../../shared/device-id'
import { RolloutLeases, thisProcess } from './lease'
import { OtaSignals, type OtaEvent } from './ota-signals'
import { previewSelection } from './preview'
import { ProgressFeed } from './progress-feed'
import { rolloutCsv } from './report-csv'
import { reopened, RolloutRun, type RunLog, type RunTuning } from './rollout-run'
import { RolloutStore, emptyCounts, type DeviceRecord, type NewDevice, type RolloutRecord } from './store'
import { isNewer, sameVersion } from '../../../shared/firmware/version'
import { countStates, deviceView, summarize, waveViews } from './views'
import { canaryFirst, waveOfEach, waveSizes } from './waves'

export interface RolloutTuning extends RunTuning {
  /** A lease not renewed for this long may be taken over (owner on another host, or hung). */
  leaseStaleMs: number
  /** At most one 'rollout.progress' event per this many ms. */
  progressMs: number
  /** Push hints for upgrades in flight, on a connection of the engine's own. */
  pushes: boolean
  pushDebounceMs: number
  previewConcurrency: number
  /** A preview this recent is reused by 'rollout.create' for the same selection. */
  previewReuseMs: number
}

export const DEFAULT_TUNING: RolloutTuning = {
  pollMs: 5_000,
  onlineBatch: 100,
  onlineFreshMs: 15_000,
  waitPollMs: 10_000,
  reconcileDelayMs: 3_000,
  retryDelayMs: 2_000,
  leaseRenewMs: 5_000,
  leaseStaleMs: 30_000,
  progressMs: 250,
  pushes: true,
  pushDebounceMs: 100,
  previewConcurrency: 16,
  previewReuseMs: 120_000,
}

export interface RolloutServiceDeps {
  db: Db
  audit: AuditLog
  /** A call as the signed-in user, audited when it changes something. */
  call: CloudCall
  fleet: FleetService
  session: { current(): SessionInfo | null; accessToken(): string | null; baseUrl(): string | null }
  emitProgress(progress: RolloutProgress[]): void
  log: RunLog
  clock?: Clock
  tuning?: Partial<RolloutTuning>
  /** This engine's lease identity (tests run two engines in one process). */
  ownerId?: string
  isAlive?: (pid: number) => boolean
}

const PUBLISH = 'AppPublishFirmwareUpdateMessage'

export interface DevicePage {
  offset: number
  limit: number
  states?: DeviceRolloutState[]
  wave?: number
}

export class RolloutService {
  private readonly store: RolloutStore
  private readonly leases: RolloutLeases
  private readonly api: FirmwareApi
  private readonly clock: Clock
  private readonly tuning: RolloutTuning
  private readonly feed: ProgressFeed
  private readonly runs = new Map<string, RolloutRun>()
  /** Targets are fixed at planning; read once per rollout. */
  private readonly targets = new Map<string, RolloutTarget[]>()
  private signals: OtaSignals | null = null
  private lastPreview: { key: string; atMs: number; preview: RolloutPreview } | null = null

  constructor(private readonly deps: RolloutServiceDeps) {
    this.clock = deps.clock ?? systemClock
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning }
    this.store = new RolloutStore(deps.db)
    this.leases = new RolloutLeases(deps.db, {
      owner: thisProcess(deps.ownerId ?? randomUUID()),
      now: () => this.clock.now(),
      staleMs: this.tuning.leaseStaleMs,
      isAlive: deps.isAlive,
    })
    this.api = new FirmwareApi(deps.call)
    this.feed = new ProgressFeed(this.tuning.progressMs, this.clock, (id, devices) => this.progressOf(id, devices), deps.emitProgress)
  }

  // --- one device ---------------------------------------------------------------------

  async check(deviceId: string): Promise<OtaCheck> {
    const [versions, status, online] = await Promise.all([
      this.api.check(deviceId),
      this.api.status(deviceId),
      this.api.online([deviceId]).catch(rethrowSession(() => null)),
    ])
    const upgradable = isNewer(versions.target, versions.current)
    const { ProductId } = deviceParams(deviceId)
    const firmware = upgradable ? await this.api.describe(ProductId, versions.target).catch(rethrowSession(() => null)) : null
    return {
      deviceId,
      currentVersion: versions.current,
      targetVersion: versions.target,
      upgradable,
      online: online?.get(deviceId) ?? null,
      firmware,
      status,
    }
  }

  /** Each device's current version from AppCheckFirmwareUpdate alone; one failing check fails only its device. */
  async versions(deviceIds: readonly string[]): Promise<DeviceVersion[]> {
    const unique = [...new Set(deviceIds)]
    return mapConcurrently(unique, VERSION_CONCURRENCY, async (deviceId) => {
      try {
        return { deviceId, version: (await this.api.check(deviceId)).current, error: '' }
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'session') throw error
        return { deviceId, version: '', error: error instanceof Error ? error.message : String(error) }
      }
    })
  }

  /** The confirmed upgrade of one device, as a one-device rollout (stored, audited, verified). */
  async upgradeDevice(deviceId: string, targetVersion: string, deviceTimeoutMs?: number): Promise<RolloutSummary> {
    const session = this.requireSession()
    const versions = await this.api.check(deviceId)
    if (!isNewer(versions.target, versions.current)) {
      throw rolloutError(RolloutCode.NothingToUpgrade, `${deviceId} already runs ${versions.current}; there is nothing newer.`)
    }
    if (!sameVersion(versions.target, targetVersion)) {
      throw rolloutError(RolloutCode.BadState, `The cloud now offers ${versions.target}, not the ${targetVersion} you confirmed. Check again.`)
    }
    const { ProductId } = deviceParams(deviceId)
    const product = await this.deps.fleet.productList([ProductId]).catch(rethrowSession(() => []))
    const plan: RolloutPlan = {
      canary: 0,
      steps: [100],
      concurrency: 1,
      maxFailedPercent: 100,
      offline: { mode: 'skip' },
      deviceTimeoutMs: deviceTimeoutMs ?? 30 * 60_000,
    }
    const device: NewDevice = {
      deviceId,
      wave: 0,
      productId: ProductId,
      productName: product[0]?.name ?? '',
      aliasName: '',
      familyName: '',
      roomName: '',
      gatewayId: '',
      isGateway: false,
      fromVersion: versions.current,
      targetVersion: versions.target,
    }
    const record = this.newRecord(session, `${deviceId} → ${versions.target}`, 'single', plan, { deviceIds: [deviceId] }, [1])
    this.store.insert(record, [device])
    return this.drive(record.id)
  }

  // --- fleet rollouts -------------------------------------------------------------------

  async preview(selection: RolloutSelection): Promise<RolloutPreview> {
    const session = this.requireSession()
    const preview = await previewSelection(selection, { fleet: this.deps.fleet, api: this.api, concurrency: this.tuning.previewConcurrency })
    this.lastPreview = { key: previewKey(session, selection), atMs: this.clock.now(), preview }
    return preview
  }

  async create(name: string, selection: RolloutSelection, plan: RolloutPlan): Promise<RolloutSummary> {
    const session = this.requireSession()
    const preview = this.reusablePreview(session, selection) ?? (await this.preview(selection))
    const candidates = preview.devices.filter((d) => d.upgradable)
    if (candidates.length === 0 && preview.excluded.length > 0 && preview.devices.every((d) => d.reason === 'not-permitted')) {
      const homes = preview.excluded.map((f) => `'${f.familyName}'`).join(', ')
      throw rolloutError(RolloutCode.NotPermitted, `Only a home's administrators may upgrade its devices; this account is a member of ${homes}.`)
    }
    if (candidates.length === 0) throw rolloutError(RolloutCode.NothingToUpgrade, 'No device of this selection has a newer firmware.')
    const normalized: RolloutPlan = { ...plan, steps: plan.steps.at(-1) === 100 ? [...plan.steps] : [...plan.steps, 100] }
    const links = await this.gatewayLinks(candidates)
    const ordered = canaryFirst(candidates, normalized.canary, (d) => d.productId)
    const sizes = waveSizes(ordered.length, normalized.canary, normalized.steps)
    const waves = waveOfEach(sizes)
    const record = this.newRecord(session, name, 'fleet', normalized, selection, sizes)
    this.store.insert(
      record,
      ordered.map((d, i) => ({
        deviceId: d.deviceId,
        wave: waves[i] ?? 0,
        productId: d.productId,
        productName: d.productName,
        aliasName: d.aliasName,
        familyName: d.familyName,
        roomName: d.roomName,
        gatewayId: links.get(d.deviceId) ?? '',
        isGateway: d.deviceType === 1,
        fromVersion: d.currentVersion,
        targetVersion: d.targetVersion,
      })),
    )
    return this.summaryOf(record.id)
  }

  async start(rolloutId: string): Promise<RolloutSummary> {
    const record = this.requireRollout(rolloutId)
    if (record.state !== 'draft') throw badState(record, 'start', 'it has started already; use resume')
    return this.drive(rolloutId)
  }

  async resume(rolloutId: string): Promise<RolloutSummary> {
    const record = this.requireRollout(rolloutId)
    if (record.state !== 'paused' && record.state !== 'running') throw badState(record, 'resume')
    return this.drive(rolloutId)
  }

  async pause(rolloutId: string): Promise<RolloutSummary> {
    const record = this.requireRollout(rolloutId)
    if (record.state !== 'running') throw badState(record, 'pause')
    const run = this.runs.get(rolloutId)
    if (run?.attached) run.pause('operator')
    else {
      this.requireNotDrivenElsewhere(record)
      this.changeStored(record, { state: 'paused', pauseReason: 'operator' })
    }
    return this.summaryOf(rolloutId)
  }

  /** Devices not yet published are dropped; upgrades already sent are watched to their end. */
  async cancel(rolloutId: string): Promise<RolloutSummary> {
    const record = this.requireRollout(rolloutId)
    if (record.state === 'completed' || record.state === 'cancelled') throw badState(record, 'cancel')
    const run = this.runs.get(rolloutId)
    // Cancelling needs a driver too: upgrades already sent are watched to their end.
    if (run?.attached) run.cancel()
    else await this.attachRun(record, (fresh) => fresh.cancel())
    return this.summaryOf(rolloutId)
  }

  /** The operator's retry: the only way a device is published a second time in a rollout. */
  async retry(rolloutId: string, deviceIds: string[]): Promise<RolloutSummary> {
    const record = this.requireRollout(rolloutId)
    if (record.state === 'draft' || record.state === 'cancelled') throw badState(record, 'retry devices of')
    this.requireSameAccount(record)
    const run = this.runs.get(rolloutId)
    if (!run?.attached) this.requireNotDrivenElsewhere(record)
    const taken = run?.attached ? run.retry(deviceIds).length : this.retryStored(rolloutId, deviceIds)
    if (taken === 0) throw rolloutError(RolloutCode.BadState, 'None of these devices has failed or been skipped.')
    if (record.state === 'completed') return this.drive(rolloutId)
    return this.summaryOf(rolloutId)
  }

  list(): RolloutSummary[] {
    const counts = this.store.countsByRollout()
    return this.store.rollouts().map((record) => {
      const run = this.runs.get(record.id)
      if (run?.attached) return this.summaryOfRun(run)
      const byState = emptyCounts()
      for (const [state, n] of counts.get(record.id) ?? []) byState[state] = n
      return summarize(record, byState, this.leases.driver(record.id), null, this.targetsOf(record.id))
    })
  }

  get(rolloutId: string, page: DevicePage): RolloutBoard {
    const { devices, summary, waves } = this.snapshot(rolloutId)
    const states = page.states?.length ? new Set(page.states) : null
    const matching = devices.filter((d) => (!states || states.has(d.state)) && (page.wave === undefined || d.wave === page.wave))
    return {
      summary,
      waves: waves(),
      devices: matching.slice(page.offset, page.offset + page.limit).map(deviceView),
      deviceTotal: matching.length,
    }
  }

  exportCsv(rolloutId: string): { csv: string; count: number } {
    const { record, devices } = this.snapshot(rolloutId)
    return { csv: rolloutCsv(record, devices), count: devices.length }
  }

  /** Signed out, or another account: nothing can be driven on the old session. */
  sessionChanged(): void {
    this.signals?.stop()
    this.signals = null
    this.lastPreview = null
    this.detachAll()
  }

  async close(): Promise<void> {
    this.signals?.stop()
    this.signals = null
    await Promise.all([...this.runs.values()].map((run) => run.detach()))
    this.feed.flush()
    this.feed.stop()
  }

  // --- driving --------------------------------------------------------------------------

  /** Takes the lease (unless we drive it already), sets it running, and attaches. */
  private async drive(rolloutId: string): Promise<RolloutSummary> {
    const record = this.requireRollout(rolloutId)
    this.requireSameAccount(record)
    const running = this.runs.get(rolloutId)
    if (running?.attached) running.run()
    else await this.attachRun(record, (run) => run.run())
    return this.summaryOf(rolloutId)
  }

  /** `prepare` sets the run's state before it attaches, so it never drives in the old one. */
  private async attachRun(record: RolloutRecord, prepare: (run: RolloutRun) => void): Promise<RolloutRun> {
    this.requireSameAccount(record)
    const previous = this.runs.get(record.id)
    if (previous) await previous.detach()
    const acquired = this.leases.acquire(record.id)
    if (!acquired.ok) {
      const { host, pid } = acquired.holder
      throw rolloutError(RolloutCode.Busy, `Another Explorer Desk (${host}, process ${pid}) is driving this rollout.`)
    }
    const run = new RolloutRun(this.store.rollout(record.id) as RolloutRecord, this.store.devices(record.id), this.runDeps())
    this.runs.set(record.id, run)
    prepare(run)
    run.attach()
    return run
  }

  private runDeps() {
    return {
      store: this.store,
      leases: this.leases,
      api: this.api,
      clock: this.clock,
      tuning: this.tuning,
      signals: {
        add: (deviceId: string) => this.otaSignals()?.add(deviceId),
        remove: (deviceId: string) => this.signals?.remove(deviceId),
      },
      auditRecovered: (record: RolloutRecord, device: DeviceRecord, started: boolean) => this.auditRecovered(record, device, started),
      changed: (rolloutId: string, deviceId?: string) => this.feed.mark(rolloutId, deviceId),
      detached: (run: RolloutRun) => {
        if (this.runs.get(run.id) === run) this.runs.delete(run.id)
      },
      sessionEnded: () => this.detachAll(),
      newRequestId: () => randomUUID(),
      log: this.deps.log,
    }
  }

  private detachAll(): void {
    for (const run of this.runs.values()) void run.detach()
  }

  private otaSignals(): OtaSignals | null {
    if (!this.tuning.pushes) return null
    this.signals ??= new OtaSignals({
      baseUrl: () => this.deps.session.baseUrl(),
      accessToken: () => this.deps.session.accessToken(),
      onOta: (event: OtaEvent) => {
        for (const run of this.runs.values()) run.onOta(event)
      },
      onLive: () => {
        for (const run of this.runs.values()) run.onLive()
      },
      clock: this.clock,
      debounceMs: this.tuning.pushDebounceMs,
    })
    return this.signals
  }

  /**
   * A publish whose answer this app never saw (it stopped, or the answer was lost): the
   * audit log must still hold it with its RequestId, which was stored before it went out.
   */
  private auditRecovered(record: RolloutRecord, device: DeviceRecord, started: boolean): void {
    if (!device.requestId) return
    if (this.deps.audit.list({ action: PUBLISH, text: device.requestId, limit: 1 }).total > 0) return
    this.deps.audit.record({
      timeMs: device.publishedMs ?? this.clock.now(),
      profileId: record.profileId,
      profileName: record.profileName,
      account: record.account,
      action: PUBLISH,
      deviceName: device.aliasName || device.deviceId.slice(device.deviceId.indexOf('/') + 1),
      params: JSON.stringify(deviceParams(device.deviceId)),
      requestId: device.requestId,
      outcome: started ? 'ok' : 'error',
      errorCode: started ? '' : RolloutCode.Interrupted,
      errorMessage: started ? '' : 'The app stopped while this publish was being sent; the device shows no upgrade started.',
    })
  }

  // --- helpers ----------------------------------------------------------------------------

  private retryStored(rolloutId: string, deviceIds: string[]): number {
    const wanted = new Set(deviceIds)
    const chosen = this.store
      .devices(rolloutId)
      .filter((d) => wanted.has(d.deviceId) && (d.state === 'failed' || d.state === 'skipped'))
      .map((d) => ({ ...d, ...reopened(d) }))
    this.store.saveMany(rolloutId, chosen, null, this.clock.now())
    for (const d of chosen) this.feed.mark(rolloutId, d.deviceId)
    return chosen.length
  }

  private changeStored(record: RolloutRecord, patch: Pick<RolloutRecord, 'state' | 'pauseReason'>): void {
    this.store.saveRollout(record.id, patch, this.clock.now())
    this.feed.mark(record.id)
  }

  /** Sub-device → its gateway, for sub-devices whose gateway is upgraded in the same rollout. */
  private async gatewayLinks(candidates: readonly { deviceId: string; deviceType: number }[]): Promise<Map<string, string>> {
    const links = new Map<string, string>()
    if (!candidates.some((d) => d.deviceType === 2)) return links
    const inRollout = new Set(candidates.map((d) => d.deviceId))
    const gateways = candidates.filter((d) => d.deviceType === 1)
    await mapConcurrently(gateways, 4, async (gateway) => {
      try {
        for (const sub of await this.api.subDevices(gateway.deviceId)) if (inRollout.has(sub)) links.set(sub, gateway.deviceId)
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'session') throw error
        this.deps.log.warn({ gateway: gateway.deviceId, err: String(error) }, 'rollout: could not list sub-devices')
      }
    })
    return links
  }

  /** A rollout as it is now: from the run's memory while this app drives it, from the store otherwise. */
  private snapshot(rolloutId: string): { record: RolloutRecord; devices: readonly DeviceRecord[]; summary: RolloutSummary; waves: () => RolloutWave[] } {
    const run = this.runs.get(rolloutId)
    if (run?.attached) return { record: run.record, devices: run.devices, summary: this.summaryOfRun(run), waves: () => run.waves() }
    const record = this.requireRollout(rolloutId)
    const devices = this.store.devices(rolloutId)
    const summary = summarize(record, countStates(devices), this.leases.driver(rolloutId), null, this.targetsOf(rolloutId))
    return { record, devices, summary, waves: () => waveViews(record, devices) }
  }

  private summaryOf(rolloutId: string): RolloutSummary {
    return this.snapshot(rolloutId).summary
  }

  private summaryOfRun(run: RolloutRun): RolloutSummary {
    return summarize(run.record, run.counts(), 'here', run.eta(), this.targetsOf(run.record.id))
  }

  private targetsOf(rolloutId: string): RolloutTarget[] {
    let targets = this.targets.get(rolloutId)
    if (targets) return targets
    targets = this.store.targets(rolloutId)
    if (targets.length > 0) this.targets.set(rolloutId, targets)
    return targets
  }

  private progressOf(rolloutId: string, deviceIds: ReadonlySet<string>): RolloutProgress | null {
    const run = this.runs.get(rolloutId)
    if (!run && !this.store.rollout(rolloutId)) return null
    const { devices, summary, waves } = this.snapshot(rolloutId)
    const changed = run?.attached
      ? [...deviceIds].flatMap((id) => run.device(id) ?? [])
      : devices.filter((d) => deviceIds.has(d.deviceId))
    return { summary, waves: waves(), devices: changed.map(deviceView) }
  }

  private reusablePreview(session: SessionInfo, selection: RolloutSelection): RolloutPreview | null {
    const last = this.lastPreview
    if (!last || last.key !== previewKey(session, selection)) return null
    return this.clock.now() - last.atMs <= this.tuning.previewReuseMs ? last.preview : null
  }

  private newRecord(
    session: SessionInfo,
    name: string,
    kind: RolloutRecord['kind'],
    plan: RolloutPlan,
    selection: RolloutSelection,
    sizes: number[],
  ): RolloutRecord {
    const now = this.clock.now()
    return {
      id: randomUUID(),
      name,
      kind,
      profileId: session.profileId,
      profileName: session.profileName,
      account: session.account,
      plan,
      selection,
      waveSizes: sizes,
      state: 'draft',
      pauseReason: '',
      currentWave: 0,
      createdMs: now,
      startedMs: null,
      finishedMs: null,
      updatedMs: now,
    }
  }

  private requireRollout(rolloutId: string): RolloutRecord {
    const record = this.runs.get(rolloutId)?.record ?? this.store.rollout(rolloutId)
    if (!record) throw rolloutError(RolloutCode.NotFound, `There is no rollout ${rolloutId}.`)
    return record
  }

  private requireSession(): SessionInfo {
    const session = this.deps.session.current()
    if (!session) throw new ApiError({ kind: 'session', code: LocalCode.NotSignedIn, message: 'Sign in first.' })
    return session
  }

  /** The store is changed only by the instance that drives the rollout (or when nobody does). */
  private requireNotDrivenElsewhere(record: RolloutRecord): void {
    if (this.leases.driver(record.id) !== 'elsewhere') return
    throw rolloutError(RolloutCode.Busy, `Another Explorer Desk is driving rollout "${record.name}"; change it there.`)
  }

  /** A rollout's devices belong to the account that planned it. */
  private requireSameAccount(record: RolloutRecord): void {
    const session = this.requireSession()
    if (session.profileId !== record.profileId || session.account !== record.account) {
      throw rolloutError(RolloutCode.OtherAccount, `This rollout belongs to ${record.account} on ${record.profileName}; sign in as them to drive it.`)
    }
  }
}

function rolloutError(code: string, message: string): ApiError {
  return new ApiError({ kind: 'validation', code, message })
}

function badState(record: RolloutRecord, verb: string, why = `it is ${record.state}`): ApiError {
  return rolloutError(RolloutCode.BadState, `Cannot ${verb} rollout "${record.name}": ${why}.`)
}

function previewKey(session: SessionInfo, selection: RolloutSelection): string {
  return JSON.stringify([session.profileId, session.account, selection])
}

/** For best-effort reads: a fallback value, except when the session ended (that must surface). */
/** Firmware checks in flight for `versions` (each one AppCheckFirmwareUpdate). */
const VERSION_CONCURRENCY = 4

function rethrowSession<T>(fallback: () => T): (error: unknown) => T {
  return (error) => {
    if (error instanceof ApiError && error.kind === 'session') throw error
    return fallback()
  }
}
