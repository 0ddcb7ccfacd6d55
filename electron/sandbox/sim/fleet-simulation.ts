/**
 * The living fleet: devices report on their own, go offline and come back, and raise the
 * events of their templates, all through sim/device-behaviour.ts so every change is pushed.
 *
 * Scale: one scheduler timer for the whole fleet. Each device's next activities sit in a
 * due-time heap (sim/due-queue.ts); a tick advances the simulation's own clock and pops only
 * what is due, so 10,000 devices cost what they do, not a timer each.
 *
 * Determinism: the simulation has its own clock (ticks x simTickMs x simSpeed, starting at
 * 0, never the wall clock) and every device its own Rng seeded from (seed, DeviceId). So the
 * same --seed gives each device the same story at the same simulated times, however ticks
 * fall and whatever other devices do (barring people changing it through the API).
 *
 * Options: simTickMs (real ms between ticks, default 1000), simSpeed (simulated ms per real
 * ms, default 1; 60 = a minute a second), churnRate (times an online device drops per hour,
 * default 0.5; 0 = never; it comes back after about OFFLINE_MEAN_MS).
 */
import type { CloudState } from '../actions/registry'
import { Rng } from '../prng'
import type { Device } from '../world/model'
import type { ThingEvent } from '../world/thing-model'
import { postEvent, reportProperties } from './device-behaviour'
import { PROFILES, type KindProfile, type SimDevice, type Values } from './device-profiles'
import { DueQueue } from './due-queue'
import { Presence } from './presence'
import { sampleParam } from './template-values'

type JobKind = 'telemetry' | 'local' | 'event' | 'churn'

interface DeviceState extends SimDevice {
  readonly profile: KindProfile
  /** clientToken serial of the device's own reports. */
  serial: number
}

interface Job {
  state: DeviceState
  kind: JobKind
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Mean time an offline device stays away. */
export const OFFLINE_MEAN_MS = 10 * MINUTE
/** Mean time between a device's own events (one every two hours). */
const EVENT_MEAN_MS = 2 * HOUR
/** Info events are common, faults rare. */
const EVENT_WEIGHT: Readonly<Record<ThingEvent['type'], number>> = { info: 6, alert: 3, fault: 1 }
/** Jobs one tick may run; the rest wait for the next tick, so a huge simSpeed cannot stall the process. */
const MAX_JOBS_PER_TICK = 20_000
/** How often (simulated ms) the simulation looks for devices bound or removed since. */
const RESCAN_MS = MINUTE
/** Mixed into the world seed so the simulation's draws never mirror the generator's. */
const SIM_SEED_SALT = 0x5eed03

export interface SimulationSettings {
  simTickMs: number
  simSpeed: number
  churnRate: number
}

export class FleetSimulation {
  readonly presence: Presence
  private readonly queue = new DueQueue<Job>()
  private readonly states = new Map<string, DeviceState>()
  private simNowMs = 0
  private lastScanMs = 0
  private knownDevices = -1
  private jobsRun = 0
  private cancelTimer: (() => void) | undefined

  constructor(
    private readonly cloud: CloudState,
    private readonly settings: SimulationSettings,
  ) {
    this.presence = new Presence(cloud)
  }

  /** Starts the one tick timer; idempotent. */
  start(): void {
    if (this.cancelTimer) return
    const { simTickMs, simSpeed } = this.settings
    this.cancelTimer = this.cloud.scheduler.every(simTickMs, () => this.advance(simTickMs * simSpeed))
  }

  stop(): void {
    this.cancelTimer?.()
    this.cancelTimer = undefined
  }

  get running(): boolean {
    return this.cancelTimer !== undefined
  }

  /** The simulation's own clock, in ms since it began. */
  get nowMs(): number {
    return this.simNowMs
  }

  /** Jobs run since the start (tests and benchmarks read it). */
  get jobCount(): number {
    return this.jobsRun
  }

  /** Devices the simulation drives. */
  get deviceCount(): number {
    return this.states.size
  }

  /** Moves the simulated clock on and runs what fell due; returns the jobs run. */
  advance(ms: number): number {
    // Devices are adopted at the tick's start, so the fleet's first schedules begin at 0
    // whatever the tick length (the same seed, the same times).
    this.sync()
    this.simNowMs += ms
    let ran = 0
    while (ran < MAX_JOBS_PER_TICK) {
      const job = this.queue.popDue(this.simNowMs)
      if (!job) break
      this.run(job.item, job.dueMs)
      ran += 1
    }
    this.jobsRun += ran
    return ran
  }

