/**
 * `DEVICES_BENCH_TRACE=1 DEVICES_BENCH_ONLY=filter npm run bench -- devices`: where the timed
 * filter changes spend their time, from a Chromium trace, as medians per kind on stderr.
 * Not figures: tracing slows the page. Per change, from its start (the `filter-change` mark
 * FILTER_AND_TIME sets) to the end of the frame that showed it, the main thread's tasks:
 * - change: the change's own task (handlers, Vue's render and patch);
 * - autofill: Chromium's autofill task after a <select> change (form_tracker.cc). Browser mode
 *   only: Electron has no Chrome autofill agent. It forces the layout before the frame, and
 *   Blink then updates the hover state (a hit test) in that frame instead of the next;
 * - frame: the frame's task; other: anything else;
 * and, within them, layout, style, paint and hover (Blink's mouse move after a layout).
 */
import type { CDPSession, Page } from 'playwright-core'
import { percentile } from './report'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; src_func?: string }
}
const PARTS = ['change', 'autofill', 'frame', 'other', 'layout', 'style', 'paint', 'hover'] as const
type Part = (typeof PARTS)[number]
const NESTED: Record<string, Part> = { Layout: 'layout', UpdateLayoutTree: 'style', Paint: 'paint', 'EventHandler::handleMouseMoveEvent': 'hover' }
const TASK = 'ThreadControllerImpl::RunTask'

/** Starts tracing; the function returned stops it and prints each kind's medians for its changes' latencies (ms, in the order they were made). */
export async function startFilterTrace(page: Page): Promise<(latencies: Record<string, readonly number[]>) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  await cdp.send('Tracing.start', { categories: 'toplevel,blink,blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' })
  return async (latencies) => {
    await stopTracing(cdp)
    const marks = events.filter((e) => e.name === 'filter-change').sort((a, b) => a.ts - b.ts)
    const main = mainThread(events)
    const spans = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts)
    let next = 0
    for (const [kind, ms] of Object.entries(latencies)) {
      const changes = ms.map((latency) => {
        const start = marks[next++]?.ts ?? Number.NaN
        return partsOf(spans, start, start + latency * 1000)
      })
      const medians = PARTS.map((part) => `${part} ${percentile(changes.map((c) => c[part]), 50).toFixed(2)}`)
      console.error(`trace ${kind} (${changes.length} changes, ms): ${medians.join('  ')}`)
    }
    if (next !== marks.length) console.error(`trace: ${marks.length} marks for ${next} changes, the parts above are misaligned`)
  }
}

async function stopTracing(cdp: CDPSession): Promise<void> {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
}

/** The page's main thread: the renderer main thread with the most events. */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } {
  const counts = new Map<string, number>()
  for (const e of events) counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1)
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const busiest = mains.sort((a, b) => (counts.get(`${b.pid}:${b.tid}`) ?? 0) - (counts.get(`${a.pid}:${a.tid}`) ?? 0))[0]
  if (!busiest) throw new Error('trace: no renderer main thread')
  return busiest
}

/** One change's main-thread time by part, in ms: tasks overlapping [start, end] µs and the work nested in them. */
function partsOf(spans: readonly TraceEvent[], start: number, end: number): Record<Part, number> {
  const parts = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>
  for (const task of spans.filter((t) => t.name === TASK && t.ts + (t.dur ?? 0) > start && t.ts < end)) {
    const taskEnd = task.ts + (task.dur ?? 0)
    parts[kindOf(task, start)] += (task.dur ?? 0) / 1000
    let paintEnd = 0 // Paint nests in Paint: only the outermost counts
    for (const inner of spans.filter((s) => s !== task && s.ts >= task.ts && s.ts + (s.dur ?? 0) <= taskEnd)) {
      const part = NESTED[inner.name]
      if (!part || (part === 'paint' && inner.ts < paintEnd)) continue
      if (part === 'paint') paintEnd = inner.ts + (inner.dur ?? 0)
      parts[part] += (inner.dur ?? 0) / 1000
    }
  }
  return parts
}

function kindOf(task: TraceEvent, changeStart: number): Part {
  if (task.ts <= changeStart) return 'change'
  const from = task.args?.src_func ?? ''
  if (from === 'SelectControlSelectionChanged' || from === 'TextFieldValueChanged') return 'autofill'
  return from === 'ScheduledActionSendBeginMainFrame' ? 'frame' : 'other'
}

