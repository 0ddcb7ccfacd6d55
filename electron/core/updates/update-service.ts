/**
 * When to look for updates and what to tell the user. Checks shortly after start and on
 * request; a newer version is downloaded at once, with progress, then waits for the user's
 * "restart to update". A failed check leaves a clear reason and is tried again later by
 * itself; a check already running is joined, never doubled; a download is never interrupted
 * by another check.
 */
import type { UpdateState } from '../../../shared/contracts/updates'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import { systemClock, type Clock, type TimerHandle } from '../rollout/clock'
import { classifyUpdateError } from './update-errors'
import type { UpdateChannel, UpdaterPort } from './updater-port'

export interface UpdateTuning {
  /** After start, so the first check does not compete with signing in. */
  startDelayMs: number
  /** After a failed check, the next automatic one. */
  retryMs: number
  /** Between automatic checks while the app stays open. */
  periodMs: number
}

const DEFAULT_TUNING: UpdateTuning = { startDelayMs: 10_000, retryMs: 30 * 60_000, periodMs: 6 * 3600_000 }

export interface UpdateDeps {
  /** null where the app is not an installed build (browser mode, development). */
  port: UpdaterPort | null
  currentVersion: string
  channel(): UpdateChannel
  emit(state: UpdateState): void
  log?(message: string, detail: Record<string, unknown>): void
  now?: () => number
  timers?: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  tuning?: Partial<UpdateTuning>
}

const MESSAGES = {
  unreachable: 'The update server could not be reached. Check the network or the proxy in Settings; the app tries again later.',
  invalid: 'The update server answered with update information that cannot be used. The app tries again later.',
  failed: 'The update could not be checked or downloaded. The app tries again later.',
}

export class UpdateService {
  private current: UpdateState
  private running: Promise<UpdateState> | null = null
  private timer: TimerHandle | null = null
  private readonly tuning: UpdateTuning
  private readonly timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  private readonly now: () => number

  constructor(private readonly deps: UpdateDeps) {
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning }
    this.timers = deps.timers ?? systemClock
    this.now = deps.now ?? Date.now
    this.current = { status: deps.port ? 'idle' : 'unsupported', currentVersion: deps.currentVersion }
  }

  get state(): UpdateState {
    return this.current
  }

  /** Schedules the first automatic check. */
  start(): void {
    if (this.deps.port) this.schedule(this.tuning.startDelayMs)
  }

  /** Checks now, or joins the check or download already running. */
  check(): Promise<UpdateState> {
    const port = this.deps.port
    if (!port || this.current.status === 'ready') return Promise.resolve(this.current)
    this.running ??= this.run(port).finally(() => (this.running = null))
    return this.running
  }

  /** The channel changed: what the other channel offers is another question. */
  channelChanged(): void {
    if (this.deps.port && this.current.status !== 'downloading' && this.current.status !== 'ready') void this.check()
  }

  install(): void {
    if (!this.deps.port || this.current.status !== 'ready') {
      throw new ApiError({ kind: 'config', code: LocalCode.InvalidArguments, message: 'No downloaded update is waiting to be installed.' })
    }
    this.deps.log?.('installing update', { version: this.current.version })
    this.deps.port.install()
  }

  close(): void {
    if (this.timer) this.timers.clearTimeout(this.timer)
    this.timer = null
  }

  private async run(port: UpdaterPort): Promise<UpdateState> {
    this.set({ status: 'checking' })
    let offered: Awaited<ReturnType<UpdaterPort['check']>>
    try {
      offered = await port.check(this.deps.channel())
    } catch (error) {
      return this.fail(error, 'check')
    }
    if (!offered) return this.done({ status: 'up-to-date' }, this.tuning.periodMs)
    this.set({ status: 'downloading', version: offered.version, percent: 0 })
    try {
      await port.download((p) => this.set({ ...this.current, percent: clampPercent(p.percent), transferredBytes: p.transferred, totalBytes: p.total }))
    } catch (error) {
      return this.fail(error, 'download')
    }
    this.deps.log?.('update downloaded', { version: offered.version })
    return this.done({ status: 'ready', version: offered.version, percent: 100 }, null)
  }

  private fail(error: unknown, during: 'check' | 'download'): UpdateState {
    const reason = classifyUpdateError(error)
    this.deps.log?.(`update ${during} failed`, { reason, message: error instanceof Error ? error.message : String(error) })
    return this.done({ status: 'error', error: { reason, message: MESSAGES[reason] } }, this.tuning.retryMs)
  }

  private done(fields: Omit<UpdateState, 'currentVersion' | 'checkedAtMs'>, nextInMs: number | null): UpdateState {
    this.set({ ...fields, checkedAtMs: this.now() })
    if (nextInMs !== null) this.schedule(nextInMs)
    return this.current
  }

  private schedule(ms: number): void {
    if (this.timer) this.timers.clearTimeout(this.timer)
    this.timer = this.timers.setTimeout(() => {
      this.timer = null
      void this.check()
    }, ms)
  }

  private set(fields: Omit<UpdateState, 'currentVersion'>): void {
    this.current = { ...fields, currentVersion: this.deps.currentVersion }
    this.deps.emit(this.current)
  }
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0))
}
