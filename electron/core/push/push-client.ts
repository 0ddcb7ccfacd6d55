import { randomUUID } from 'node:crypto'
import type { Agent } from 'node:http'
import WebSocket from 'ws'
import type { DeviceChangeParams, WsAnswer } from '../../../shared/api/push'
import type { ConnectionState } from '../../../shared/domain'
import type { DeviceEvent } from '../../../shared/live'
import { systemClock, type Clock, type TimerHandle } from '../rollout/clock'
import { toDeviceEvent } from './decode'
import { readFrame } from './frame'
import { SeqFilter } from './seq-filter'
import { backoffDelay } from '../../../shared/retry'

export interface PushClientOptions {
  /** The long-connection URL (ws:// or wss://). */
  url: string
  /** The current AccessToken, or null when signed out. */
  token(): string | null
  onEvent(event: DeviceEvent): void
  onState(state: ConnectionState): void
  /** After every (re)subscription: fetch what may have changed while we were away. */
  onResync(deviceIds: string[]): void
  /** The cloud refused the token: the session is over. */
  onTokenRejected(): void
  /** Heartbeat period; the reference asks for one at least every 60 s (SDK: 50 s). */
  heartbeatMs?: number
  /** How long an answer may take before the connection counts as dead (SDK: 20 s). */
  answerTimeoutMs?: number
  backoffBaseMs?: number
  backoffCapMs?: number
  random?: () => number
  now?: () => number
  /** Timers for heartbeats, answer deadlines and backoff (tests pass a clock they move). */
  timers?: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  /** The agent a connection goes through (a proxy's), read on every connect so a change applies on the next one. */
  agent?: (url: string) => Agent | undefined
  /** Where dropped frames are reported: the first one, then at most once a minute with the count. */
  log?: (message: string, detail: Record<string, unknown>) => void
}

/** What the connection has seen; `droppedFrames` counts malformed frames ignored. */
export interface PushStats {
  pushes: number
  droppedFrames: number
  lastDropReason: string | null
}

const DROP_LOG_INTERVAL_MS = 60_000

interface Pending {
  resolve(answer: WsAnswer): void
  reject(error: Error): void
  timer: TimerHandle
}

const TOKEN_ERRORS = /InvalidAccessToken|AccessTokenExpired|TokenExpired/

/**
 * The WebSocket push connection, kept alive: subscribes with ActivePush, beats the
 * heartbeat, notices a dead link (error, close, or an answer that never comes),
 * reconnects with jittered exponential backoff capped at 30 s, resubscribes, and asks
 * for a resync. Pushes are decoded, de-duplicated by (DeviceId, Seq) and handed on.
 * It only ever sends subscriptions and heartbeats: nothing mutating is re-sent here.
 */
export class PushClient {
  private socket: WebSocket | null = null
  private readonly pending = new Map<string, Pending>()
  private readonly seen = new SeqFilter()
  private wanted: string[] = []
  private attempt = 0
  private stopped = true
  private heartbeat: TimerHandle | null = null
  private retryTimer: TimerHandle | null = null
  private readonly o: Required<PushClientOptions>
  private readonly counts: PushStats = { pushes: 0, droppedFrames: 0, lastDropReason: null }
  private droppedSinceLog = 0
  private lastDropLogAt = -Infinity

  constructor(options: PushClientOptions) {
    this.o = {
      heartbeatMs: 50_000,
      answerTimeoutMs: 20_000,
      backoffBaseMs: 500,
      backoffCapMs: 30_000,
      random: Math.random,
      now: Date.now,
      log: () => {},
      timers: systemClock,
      agent: () => undefined,
      ...options,
    }
  }

  get stats(): Readonly<PushStats> {
    return { ...this.counts }
  }

  get subscribed(): readonly string[] {
    return this.wanted
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.connect()
  }

  /** The devices to hear about (replaces the previous set, as ActivePush does). */
  watch(deviceIds: string[]): void {
    this.wanted = [...new Set(deviceIds)]
    if (this.socket?.readyState === WebSocket.OPEN) void this.subscribe()
  }

  stop(): void {
    this.stopped = true
    this.teardown()
    this.o.onState({ status: 'idle' })
  }

