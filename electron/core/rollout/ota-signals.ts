/**
 * Push hints for upgrades in flight: a WebSocket connection of the engine's own, subscribed
 * to exactly the devices being upgraded (the user's live view keeps its own subscription,
 * since ActivePush replaces a connection's list). A progress push updates the board at once
 * and an end (Status 5 or 6) makes the engine check the device right away instead of at its
 * next poll. Pushes are only hints: the engine decides from AppDescribeFirmwareUpdateStatus
 * and AppCheckFirmwareUpdate, and polls anyway, so a lost push costs time, never truth.
 */
import type { DeviceEvent } from '../../../shared/live'
import { pushUrlFor } from '../api/endpoints'
import { PushClient, type PushClientOptions } from '../push/push-client'
import type { Clock, TimerHandle } from './clock'

export type OtaEvent = Extract<DeviceEvent, { kind: 'ota' }>

export interface OtaSignalsDeps {
  baseUrl(): string | null
  accessToken(): string | null
  onOta(event: OtaEvent): void
  /** The connection came (back): pushes may have been missed, check every device in flight. */
  onLive(): void
  clock: Clock
  /** Subscription changes are gathered for this long before one ActivePush. */
  debounceMs: number
  push?: Partial<Pick<PushClientOptions, 'heartbeatMs' | 'answerTimeoutMs' | 'backoffBaseMs' | 'backoffCapMs'>>
}

export class OtaSignals {
  private client: PushClient | null = null
  private readonly wanted = new Set<string>()
  private timer: TimerHandle | null = null
  private live = false

  constructor(private readonly deps: OtaSignalsDeps) {}

  add(deviceId: string): void {
    if (this.wanted.has(deviceId)) return
    this.wanted.add(deviceId)
    this.schedule()
  }

  remove(deviceId: string): void {
    // Unsubscribing is not urgent: a stray push for a finished device is ignored.
    this.wanted.delete(deviceId)
  }

  /** Closes the connection (session ended, or the engine stops). */
  stop(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer)
    this.timer = null
    this.client?.stop()
    this.client = null
    this.live = false
    this.wanted.clear()
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null
      this.subscribe()
    }, this.deps.debounceMs)
  }

  private subscribe(): void {
    if (this.wanted.size === 0) return
    const client = this.client ?? this.connect()
    client?.watch([...this.wanted])
  }

  private connect(): PushClient | null {
    const baseUrl = this.deps.baseUrl()
    if (!baseUrl || !this.deps.accessToken()) return null
    this.client = new PushClient({
      url: pushUrlFor(baseUrl),
      token: () => this.deps.accessToken(),
      onEvent: (event) => {
        if (event.kind === 'ota' && this.wanted.has(event.deviceId)) this.deps.onOta(event)
      },
      onState: (state) => {
        const wasLive = this.live
        this.live = state.status === 'live'
        if (this.live && !wasLive) this.deps.onLive()
      },
      onResync: () => {},
      // The session's own push connection reports a refused token; here we just stop.
      onTokenRejected: () => this.stop(),
      now: () => this.deps.clock.now(),
      ...this.deps.push,
    })
    this.client.start()
    return this.client
  }
}
