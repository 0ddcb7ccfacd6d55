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
import { PushBus } from './push/push-bus'
import { Faults } from './sim/faults'
import { Scheduler } from './sim/scheduler'
import { generateWorld } from './world/fleet'
import type { World } from './world/world'

export class SandboxCloud implements PipelineCloud {
  readonly world: World
  readonly sessions: SessionStore
  readonly replay: ReplayGuard
  readonly registry: ActionRegistry
  readonly pushes: PushBus
  readonly scheduler = new Scheduler()
  readonly faults = new Faults()

  constructor(readonly options: Readonly<SandboxOptions>) {
    this.world = generateWorld({ seed: options.seed, devices: options.devices, nowMs: options.clock() })
    this.sessions = new SessionStore(options.clock, options.tokenTtlSeconds)
    // A pair must be remembered for as long as its Timestamp could still be accepted.
    this.replay = new ReplayGuard(options.maxClockSkewSeconds)
    this.registry = createActionRegistry()
    this.pushes = new PushBus(options.clock)
  }

  /** Stops every timer of the cloud (simulation, upgrades, heartbeats). */
  stop(): void {
    this.scheduler.stop()
  }

  /** Answers one API call (raw JSON body) with the response body to send. */
  call(endpoint: HttpEndpoint, rawBody: string): unknown {
    return handleApiCall(this, endpoint, rawBody)
  }
}
