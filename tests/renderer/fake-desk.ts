/** A DeskClient for tests: canned command handlers (checked against the contract), recorded calls, events fired by hand. */
import type { BridgeEvents, CommandArgs, CommandName, CommandResult, EventName } from '@shared/contracts'
import type { BridgeError } from '@shared/errors'
import { DeskError } from '@/bridge/desk-error'
import { checkResult } from '@/bridge/result-check'
import type { DeskClient, LinkState } from '@/bridge/client'

export type Handlers = {
  [C in CommandName]?: (args: CommandArgs<C>) => CommandResult<C> | Promise<CommandResult<C>>
}

export interface FakeDesk extends DeskClient {
  calls: { command: CommandName; args: unknown }[]
  handlers: Handlers
  emit<E extends EventName>(event: E, payload: BridgeEvents[E]): void
  setLink(state: LinkState): void
}

export function fail(error: Partial<BridgeError> & Pick<BridgeError, 'kind'>): never {
  throw new DeskError({ code: 'Test.Code', message: 'test failure', ...error })
}

export function fakeDesk(handlers: Handlers = {}): FakeDesk {
  const listeners = new Map<string, Set<(payload: never) => void>>()
  const linkListeners = new Set<(state: LinkState) => void>()
  const errorListeners = new Set<(command: CommandName, error: BridgeError) => void>()
  let link: LinkState = 'open'
  const desk: FakeDesk = {
    mode: 'web',
    calls: [],
    handlers,
    async call<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>> {
      desk.calls.push({ command, args })
      const handler = desk.handlers[command] as ((a: CommandArgs<C>) => CommandResult<C> | Promise<CommandResult<C>>) | undefined
      if (!handler) throw new DeskError({ kind: 'internal', code: 'Test.NoHandler', message: `no handler for ${command}` })
      try {
        const result = await handler(args)
        // A fake that drifts from the contract fails the test, as the real core would.
        checkResult(command, result)
        return result
      } catch (error) {
        if (error instanceof DeskError) for (const l of errorListeners) l(command, error.detail)
        throw error
      }
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    },
    get link() {
      return link
    },
    onLink(listener) {
      linkListeners.add(listener)
      return () => linkListeners.delete(listener)
    },
    onCallError(listener) {
      errorListeners.add(listener)
      return () => errorListeners.delete(listener)
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) (l as (p: typeof payload) => void)(payload)
    },
    setLink(state) {
      link = state
      for (const l of linkListeners) l(state)
    },
  }
  return desk
}
