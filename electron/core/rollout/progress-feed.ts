/**
 * Rollout changes towards the renderer, batched: at most one 'rollout.progress' event per
 * interval, carrying each changed rollout once with the devices that changed since.
 */
import type { RolloutProgress } from '../../../shared/rollout'
import type { Clock, TimerHandle } from './clock'

export class ProgressFeed {
  private readonly dirty = new Map<string, Set<string>>()
  private timer: TimerHandle | null = null
  private lastEmitMs = Number.NEGATIVE_INFINITY

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly build: (rolloutId: string, deviceIds: ReadonlySet<string>) => RolloutProgress | null,
    private readonly emit: (progress: RolloutProgress[]) => void,
  ) {}

  mark(rolloutId: string, deviceId?: string): void {
    const devices = this.dirty.get(rolloutId) ?? this.dirty.set(rolloutId, new Set()).get(rolloutId)!
    if (deviceId) devices.add(deviceId)
    if (this.timer) return
    const wait = Math.max(0, this.lastEmitMs + this.intervalMs - this.clock.now())
    this.timer = this.clock.setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (this.dirty.size === 0) return
    const changed = [...this.dirty]
    this.dirty.clear()
    const progress = changed.flatMap(([id, devices]) => this.build(id, devices) ?? [])
    this.lastEmitMs = this.clock.now()
    if (progress.length > 0) this.emit(progress)
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.dirty.clear()
  }
}