  /** Picks up devices bound since the last look (and the whole fleet on the first). */
  private sync(): void {
    const size = this.cloud.world.devices.size
    if (size === this.knownDevices && this.simNowMs - this.lastScanMs < RESCAN_MS) return
    this.knownDevices = size
    this.lastScanMs = this.simNowMs
    const devices = this.cloud.world.devices
    for (const device of devices.values()) {
      if (this.states.get(device.deviceId)?.device !== device) this.adopt(device)
    }
    // Their queued jobs find no state and end; this only frees the memory.
    for (const [id, state] of this.states) if (devices.get(id) !== state.device) this.states.delete(id)
  }

  private adopt(device: Device): void {
    const product = this.cloud.world.products.get(device.productId)
    if (!product) return
    const rng = new Rng((this.cloud.world.seed ^ SIM_SEED_SALT ^ hashOf(device.deviceId)) >>> 0)
    const state: DeviceState = { device, product, rng, carry: new Map(), profile: PROFILES[product.kind] ?? {}, serial: 0 }
    this.states.set(device.deviceId, state)
    const at = this.simNowMs
    // Spread first reports over one period so the fleet does not report in lock-step.
    if (state.profile.telemetryEveryMs) this.schedule(state, 'telemetry', at + rng.next() * state.profile.telemetryEveryMs(state))
    if (state.profile.localMeanMs) this.schedule(state, 'local', at + exponential(rng, state.profile.localMeanMs))
    if (product.dataTemplate.events.length > 0) this.schedule(state, 'event', at + exponential(rng, EVENT_MEAN_MS))
    if (this.settings.churnRate > 0) this.schedule(state, 'churn', at + this.churnDelay(state))
  }

  private schedule(state: DeviceState, kind: JobKind, dueMs: number): void {
    this.queue.push(dueMs, { state, kind })
  }

  private run(job: Job, dueMs: number): void {
    const { state } = job
    // A job of a device removed (or replaced) since it was queued ends here.
    if (this.states.get(state.device.deviceId) !== state || this.cloud.world.devices.get(state.device.deviceId) !== state.device) return
    const nowSec = Math.floor(this.cloud.options.clock() / 1000)
    switch (job.kind) {
      case 'telemetry': {
        const period = state.profile.telemetryEveryMs?.(state) ?? HOUR
        if (state.device.online) this.report(state, state.profile.telemetry?.(state, period, nowSec) ?? {})
        this.schedule(state, 'telemetry', dueMs + period)
        return
      }
      case 'local':
        if (state.device.online) this.report(state, state.profile.local?.(state, nowSec) ?? {})
        this.schedule(state, 'local', dueMs + exponential(state.rng, state.profile.localMeanMs ?? HOUR))
        return
      case 'event':
        if (state.device.online) this.raiseEvent(state, nowSec)
        this.schedule(state, 'event', dueMs + exponential(state.rng, EVENT_MEAN_MS))
        return
      case 'churn':
        this.presence.set(state.device, !state.device.online)
        this.schedule(state, 'churn', dueMs + this.churnDelay(state))
    }
  }

  /** Time until the device's next online flip: long while online, short while away. */
  private churnDelay(state: DeviceState): number {
    const mean = state.device.online ? HOUR / this.settings.churnRate : OFFLINE_MEAN_MS
    return exponential(state.rng, mean)
  }

  private report(state: DeviceState, values: Values): void {
    if (Object.keys(values).length === 0) return
    reportProperties(this.cloud, state.device, values, this.nextToken(state))
  }

  private raiseEvent(state: DeviceState, nowSec: number): void {
    const candidates = state.product.dataTemplate.events.filter((e) => state.profile.eventAllowed?.(state, e) ?? true)
    if (candidates.length === 0) return
    const weights = Object.fromEntries(candidates.map((e, i) => [String(i), EVENT_WEIGHT[e.type] ?? 1]))
    const event = candidates[Number(state.rng.weighted(weights))] as ThingEvent
    const params = Object.fromEntries(event.params.map((p) => [p.id, sampleParam(p.define, state.rng, nowSec)]))
    postEvent(this.cloud, state.device, event, params, this.nextToken(state))
  }

  private nextToken(state: DeviceState): string {
    state.serial += 1
    return `sim-${state.serial}`
  }
}

/** An exponential draw: memoryless waits, as independent devices' activities are. */
function exponential(rng: Rng, meanMs: number): number {
  return -Math.log(1 - rng.next()) * meanMs
}

/** FNV-1a over the DeviceId: each device's Rng seed, stable across runs and machines. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
