/**
 * A stand-in for the cloud's two history listings, for unit tests of the fetch engine:
 * MinTime/MaxTime (ms) and StartTime/EndTime (s) both inclusive like the sandbox, an
 * offset cursor, and levers for the ways a real server ends a listing, fails or stalls.
 */
import { LocalCode } from '../../shared/errors'
import { sleep } from '../../shared/retry'
import { ApiError } from '../../electron/core/api/api-error'
import type { CallOptions, Params } from '../../electron/core/api/cloud-client'
import type { CloudReply } from '../../electron/core/api/envelope'

export interface FakePoint {
  t: number
  v: string
}

export interface FakeEvent {
  s: number
  id: string
  type: string
}

export interface RecordedCall {
  action: string
  params: Params
  signal: AbortSignal | undefined
  /** Whether the call has answered (or failed). */
  settled: boolean
}

export interface FakeCloudOptions {
  points?: Record<string, FakePoint[]>
  events?: FakeEvent[]
  /**
   * How the last page says so: 'listover' (Listover true, Context ''), 'empty-page' (a full
   * last page with Listover false and a Context, then an empty page), 'empty-context'
   * (Listover false with Context '').
   */
  ending?: 'listover' | 'empty-page' | 'empty-context'
  /** Milliseconds before each answer (aborted by the call's signal like a real request). */
  delayMs?: number
  /** Called before each answer with the call's serial (0-based): a returned error fails it. */
  fail?: (serial: number, call: RecordedCall) => Error | undefined
}

export class FakeHistoryCloud {
  readonly calls: RecordedCall[] = []

  constructor(private readonly options: FakeCloudOptions) {}

  /** The CloudCall the history service takes. */
  readonly call = async (action: string, params: Params, call: CallOptions = {}): Promise<CloudReply> => {
    const recorded: RecordedCall = { action, params, signal: call.signal, settled: false }
    const serial = this.calls.push(recorded) - 1
    try {
      await this.wait(call.signal)
      const failure = this.options.fail?.(serial, recorded)
      if (failure) throw failure
      return { requestId: `req-${serial}`, data: action === 'AppListEventHistory' ? this.eventPage(params) : this.pointPage(params) }
    } finally {
      recorded.settled = true
    }
  }

  inFlight(): RecordedCall[] {
    return this.calls.filter((c) => !c.settled)
  }

  private pointPage(params: Params): Record<string, unknown> {
    const all = this.options.points?.[String(params.FieldName)] ?? []
    const inRange = all.filter((p) => p.t >= Number(params.MinTime) && p.t <= Number(params.MaxTime))
    const page = this.page(inRange, params.Context, Number(params.Limit))
    return { ...page.cursor, Results: page.items.map((p) => ({ Time: String(p.t), Value: p.v })) }
  }

  private eventPage(params: Params): Record<string, unknown> {
    const inRange = (this.options.events ?? []).filter((e) => e.s >= Number(params.StartTime) && e.s <= Number(params.EndTime))
    const page = this.page(inRange, params.Context, Number(params.Size))
    const EventHistory = page.items.map((e) => ({ TimeStamp: e.s, EventId: e.id, Type: e.type, Data: '{}' }))
    return { ...page.cursor, Total: inRange.length, EventHistory }
  }

  private page<T>(items: T[], context: unknown, limit: number): { items: T[]; cursor: { Listover: boolean; Context: string } } {
    const offset = context ? Number(String(context).slice(2)) : 0
    const slice = items.slice(offset, offset + limit)
    const next = offset + slice.length
    const more = next < items.length
    const ending = this.options.ending ?? 'listover'
    if (more) return { items: slice, cursor: { Listover: false, Context: `o:${next}` } }
    if (ending === 'empty-page' && slice.length > 0) return { items: slice, cursor: { Listover: false, Context: `o:${next}` } }
    if (ending === 'listover') return { items: slice, cursor: { Listover: true, Context: '' } }
    return { items: slice, cursor: { Listover: false, Context: ending === 'empty-page' ? `o:${next}` : '' } }
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    const cancelled = () => new ApiError({ kind: 'cancelled', code: LocalCode.Cancelled, message: 'The call was cancelled.' })
    return sleep(this.options.delayMs ?? 0, signal, cancelled)
  }
}

/** A server error the engine should retry. */
export const serverError = () => new ApiError({ kind: 'api', code: 'InternalServerError', message: 'Internal server error, please try again later.' })

/** A request error it should not. */
export const paramError = () => new ApiError({ kind: 'api', code: 'InvalidParameterValue', message: 'bad parameter' })

/** One point every `stepMs` over [fromMs, toMs], values cycling through a few numbers. */
export function regularPoints(fromMs: number, toMs: number, stepMs: number): FakePoint[] {
  const points: FakePoint[] = []
  for (let t = fromMs; t <= toMs; t += stepMs) points.push({ t, v: String(((t / stepMs) % 97) / 4) })
  return points
}
