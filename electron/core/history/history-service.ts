/**
 * History for charts: fetch jobs the renderer can follow and cancel, over a
 * local cache whose size it can cap.
 */
import { randomUUID } from 'node:crypto'
import type { HistoryCacheStats, HistoryFetchResult, HistoryProgress } from '../../../shared/history'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import type { CloudCall } from '../api/cloud-call'
import type { Db } from '../store/database'
import { HistoryCache } from './cache'
import { runFetchJob, type FetchRequest } from './fetch-job'
import { DEFAULT_RETRY, type RetryPolicy } from './retry'

/** What tests and benchmarks may tune. */
export interface HistoryTuning {
  retry: RetryPolicy
  /** The last this-many milliseconds before now are never cached (default 5 minutes). */
  settleMs: number
  minSegmentMs: number
  progressIntervalMs: number
}

export interface HistoryDeps {
  /** A read as the signed-in user (not audited: history changes nothing). */
  call: CloudCall
  db: Db
  now: () => number
  /** The signed-in cloud (its API base), or null: cached series are kept per cloud. */
  scope: () => string | null
  emitProgress: (progress: HistoryProgress) => void
  tuning?: Partial<HistoryTuning>
}

export const DEFAULT_TUNING: HistoryTuning = {
  retry: DEFAULT_RETRY,
  settleMs: 5 * 60_000,
  minSegmentMs: 60_000,
  progressIntervalMs: 100,
}

export type FetchArgs = FetchRequest & { jobId?: string }

export class HistoryService {
  readonly cache: HistoryCache
  /** Running jobs: how to stop each, and when it has settled. */
  private readonly jobs = new Map<string, { controller: AbortController; settled: Promise<unknown> }>()
  private readonly tuning: HistoryTuning

  constructor(private readonly deps: HistoryDeps) {
    this.cache = new HistoryCache(deps.db, deps.now)
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning }
  }

  async fetch({ jobId = randomUUID(), ...request }: FetchArgs): Promise<HistoryFetchResult> {
    const scope = this.deps.scope()
    if (!scope) throw new ApiError({ kind: 'session', code: LocalCode.NotSignedIn, message: 'Sign in first.' })
    if (this.jobs.has(jobId)) {
      throw new ApiError({ kind: 'validation', code: LocalCode.InvalidArguments, message: `A history fetch with job id ${jobId} is already running.` })
    }
    const controller = new AbortController()
    const job = runFetchJob(jobId, request, this.jobDeps(jobId, scope), controller.signal)
    this.jobs.set(jobId, { controller, settled: job.catch(() => undefined) })
    try {
      return await job
    } finally {
      this.jobs.delete(jobId)
    }
  }

  /** Aborts every request of the job; its fetch answers a 'cancelled' error. False if no such job runs. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId)
    job?.controller.abort()
    return job !== undefined
  }

  cacheStats(): HistoryCacheStats {
    return this.cache.stats()
  }

  clearCache(): { removedPoints: number } {
    return { removedPoints: this.cache.clear() }
  }

  /** Persists the cap and applies it at once. */
  setCacheLimit(maxPoints: number): HistoryCacheStats {
    this.cache.setMaxPoints(maxPoints)
    this.cache.evict(maxPoints)
    return this.cache.stats()
  }

  /** Cancels every running job: a new session must not finish fetches begun under the old one. */
  cancelAll(): Promise<unknown[]> {
    const running = [...this.jobs.values()]
    for (const job of running) job.controller.abort()
    return Promise.all(running.map((job) => job.settled))
  }

  /** Cancels every running job and waits until they have settled, so the store can close after. */
  async close(): Promise<void> {
    await this.cancelAll()
  }

  private jobDeps(jobId: string, scope: string) {
    return {
      call: this.deps.call,
      cache: this.cache,
      scope,
      now: this.deps.now,
      ...this.tuning,
      onProgress: (counts: Omit<HistoryProgress, 'jobId'>) => this.deps.emitProgress({ jobId, ...counts }),
    }
  }
}
