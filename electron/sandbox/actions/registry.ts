/**
 * The action registry: one definition per Action, keyed by its name. A definition says
 * which endpoint serves it, which parameters it takes, where its success example puts
 * the fields, and how it changes or reads the world. Groups of actions live in their own
 * modules (user, family, device, data-query, ...) and register through ./index.ts.
 */
import { findAction } from '../../../shared/api'
import type { Payload, SuccessShape } from '../api/envelope'
import type { ParamRule, ParamValues } from '../api/params'
import type { Session, SessionStore } from '../auth/sessions'
import type { EnvelopeMode, SandboxOptions } from '../options'
import type { User } from '../world/model'
import type { World } from '../world/world'
import type { PushBus } from '../push/push-bus'
import type { Scheduler } from '../sim/scheduler'
import type { Faults } from '../sim/faults'
import type { DeviceHistory } from '../history/device-history'
import type { OtaEngine } from '../ota/ota-engine'

export type HttpEndpoint = 'appapi' | 'tokenapi'

/** What an action may use of the cloud. */
export interface CloudState {
  readonly options: Readonly<SandboxOptions>
  readonly world: World
  readonly sessions: SessionStore
  /** DeviceChange pushes towards WebSocket subscribers. */
  readonly pushes: PushBus
  /** Timers that stop when the sandbox closes. */
  readonly scheduler: Scheduler
  /** Injected latency, errors and upgrade failures. */
  readonly faults: Faults
  /** Property and event history: backfilled before start, recorded from pushes after. */
  readonly history: DeviceHistory
  /** Firmware catalogue, devices' versions and upgrades. */
  readonly ota: OtaEngine
  /** `http://127.0.0.1:port` once listening (media URLs are absolute on it); unset in-process. */
  readonly publicUrl?: string
}

export interface CallContext {
  readonly cloud: CloudState
  readonly params: ParamValues
  readonly requestId: string
  readonly nowMs: number
  readonly envelope: EnvelopeMode
}

/** tokenapi calls run as the signed-in user. */
export interface TokenCallContext extends CallContext {
  readonly session: Session
  readonly user: User
}

interface BaseDefinition {
  readonly action: string
  readonly shape: SuccessShape
  readonly params: readonly ParamRule[]
}

export interface AppApiAction extends BaseDefinition {
  readonly endpoint: 'appapi'
  handle(ctx: CallContext): Payload
}

export interface TokenApiAction extends BaseDefinition {
  readonly endpoint: 'tokenapi'
  handle(ctx: TokenCallContext): Payload
}

export type ActionDefinition = AppApiAction | TokenApiAction

export class ActionRegistry {
  private readonly actions = new Map<string, ActionDefinition>()

  register(...definitions: ActionDefinition[]): this {
    for (const def of definitions) {
      if (this.actions.has(def.action)) throw new Error(`Action ${def.action} registered twice`)
      this.actions.set(def.action, def)
    }
    return this
  }

  get(action: string): ActionDefinition | undefined {
    return this.actions.get(action)
  }

  names(): string[] {
    return [...this.actions.keys()]
  }
}

export interface ParamAdjustments {
  /** Parameters the table marks optional that the operation needs. */
  require?: readonly string[]
  /** Parameters the table marks required that have a meaning when absent. */
  relax?: readonly string[]
  /** Parameters the table does not list. */
  extra?: readonly ParamRule[]
}

/**
 * An action's business parameters from the project's catalog, adjusted where the
 * reference's own text contradicts its table. Throws at start-up if the catalog lacks the
 * action, so a renamed entry cannot silently drop validation.
 */
export function catalogParams(action: string, adjust: ParamAdjustments = {}): ParamRule[] {
  const spec = findAction(action)
  if (!spec) throw new Error(`Action ${action} is not in shared/api's catalog`)
  const rules: ParamRule[] = spec.params.map((p) => ({
    name: p.name,
    type: p.type,
    kind: p.kind,
    required: adjust.require?.includes(p.name) ? true : adjust.relax?.includes(p.name) ? false : p.required,
    ...(p.exampleName ? { exampleName: p.exampleName } : {}),
  }))
  return [...rules, ...(adjust.extra ?? [])]
}
