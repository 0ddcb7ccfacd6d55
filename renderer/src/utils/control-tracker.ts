/**
 * The fate of each property change sent to a device: pending until a push shows the
 * device holding the sent value (or carrying the control's clientToken), failed when the
 * cloud refuses the call or no confirmation comes in time.
 */
import { sameValue } from './thing-widgets'

export type ControlStatus = 'pending' | 'confirmed' | 'failed'

export interface ControlEntry {
  status: ControlStatus
  value: unknown
  sentAtMs: number
  clientToken?: string
  /** Why it failed: the cloud's error, or no confirmation in time. */
  failure?: { kind: 'api'; error: unknown } | { kind: 'timeout' }
}

export interface TrackerOptions {
  timeoutMs: number
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

export const CONTROL_TIMEOUT_MS = 10_000

export class ControlTracker {
  private timers = new Map<string, unknown>()
  private readonly now: () => number
  private readonly setTimer: (fn: () => void, ms: number) => unknown
  private readonly clearTimer: (handle: unknown) => void

  /** `entries` is the caller's (reactive) record, so views follow every transition. */
  constructor(
    readonly entries: Record<string, ControlEntry>,
    private readonly options: TrackerOptions = { timeoutMs: CONTROL_TIMEOUT_MS },
  ) {
    this.now = options.now ?? Date.now
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  }

  /** A change is on its way; a newer send for the same property replaces the older one. */
  send(propertyId: string, value: unknown): void {
    this.stopTimer(propertyId)
    this.entries[propertyId] = { status: 'pending', value, sentAtMs: this.now() }
    this.timers.set(
      propertyId,
      this.setTimer(() => this.settle(propertyId, 'failed', { kind: 'timeout' }), this.options.timeoutMs),
    )
  }

  /** The cloud accepted the call; remembers its clientToken where it returned one. */
  accepted(propertyIds: string[], clientToken: string): void {
    for (const id of propertyIds) {
      const entry = this.entries[id]
      if (entry?.status === 'pending' && clientToken) entry.clientToken = clientToken
    }
  }

  /** The cloud refused the call: every property it carried fails, unless already confirmed. */
  rejected(propertyIds: string[], error: unknown): void {
    for (const id of propertyIds) {
      if (this.entries[id]?.status === 'pending') this.settle(id, 'failed', { kind: 'api', error })
    }
  }

  /** A property push: confirms pending sends it matches by value or by clientToken. */
  observe(values: Record<string, unknown>, clientToken = ''): void {
    for (const [id, value] of Object.entries(values)) {
      const entry = this.entries[id]
      if (entry?.status !== 'pending') continue
      const byToken = clientToken !== '' && entry.clientToken === clientToken
      if (byToken || sameValue(entry.value, value)) this.settle(id, 'confirmed')
    }
  }

  status(propertyId: string): ControlStatus | undefined {
    return this.entries[propertyId]?.status
  }

  dispose(): void {
    for (const id of [...this.timers.keys()]) this.stopTimer(id)
  }

  private settle(propertyId: string, status: ControlStatus, failure?: ControlEntry['failure']): void {
    this.stopTimer(propertyId)
    const entry = this.entries[propertyId]
    if (!entry) return
    entry.status = status
    if (failure) entry.failure = failure
  }

  private stopTimer(propertyId: string): void {
    const handle = this.timers.get(propertyId)
    if (handle !== undefined) this.clearTimer(handle)
    this.timers.delete(propertyId)
  }
}
