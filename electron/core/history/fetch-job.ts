/**
 * One history fetch: what the cache holds of the range is read locally; the rest (the
 * gaps) is cut into segments fetched concurrently, each paging sequentially; everything is
 * merged in time order. Each segment's settled part is cached as soon as the segment is
 * complete (its points and its span in one transaction): the writes overlap the other
 * segments' network waits, and a cancelled or failed job keeps what it finished.
 */
import type { HistoryEventMark, HistoryFetchResult, HistoryProgress } from '../../../shared/history'
import type { CloudCall } from '../api/cloud-call'
import { mapConcurrently } from '../../../shared/concurrency'
import { ProgressThrottle } from '../progress-throttle'
import { EVENTS_SERIES, type HistoryCache, type StoreItem } from './cache'
import { eventPageReader, pointPageReader } from './cloud-pages'
import { append, emptyColumns, mergePieces, type Columns, type Piece } from './columns'
import { readAllPages } from './cursor-paging'
import { mergeEventPieces, type EventPiece } from './event-merge'
import { cancelledError, type RetryPolicy } from './retry'
import { intersect, planSegments, totalLength, uncovered, type Span } from './spans'

/** A job's running counts (its progress event, less the job id). */
export type ProgressCounts = Omit<HistoryProgress, 'jobId'>

export interface FetchRequest {
  deviceId: string
  properties: readonly string[]
  fromMs: number
  toMs: number
  /** How many segments the gaps are cut into, and how many requests run at once. */
  segments: number
  events: boolean
}

export interface FetchJobDeps {
  call: CloudCall
  cache: HistoryCache
  /** Which cloud the cached series belong to. */
  scope: string
  now: () => number
  retry: RetryPolicy
  /** Data newer than now - settleMs is returned but not cached. */
  settleMs: number
  /** No segment is cut shorter than this. */
  minSegmentMs: number
  progressIntervalMs: number
  onProgress: (counts: ProgressCounts) => void
}

/** One series of the job (a property, or the events): what the cache has and what is missing. */
interface SeriesPlan {
  name: string
  seriesId: number
  covered: Span[]
  gaps: Span[]
}

/** A span of one series fetched by one sequence of pages. */
interface Unit {
  plan: SeriesPlan
  span: Span
}

type UnitResult = Columns | HistoryEventMark[]

export async function runFetchJob(jobId: string, request: FetchRequest, deps: FetchJobDeps, signal: AbortSignal): Promise<HistoryFetchResult> {
  const range: Span = { fromMs: request.fromMs, toMs: request.toMs }
  const cacheableUntilMs = Math.min(request.toMs, deps.now() - deps.settleMs)
  const plans = planSeries(request, deps, range)
  // Read before fetching: a concurrent job's eviction cannot take them away mid-way.
  const cached = plans.map((plan) => plan.covered.map((span) => readCached(deps.cache, plan, span)))
  const units = segmentUnits(plans, request.segments, deps.minSegmentMs)
  const progress = new JobProgress(units.length, deps)
  const fetching = { request, deps, signal, progress, cacheableUntilMs }
  let results: UnitResult[]
  try {
    results = await fetchUnits(units, fetching)
  } finally {
    progress.stop()
    // Touched first: what this job read is the most recently used, and evicted last.
    deps.cache.touch(plans.map((p) => p.seriesId), range)
    deps.cache.evict()
  }
  return {
    jobId,
    deviceId: request.deviceId,
    fromMs: request.fromMs,
    toMs: request.toMs,
    ...assemble(plans, cached, units, results),
    fromCache: { points: countOf(cached.flat()), spans: plans.reduce((n, p) => n + p.covered.length, 0) },
    fetched: { points: progress.counts.points, pages: progress.counts.pages, retries: progress.retries, segments: units.length },
    cacheableUntilMs,
  }
}

function planSeries(request: FetchRequest, deps: FetchJobDeps, range: Span): SeriesPlan[] {
  const names = request.events ? [...request.properties, EVENTS_SERIES] : [...request.properties]
  return names.map((name) => {
    const seriesId = deps.cache.seriesId({ scope: deps.scope, deviceId: request.deviceId, property: name })
    const covered = deps.cache.covered(seriesId, range)
    return { name, seriesId, covered, gaps: uncovered(range, covered) }
  })
}

function readCached(cache: HistoryCache, plan: SeriesPlan, span: Span): Piece | EventPiece {
  return plan.name === EVENTS_SERIES ? { span, events: cache.readEvents(plan.seriesId, span) } : { span, ...cache.readPoints(plan.seriesId, span) }
}

/** The properties' gaps share the segments by length; each events gap is read whole (events are few). */
function segmentUnits(plans: readonly SeriesPlan[], segments: number, minSegmentMs: number): Unit[] {
  const pointPlans = plans.filter((p) => p.name !== EVENTS_SERIES)
  const totalMs = totalLength(pointPlans.flatMap((p) => p.gaps))
  return plans.flatMap((plan) => {
    const spans = plan.name === EVENTS_SERIES ? plan.gaps : planSegments(plan.gaps, segments, minSegmentMs, totalMs)
    return spans.map((span) => ({ plan, span }))
  })
}

