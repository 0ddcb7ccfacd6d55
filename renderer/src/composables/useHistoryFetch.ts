/**
 * Fetching the history of one or more devices at once: one history.fetch job per device,
 * their history.progress summed for one progress bar, Cancel stopping every job. Answers
 * are kept in a shallowRef and frozen by markRaw: a million points must never become
 * reactive (Vue would wrap every element on first read).
 */
import { markRaw, onScopeDispose, ref, shallowRef } from 'vue'
import type { HistoryFetchResult, HistoryProgress } from '@shared/history'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'

export interface HistoryRequest {
  deviceId: string
  properties: string[]
  fromMs: number
  toMs: number
}

export type FetchStatus = 'idle' | 'loading' | 'ready' | 'error' | 'cancelled'

export interface FetchProgress {
  points: number
  pages: number
  segmentsDone: number
  segmentsTotal: number
}

const emptyProgress = (): FetchProgress => ({ points: 0, pages: 0, segmentsDone: 0, segmentsTotal: 0 })

let jobCounter = 0
function newJobId(): string {
  jobCounter += 1
  return `ui-${Date.now().toString(36)}-${jobCounter}`
}

export function useHistoryFetch() {
  const desk = useDesk()
  const status = ref<FetchStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const progress = ref<FetchProgress>(emptyProgress())
  const results = shallowRef<readonly HistoryFetchResult[]>([])
  /** Wall time of the last fetch, shown next to the figures. */
  const elapsedMs = ref(0)

  let running = new Map<string, HistoryProgress | null>()
  let seq = 0

  const stop = desk.on('history.progress', (event) => {
    if (!running.has(event.jobId)) return
    running.set(event.jobId, event)
    progress.value = sumProgress(running.values())
  })
  onScopeDispose(() => {
    stop()
    void cancel()
  })

  async function fetch(requests: readonly HistoryRequest[]): Promise<void> {
    await cancel()
    const mine = ++seq
    const jobs = requests.map((r) => ({ request: r, jobId: newJobId() }))
    running = new Map(jobs.map((j) => [j.jobId, null]))
    status.value = 'loading'
    error.value = null
    progress.value = emptyProgress()
    const started = performance.now()
    try {
      const answers = await Promise.all(jobs.map((j) => desk.call('history.fetch', { ...j.request, events: true, jobId: j.jobId })))
      if (mine !== seq) return
      results.value = markRaw(answers.map((a) => markRaw(a)))
      status.value = 'ready'
    } catch (failure) {
      if (mine !== seq) return
      const detail = toBridgeError(failure)
      // Cancel the siblings of a failed job: a partial comparison would mislead. (A cancel
      // already reached every job.)
      if (detail.kind !== 'cancelled') await cancelJobs([...running.keys()])
      status.value = detail.kind === 'cancelled' ? 'cancelled' : 'error'
      error.value = detail.kind === 'cancelled' ? null : detail
    } finally {
      if (mine === seq) {
        running = new Map()
        elapsedMs.value = performance.now() - started
      }
    }
  }

  /** Stops every running job; the pending fetch ends as 'cancelled'. */
  async function cancel(): Promise<void> {
    if (running.size === 0) return
    const ids = [...running.keys()]
    await cancelJobs(ids)
  }

  async function cancelJobs(ids: string[]): Promise<void> {
    await Promise.all(ids.map((jobId) => desk.call('history.cancel', { jobId }).catch(() => undefined)))
  }

  return { status, error, progress, results, elapsedMs, fetch, cancel }
}

function sumProgress(events: Iterable<HistoryProgress | null>): FetchProgress {
  const sum = emptyProgress()
  for (const e of events) {
    if (!e) continue
    sum.points += e.points
    sum.pages += e.pages
    sum.segmentsDone += e.segmentsDone
    sum.segmentsTotal += e.segmentsTotal
  }
  return sum
}
