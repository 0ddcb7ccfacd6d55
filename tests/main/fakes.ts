/** Small stand-ins for the Electron objects the main-process modules take as parameters. */
import { vi } from 'vitest'
import type { BridgeResult } from '../../shared/errors'
import type { BridgeEvents, EventName } from '../../shared/contracts'
import type { Desk, EventListener } from '../../electron/core/desk-contract'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fake must accept every Electron listener shape
type Listener = (...args: any[]) => unknown

/** Records listeners by event name and lets a test fire them. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped)
      return listener(...args)
    }
    return this.on(event, wrapped)
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener))
    return this
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args)
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
}

/** An Electron-style event: preventDefault records that it was called. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  readonly sent: unknown[][] = []
  destroyed = false
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args])
  }
}

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void
type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void
type CheckHandler = (contents: unknown, permission: string) => boolean

type BeforeRequestListener = (details: { url: string; resourceType: string }, callback: (response: { cancel?: boolean }) => void) => void

export class FakeSession {
  headersListener: HeadersListener | null = null
  requestHandler: RequestHandler | null = null
  checkHandler: CheckHandler | null = null
  beforeRequestListener: BeforeRequestListener | null = null
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener
    },
    onBeforeRequest: (_filter: { urls: string[] }, listener: BeforeRequestListener) => {
      this.beforeRequestListener = listener
    },
  }
  /** Runs the request guard the way Chromium would: true when it cancelled the request. */
  request(url: string, resourceType: string): boolean {
    let cancelled = false
    this.beforeRequestListener?.({ url, resourceType }, (response) => {
      cancelled = response.cancel === true
    })
    return cancelled
  }
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler
  }
  /** Runs the installed listener the way Chromium would and returns the headers it answered. */
  receive(responseHeaders?: Record<string, string[]>): Record<string, string | string[]> | undefined {
    let answer: Record<string, string | string[]> | undefined
    this.headersListener?.({ responseHeaders }, (response) => {
      answer = response.responseHeaders
    })
    return answer
  }
}

type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>()
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** Calls the handler as a frame at `url` would (null: a destroyed frame). */
  invoke(channel: string, url: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler({ senderFrame: url === null ? null : { url } }, ...args)
  }
}

/** A Desk whose dispatch is a spy and whose events a test can emit. */
export class FakeDesk implements Desk {
  readonly dispatch = vi.fn(
    async (_command: unknown, _args: unknown): Promise<BridgeResult<unknown>> => ({ ok: true, result: 'done' }),
  )
  readonly close = vi.fn(async () => {})
  readonly mediaOrigins = vi.fn((): string[] => [])
  private readonly listeners = new Set<EventListener>()
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit<E extends EventName>(event: E, payload: BridgeEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload)
  }
  get listenerCount(): number {
    return this.listeners.size
  }
}