  private connect(): void {
    if (this.stopped) return
    if (!this.o.token()) return this.o.onState({ status: 'offline', detail: 'Not signed in.' })
    this.o.onState({ status: 'connecting' })
    const socket = new WebSocket(this.o.url, { agent: this.o.agent(this.o.url) })
    this.socket = socket
    socket.on('open', () => void this.subscribe())
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary))
    socket.on('error', () => socket.terminate())
    socket.on('close', () => {
      if (this.socket === socket) this.lost('The connection closed.')
    })
  }

  private async subscribe(): Promise<void> {
    const socket = this.socket
    try {
      const answer = await this.request('ActivePush', { DeviceIds: this.wanted, AccessToken: this.o.token() ?? '' })
      if (socket !== this.socket) return
      if (this.refusesToken(answer)) return
      this.attempt = 0
      this.o.onState({ status: 'live' })
      this.startHeartbeat()
      this.o.onResync(this.wanted)
    } catch {
      socket?.terminate() // no answer in time: treat the link as dead
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) this.o.timers.clearTimeout(this.heartbeat)
    this.heartbeat = this.o.timers.setTimeout(() => {
      this.startHeartbeat()
      void this.beat()
    }, this.o.heartbeatMs)
  }

  private async beat(): Promise<void> {
    const socket = this.socket
    try {
      const answer = await this.request('YunApi', {
        Action: 'AppDeviceTraceHeartBeat',
        ActionParams: { DeviceIds: this.wanted, AccessToken: this.o.token() ?? '', RequestId: randomUUID() },
      })
      this.refusesToken(answer)
    } catch {
      if (socket === this.socket) socket?.terminate()
    }
  }

  private refusesToken(answer: WsAnswer): boolean {
    const text = `${answer.error} ${answer.error_message} ${JSON.stringify(answer.data ?? '')}`
    if (!TOKEN_ERRORS.test(text)) return false
    this.stopped = true
    this.teardown()
    this.o.onState({ status: 'offline', detail: 'The cloud refused the sign-in.' })
    this.o.onTokenRejected()
    return true
  }

  private request(action: string, params: Record<string, unknown>): Promise<WsAnswer> {
    const reqId = randomUUID()
    return new Promise((resolve, reject) => {
      const timer = this.o.timers.setTimeout(() => {
        this.pending.delete(reqId)
        reject(new Error(`No answer to ${action} within ${this.o.answerTimeoutMs} ms`))
      }, this.o.answerTimeoutMs)
      this.pending.set(reqId, { resolve, reject, timer })
      this.socket?.send(JSON.stringify({ action, reqId, params }))
    })
  }

  /** A frame we cannot read is counted, logged and dropped: the connection itself is fine. */
  private receive(data: Buffer, isBinary: boolean): void {
    const frame = readFrame(data, isBinary)
    if (frame.kind === 'malformed') return this.dropped(frame.reason)
    if (frame.kind === 'push') return this.onPush(frame.push)
    const reqId = String(frame.answer.reqId)
    const pending = this.pending.get(reqId)
    if (!pending) return // a late answer to a request that already timed out
    this.pending.delete(reqId)
    this.o.timers.clearTimeout(pending.timer)
    pending.resolve(frame.answer)
  }

  private onPush(push: DeviceChangeParams): void {
    this.counts.pushes += 1
    if (!this.seen.isNew(push.DeviceId, push.Seq)) return
    try {
      this.o.onEvent(toDeviceEvent(push, this.o.now()))
    } catch {
      // Thrown inside ws's 'message' dispatch, this would reach the process: drop it instead.
      this.dropped('push the app could not apply')
    }
  }

  private dropped(reason: string): void {
    this.counts.droppedFrames += 1
    this.counts.lastDropReason = reason
    this.droppedSinceLog += 1
    const now = this.o.now()
    if (now - this.lastDropLogAt < DROP_LOG_INTERVAL_MS) return
    this.o.log('push frame dropped', { reason, dropped: this.droppedSinceLog, droppedTotal: this.counts.droppedFrames })
    this.lastDropLogAt = now
    this.droppedSinceLog = 0
  }

  private lost(detail: string): void {
    this.teardown()
    if (this.stopped) return
    this.attempt += 1
    const delay = this.backoff()
    this.o.onState({ status: 'retrying', retryInMs: delay, detail })
    this.retryTimer = this.o.timers.setTimeout(() => this.connect(), delay)
  }

  /** Exponential, capped, between half and all of it at random so a fleet of desks doesn't reconnect in step. */
  private backoff(): number {
    return backoffDelay(this.attempt - 1, { baseMs: this.o.backoffBaseMs, capMs: this.o.backoffCapMs, jitter: [0.5, 1] }, this.o.random)
  }

  private teardown(): void {
    if (this.heartbeat) this.o.timers.clearTimeout(this.heartbeat)
    if (this.retryTimer) this.o.timers.clearTimeout(this.retryTimer)
    this.heartbeat = null
    this.retryTimer = null
    for (const [, pending] of this.pending) {
      this.o.timers.clearTimeout(pending.timer)
      pending.reject(new Error('The connection closed.'))
    }
    this.pending.clear()
    const socket = this.socket
    this.socket = null
    socket?.removeAllListeners('close')
    socket?.terminate()
  }
}