/** What every unit of one job shares. */
interface Fetching {
  request: FetchRequest
  deps: FetchJobDeps
  signal: AbortSignal
  progress: JobProgress
  cacheableUntilMs: number
}

/**
 * Every unit: the point segments `segments` at a time, the events (a page or two) beside
 * them, so a short listing never holds up a segment. The first failure (after its retries)
 * aborts the others' requests; a cancel aborts them all. Either way no new request starts,
 * and the job answers only once every request has settled.
 */
async function fetchUnits(units: readonly Unit[], job: Fetching): Promise<UnitResult[]> {
  const inner = new AbortController()
  const onAbort = () => inner.abort()
  job.signal.addEventListener('abort', onAbort, { once: true })
  if (job.signal.aborted) inner.abort()
  const results = new Array<UnitResult>(units.length)
  let failure: { error: unknown } | undefined
  const runUnit = async (i: number) => {
    if (inner.signal.aborted) return
    try {
      const unit = units[i] as Unit
      results[i] = await fetchUnit(unit, job.request.deviceId, job.deps, inner.signal, job.progress)
      storeSettled(job.deps.cache, unit, results[i] as UnitResult, job.cacheableUntilMs)
      job.progress.unitDone()
    } catch (error) {
      failure ??= { error }
      inner.abort()
    }
  }
  const indexes = units.map((_, i) => i)
  const isEvents = (i: number) => (units[i] as Unit).plan.name === EVENTS_SERIES
  try {
    await Promise.all([
      mapConcurrently(indexes.filter((i) => !isEvents(i)), job.request.segments, runUnit),
      mapConcurrently(indexes.filter(isEvents), 1, runUnit),
    ])
  } finally {
    job.signal.removeEventListener('abort', onAbort)
  }
  if (job.signal.aborted) throw cancelledError()
  if (failure) throw failure.error
  return results
}

async function fetchUnit(unit: Unit, deviceId: string, deps: FetchJobDeps, signal: AbortSignal, progress: JobProgress): Promise<UnitResult> {
  const hooks = { signal, retry: deps.retry, onRetry: () => progress.retried() }
  if (unit.plan.name === EVENTS_SERIES) {
    const events: HistoryEventMark[] = []
    const onPage = (items: HistoryEventMark[], count: number) => {
      for (const e of items) events.push(e)
      progress.page(count)
    }
    await readAllPages(eventPageReader(deps.call, deviceId, unit.span, signal), { ...hooks, onPage })
    return events
  }
  const points = emptyColumns()
  const onPage = (items: Columns, count: number) => {
    append(points, items)
    progress.page(count)
  }
  await readAllPages(pointPageReader(deps.call, deviceId, unit.plan.name, unit.span, signal), { ...hooks, onPage })
  return points
}

/**
 * Caches what lies before now - settle: devices report late and the cloud may still add
 * points to the last minutes (or to the future), so that tail is fetched again every time.
 */
function storeSettled(cache: HistoryCache, unit: Unit, result: UnitResult, cacheableUntilMs: number): void {
  const settled = intersect(unit.span, { fromMs: unit.span.fromMs, toMs: cacheableUntilMs })
  if (!settled) return
  const item: StoreItem = Array.isArray(result)
    ? { seriesId: unit.plan.seriesId, spans: [settled], events: result }
    : { seriesId: unit.plan.seriesId, spans: [settled], points: result }
  cache.store([item])
}

function assemble(plans: readonly SeriesPlan[], cached: readonly (Piece | EventPiece)[][], units: readonly Unit[], results: readonly UnitResult[]) {
  const series: HistoryFetchResult['series'] = []
  let events: HistoryEventMark[] = []
  plans.forEach((plan, p) => {
    const fetched = units.flatMap((unit, i) => (unit.plan === plan ? [{ span: unit.span, result: results[i] as UnitResult }] : []))
    if (plan.name === EVENTS_SERIES) {
      const pieces = [...(cached[p] as EventPiece[]), ...fetched.map((f) => ({ span: f.span, events: f.result as HistoryEventMark[] }))]
      events = mergeEventPieces(pieces)
    } else {
      const pieces = [...(cached[p] as Piece[]), ...fetched.map((f) => ({ span: f.span, ...(f.result as Columns) }))]
      series.push({ property: plan.name, ...mergePieces(pieces) })
    }
  })
  return { series, events }
}

function countOf(pieces: readonly (Piece | EventPiece)[]): number {
  return pieces.reduce((n, piece) => n + ('events' in piece ? piece.events.length : piece.times.length), 0)
}

/** The job's running counts, pushed through the throttle. */
class JobProgress {
  readonly counts: ProgressCounts
  retries = 0
  private readonly throttle: ProgressThrottle<ProgressCounts>

  constructor(segmentsTotal: number, deps: FetchJobDeps) {
    this.counts = { points: 0, pages: 0, segmentsDone: 0, segmentsTotal }
    this.throttle = new ProgressThrottle(deps.onProgress, deps.progressIntervalMs)
  }

  page(items: number): void {
    this.counts.pages += 1
    this.counts.points += items
    this.throttle.update(this.counts)
  }

  unitDone(): void {
    this.counts.segmentsDone += 1
    this.throttle.update(this.counts)
  }

  retried(): void {
    this.retries += 1
  }

  stop(): void {
    this.throttle.stop()
  }
}
