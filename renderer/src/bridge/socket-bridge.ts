/**
 * Browser mode: the same DeskBridge contract over one WebSocket to the local host.
 * The host authenticates the socket by the HttpOnly cookie it set when the page was
 * opened, so nothing secret passes through here.
 */
import type { BridgeEvents, CommandArgs, CommandName, CommandResult, DeskBridge, EventName, WireToHost, WireToPage } from '@shared/contracts'
import type { BridgeError, BridgeResult } from '@shared/errors'
import { LocalCode, isBridgeError } from '@shared/errors'
import { backoffDelay } from '@shared/retry'
import { decodeBinaryFrame } from '@shared/wire-binary'

/** The part of the browser WebSocket this bridge uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}
export type SocketFactory = (url: string) => SocketLike

export type LinkState = 'connecting' | 'open' | 'closed'

export interface SocketBridgeOptions {
  url: string
  createSocket?: SocketFactory
  /** A call with no answer after this long fails with kind 'timeout'. */
  callTimeoutMs?: number
  initialBackoffMs?: number
  maxBackoffMs?: number
  random?: () => number
}

const OPEN = 1

interface Pending {
  resolve: (result: BridgeResult<unknown>) => void
  frame: string
  sent: boolean
  timer: ReturnType<typeof setTimeout>
}

export class SocketBridge implements DeskBridge {
  private readonly options: Required<SocketBridgeOptions>
  private socket: SocketLike | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()
  private readonly linkListeners = new Set<(state: LinkState) => void>()
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private failures = 0
  private disposed = false
  private _link: LinkState = 'closed'

  constructor(options: SocketBridgeOptions) {
    this.options = {
      createSocket: (url) => {
        const socket = new WebSocket(url)
        // History answers come as binary frames of number columns (shared/wire-binary.ts).
        socket.binaryType = 'arraybuffer'
        return socket as unknown as SocketLike
      },
      callTimeoutMs: 60_000,
      initialBackoffMs: 500,
      maxBackoffMs: 15_000,
      random: Math.random,
      ...options,
    }
  }

  get link(): LinkState {
    return this._link
  }

  connect(): void {
    if (this.disposed || this.socket) return
    this.clearReconnectTimer()
    this.setLink('connecting')
    let socket: SocketLike
    try {
      socket = this.options.createSocket(this.options.url)
    } catch {
      this.handleClose()
      return
    }
    this.socket = socket
    socket.onopen = () => {
      if (this.socket !== socket) return
      this.failures = 0
      this.setLink('open')
      this.flush()
    }
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data)
    }
    // 'error' is always followed by 'close'; the close handler does the work.
    socket.onerror = () => {}
    socket.onclose = () => {
      if (this.socket === socket) this.handleClose()
    }
  }

  /** Stop for good: fail what is pending and do not reconnect. */
  dispose(): void {
    this.disposed = true
    this.clearReconnectTimer()
    const socket = this.socket
    this.socket = null
    if (socket) {
      socket.onclose = null
      socket.close()
    }
    this.failAll(networkError('The bridge was closed.'))
    this.setLink('closed')
  }

  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<BridgeResult<CommandResult<C>>> {
    const id = this.nextId++
    const frame: WireToHost = { type: 'invoke', id, command, args }
    return new Promise<BridgeResult<unknown>>((resolve) => {
      if (this.disposed) {
        resolve({ ok: false, error: networkError('The bridge was closed.') })
        return
      }
      const timer = setTimeout(() => {
        this.pending.delete(id)
        resolve({
          ok: false,
          error: { kind: 'timeout', code: LocalCode.Timeout, message: `No answer to ${command} in time.` },
        })
      }, this.options.callTimeoutMs)
      this.pending.set(id, { resolve, frame: JSON.stringify(frame), sent: false, timer })
      if (this.socket?.readyState === OPEN) this.flush()
      // While waiting out a backoff, a user action is worth an immediate attempt.
      else if (!this.socket) this.connect()
    }) as Promise<BridgeResult<CommandResult<C>>>
  }

  on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.linkListeners.add(listener)
    return () => this.linkListeners.delete(listener)
  }

  private flush(): void {
    const socket = this.socket
    if (!socket || socket.readyState !== OPEN) return
    for (const call of this.pending.values()) {
      if (call.sent) continue
      call.sent = true
      socket.send(call.frame)
    }
  }

  private receive(data: unknown): void {
    let message: WireToPage
    try {
      message = (data instanceof ArrayBuffer ? decodeBinaryFrame(data) : JSON.parse(String(data))) as WireToPage
    } catch {
      return // not ours to interpret; the host only sends JSON and binary frames
    }
    if (message?.type === 'result') {
      const call = this.pending.get(message.id)
      if (!call) return // timed out already
      this.pending.delete(message.id)
      clearTimeout(call.timer)
      call.resolve(asResult(message.result))
    } else if (message?.type === 'event') {
      const set = this.listeners.get(message.event)
      if (!set) return
      for (const listener of [...set]) {
        try {
          listener(message.payload as never)
        } catch (error) {
          // One faulty listener must not starve the others.
          console.error('bridge event listener failed', error)
        }
      }
    }
  }

  private handleClose(): void {
    this.socket = null
    this.failAll(networkError('Lost the connection to the Explorer Desk host.'))
    this.setLink('closed')
    if (!this.disposed) this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    this.clearReconnectTimer()
    const { initialBackoffMs, maxBackoffMs, random } = this.options
    // Jitter keeps several windows from reconnecting in lockstep.
    const delay = backoffDelay(this.failures++, { baseMs: initialBackoffMs, capMs: maxBackoffMs, jitter: [0.75, 1.25] }, random)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.connect()
    }, delay)
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
  }

  private failAll(error: BridgeError): void {
    const calls = [...this.pending.values()]
    this.pending.clear()
    for (const call of calls) {
      clearTimeout(call.timer)
      call.resolve({ ok: false, error })
    }
  }

  private setLink(state: LinkState): void {
    if (this._link === state) return
    this._link = state
    for (const listener of [...this.linkListeners]) listener(state)
  }
}

function networkError(message: string): BridgeError {
  return { kind: 'network', code: LocalCode.NetworkError, message }
}

function asResult(value: unknown): BridgeResult<unknown> {
  if (typeof value === 'object' && value !== null) {
    const r = value as { ok?: unknown; result?: unknown; error?: unknown }
    if (r.ok === true) return { ok: true, result: r.result }
    if (r.ok === false && isBridgeError(r.error)) return { ok: false, error: r.error }
  }
  return {
    ok: false,
    error: { kind: 'internal', code: LocalCode.MalformedResponse, message: 'The host sent a malformed result.' },
  }
}
