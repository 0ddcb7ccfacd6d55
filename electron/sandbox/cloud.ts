/**
 * The sandbox cloud without its network face: options, world, sessions, replay guard and
 * action registry. HTTP (and later WebSocket) servers are thin adapters over `call`.
 */
import { createActionRegistry, type ActionRegistry } from './actions'
import type { HttpEndpoint } from './actions/registry'
import { handleApiCall, type PipelineCloud } from './api/pipeline'
import { ReplayGuard } from './auth/replay-guard'
import { SessionStore } from './auth/sessions'
import type { SandboxOptions } from './options'
import { startInbox } from './messages'
import { startIntelligence } from './intelligence'
import { PushBus } from './push/push-bus'
import { Faults } from './sim/faults'
import { DeviceHistory } from './history/device-history'
import { OtaEngine } from './ota/ota-engine'
import { FleetSimulation } from './sim/fleet-simulation'
import { Scheduler } from './sim/scheduler'
import { generateWorld } from './world/fleet'
import { addUnboundSubDevices } from './world/unbound-sub-devices'
import type { World } from './world/world'

export class SandboxCloud implements PipelineCloud {
  readonly world: World
  readonly sessions: SessionStore
  readonly replay: ReplayGuard
  readonly registry: ActionRegistry
  readonly pushes: PushBus
  readonly scheduler = new Scheduler()
  readonly faults = new Faults()
  /** The living fleet; runs when options.simulate (its Presence also serves the control levers). */
  readonly simulation: FleetSimulation
  /** Property and event history (history/device-history.ts). */
  readonly history: DeviceHistory
  /** Firmware and upgrades (ota/ota-engine.ts). */
  readonly ota: OtaEngine
  /** Set by startSandbox once listening: recordings, thumbnails and songs are served there. */
  publicUrl?: string

  constructor(readonly options: Readonly<SandboxOptions>) {
    this.world = generateWorld({ seed: options.seed, devices: options.devices, oneFamily: options.oneFamily, nowMs: options.clock() })
    addUnboundSubDevices(this.world, options.unboundSubDevices, options.clock())
    this.sessions = new SessionStore(options.clock, options.tokenTtlSeconds)
    // A pair must be remembered for as long as its Timestamp could still be accepted.
    this.replay = new ReplayGuard(options.maxClockSkewSeconds)
    this.registry = createActionRegistry()
    this.pushes = new PushBus(options.clock)
    // Before anything else publishes: history ends, at start, on the world as generated.
    this.history = new DeviceHistory(this)
    Object.assign(this.faults, { latencyMs: options.latencyMs, jitterMs: options.jitterMs, errorRate: options.errorRate })
    this.simulation = new FleetSimulation(this, options)
    this.ota = new OtaEngine(this, (device, online) => this.simulation.presence.set(device, online))
    // Its first tick comes one simTickMs from now, after every other part has started.
    if (options.simulate) this.simulation.start()
    // Inboxes: the demo account's first messages, then device alerts/faults as they are pushed.
    startInbox(this)
    // Device timers, and automations watching property reports and the clock.
    startIntelligence(this)
  }

  /** Stops every timer of the cloud (simulation, upgrades, heartbeats). */
  stop(): void {
    this.simulation.stop()
    this.scheduler.stop()
  }

  /** Answers one API call (raw JSON body; `cmd` the query's Action) with the response body to send. */
  call(endpoint: HttpEndpoint, rawBody: string, cmd?: string): unknown {
    return handleApiCall(this, endpoint, rawBody, cmd)
  }
}
