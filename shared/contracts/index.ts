/**
 * The whole bridge between the renderer and the main process, gathered from one contract
 * file per domain. Names, argument and result types, the dispatcher's checks and the
 * renderer's client are all derived from `commands` and `events` here; nothing repeats them.
 * To add a command, see "Adding a bridge command" in docs/bridge.md.
 */
import type { z } from 'zod'
import type { BridgeResult } from '../errors'
import { appContract } from './app'
import { asDeviceContract } from './as-device'
import { auditContract } from './audit'
import { commissioningContract } from './commissioning'
import { bindingContract } from './binding'
import { automationContract } from './automation'
import { consoleContract } from './console'
import { deviceContract } from './device'
import { firmwareContract } from './firmware'
import { fleetContract } from './fleet'
import { historyContract } from './history'
import { homeContract } from './home'
import { liveContract } from './live'
import { membersContract } from './members'
import { messagesContract } from './messages'
import { musicContract } from './music'
import { profilesContract } from './profiles'
import { sessionContract } from './session'
import { sharingContract } from './sharing'
import { settingsContract } from './settings'
import { supportContract } from './support'
import { timersContract } from './timers'
import { updatesContract } from './updates'
import { videoContract } from './video'

export const commands = {
  ...appContract.commands,
  ...profilesContract.commands,
  ...sessionContract.commands,
  ...fleetContract.commands,
  ...liveContract.commands,
  ...deviceContract.commands,
  ...homeContract.commands,
  ...membersContract.commands,
  ...sharingContract.commands,
  ...commissioningContract.commands,
  ...bindingContract.commands,
  ...timersContract.commands,
  ...automationContract.commands,
  ...messagesContract.commands,
  ...asDeviceContract.commands,
  ...musicContract.commands,
  ...historyContract.commands,
  ...firmwareContract.commands,
  ...videoContract.commands,
  ...auditContract.commands,
  ...consoleContract.commands,
  ...settingsContract.commands,
  ...supportContract.commands,
  ...updatesContract.commands,
}

export const events = {
  ...appContract.events,
  ...sessionContract.events,
  ...fleetContract.events,
  ...liveContract.events,
  ...historyContract.events,
  ...commissioningContract.events,
  ...firmwareContract.events,
  ...updatesContract.events,
}

export type Commands = typeof commands
export type CommandName = keyof Commands
/** What a caller sends (defaults may be left out). */
export type CommandArgs<C extends CommandName> = z.input<Commands[C]['args']>
/** What a handler receives (defaults filled in). */
export type ParsedCommandArgs<C extends CommandName> = z.output<Commands[C]['args']>
export type CommandResult<C extends CommandName> = z.output<Commands[C]['result']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>
export type BridgeEvents = { [E in EventName]: EventPayload<E> }

export const COMMAND_NAMES = Object.keys(commands) as CommandName[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name)
}

/** What the preload exposes as `window.explorerDesk`, and what browser mode emulates. */
export interface DeskBridge {
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<BridgeResult<CommandResult<C>>>
  on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void
}

/** Electron IPC channel names (also in bridge-channels.ts, which the zod-free preload bundles). */
export { IPC_EVENT, IPC_INVOKE } from '../bridge-channels'

/** Browser-mode wire messages over the WebSocket. */
export type WireToHost = { type: 'invoke'; id: number; command: string; args: unknown }
export type WireToPage =
  | { type: 'result'; id: number; result: BridgeResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }

export type { ProfileInput } from './profiles'
export type { SignInCredentials } from './session'
export type { ApiCallResult } from './console'
