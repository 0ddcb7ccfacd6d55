/**
 * The renderer's one way to talk to the app: typed `call` (result or a thrown DeskError)
 * and `on` for pushed events. Electron's preload and browser mode's WebSocket both sit
 * behind the same DeskBridge contract, so nothing above this file knows which it is.
 */
import type { BridgeEvents, CommandArgs, CommandName, CommandResult, DeskBridge, EventName } from '@shared/contracts'
import type { BridgeError } from '@shared/errors'
import { LocalCode } from '@shared/errors'
import { DeskError } from './desk-error'
import { SocketBridge, type LinkState } from './socket-bridge'

export type { LinkState }

export interface DeskClient {
  readonly mode: 'electron' | 'web'
  call<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>
  on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void
  /** The renderer↔host link itself (always 'open' under Electron). */
  readonly link: LinkState
  onLink(listener: (state: LinkState) => void): () => void
  /** Every failed call, after it failed; lets the session store notice an ended session. */
  onCallError(listener: (command: CommandName, error: BridgeError) => void): () => void
}

interface LinkSource {
  readonly link: LinkState
  onLink(listener: (state: LinkState) => void): () => void
}

export function createDeskClient(bridge: DeskBridge, mode: 'electron' | 'web', linkSource?: LinkSource): DeskClient {
  const errorListeners = new Set<(command: CommandName, error: BridgeError) => void>()

  function fail(command: CommandName, error: BridgeError): never {
    for (const listener of [...errorListeners]) listener(command, error)
    throw new DeskError(error)
  }

  return {
    mode,
    async call<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>> {
      let outcome
      try {
        outcome = await bridge.invoke(command, args)
      } catch (error) {
        // The preload answers {ok:false} for every failure; a throw means IPC itself broke.
        return fail(command, {
          kind: 'internal',
          code: LocalCode.Internal,
          message: error instanceof Error ? error.message : String(error),
        })
      }
      if (!outcome.ok) return fail(command, outcome.error)
      if (import.meta.env.DEV) (await import('./result-check')).checkResult(command, outcome.result)
      return outcome.result
    },
    on: (event, listener) => bridge.on(event, listener),
    get link() {
      return linkSource?.link ?? 'open'
    },
    onLink: (listener) => linkSource?.onLink(listener) ?? (() => {}),
    onCallError(listener) {
      errorListeners.add(listener)
      return () => errorListeners.delete(listener)
    },
  }
}

/** ws(s)://<this host>/bridge: browser mode serves the page and the bridge from one origin. */
export function bridgeUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/bridge`
}

/**
 * The one-time `?token=` has done its job once the host has set its cookie; keep it out of
 * the address bar, history and anything a user might copy.
 */
export function stripTokenFromUrl(win: Pick<Window, 'location' | 'history'> = window): void {
  const url = new URL(win.location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  win.history.replaceState(win.history.state, '', url.toString())
}

/** Electron's preload when present, otherwise browser mode over a WebSocket. */
export function connectDesk(win: Window = window): DeskClient {
  if (win.explorerDesk) return createDeskClient(win.explorerDesk, 'electron')
  const socket = new SocketBridge({ url: bridgeUrl(win.location) })
  socket.connect()
  return createDeskClient(socket, 'web', socket)
}
