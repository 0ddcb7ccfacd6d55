/**
 * `npm run bench -- soak [--minutes N | --hours N]` (30 minutes by default): a day's work
 * compressed. The whole app in browser mode with 10,000 devices in one family, 2,000
 * property pushes/s from the sandbox, the user moving to another page every few seconds
 * through every page (a camera's recording played each time its page comes round, proved by
 * the video's currentTime advancing: soak.recording_plays, soak.recording_seconds_played; a
 * soak where it never played fails), while memory is sampled:
 * - main: the app's Node process (soak-host.ts: web host and core, as `npm run start:web` runs
 *   them; the bench's Playwright and Chromium are elsewhere), JS heap and RSS after a full
 *   collection; beside them, per sample only, what that RSS is made of: V8's heapTotal,
 *   external and arrayBuffers, and the kernel's view (glibc's brk heap and other malloc
 *   arenas, other anonymous memory (mostly V8's heap pages), mapped files; process-memory.ts)
 * - cloud: the sandbox cloud in its own process (soak-cloud.ts), heap and RSS, printed per
 *   sample only: it stores every report it is sent up to its cap, as a cloud stores them,
 *   which is not the app's memory (an embedded sandbox in main measured the cloud's log)
 * - renderer: the page's JS heap after a full collection, and the RSS of the page's renderer
 *   process (until session 10 the sum over four: Chromium's omnibox WebUI, the about:blank tab
 *   it opened with and a spare renderer too, none of which a packaged app has); beside them,
 *   per sample only (soak.sample.<s>s.renderer_<what>), what that RSS is made of (anonymous, shared, file-backed; renderer-memory.ts) and Blink's live
 *   documents, nodes and JS event listeners; with SOAK_ALLOCATORS=1 also Chromium's own
 *   accounting per allocator (a memory-infra dump, renderer_alloc_<allocator>_mb)
 * The page is driven over a bare DevTools connection (bare-devtools.ts), as the packaged app
 * runs, with nothing attached: driven by Playwright, Chromium kept every XHR body the page
 * received in the renderer (the recordings' video segments, ~0.7 MB a play), which the soak
 * then counted as the app's (`npm run bench -- devtools-network` shows it side by side).
 * Every sample is taken the same way so that samples compare:
 * - on the same page, the family's device list, after it has rested a few seconds: sampled
 *   on whichever page the tour happened to have open, the figures measured that page (a
 *   playing recording, a chart, a console) and RSS swung by over 100 MB between samples,
 *   more than the growth looked for. The tour goes on from where it was after each sample.
 * - after the same full collection on both sides, the one DevTools makes (CDP
 *   HeapProfiler.collectGarbage; main asks its own inspector, process-memory.ts): it compacts
 *   and hands emptied pages back at once. After main's former plain gc(), V8's old space kept
 *   the size it had last grown to under the push load (about 50 MB live in 170-280 MB of
 *   pages) and main's RSS swung 370-570 MB with it, a measure of V8's momentary slack, not of
 *   what the app keeps. That reading is still printed, soak.main_rss_one_gc_*, for comparison.
 * Printed per sample (soak.sample.<seconds>s.<what>) and, over the samples after warm-up
 * (the first third, at most 5 minutes), as least-squares slopes in MB per 10 minutes,
 * soak.<what>_slope_mb_per_10min, target <= 5 each, with their range (soak.<what>_min_mb,
 * soak.<what>_max_mb).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { evaluate, launchBareChromium, waitUntil, type BareChromium, type Devtools } from './bare-devtools'
import { ask, nextMessage } from './bench-cloud'
import { rendererFigures, rendererPids, residentBytes, type Figure } from './renderer-memory'
import { report } from './report'

const DEVICES = 10_000
const PUSHES_PER_SECOND = 2_000
const DWELL_MS = 4_000
/** How long the device list rests before a memory sample: its search and first rows settle. */
const SETTLE_MS = 3_000
const MB = 1_048_576
/** Any one step (a page change, a playback, a memory sample) taking longer is a hang: the soak stops and says where. */
const STEP_LIMIT_MS = 120_000

interface Sample {
  atS: number
  mainHeap: number
  mainRss: number
  /** Main's RSS after one plain gc(), as the soak read it before (it swung with V8's heap sizing). */
  mainRssOneGc: number
  cloudHeap: number
  cloudRss: number
  rendererHeap: number
  rendererRss: number
  /** What the renderer holds, printed per sample (renderer-memory.ts). */
  rendererParts: Figure[]
  /** What main's RSS is made of, printed per sample (MB, but arena and thread counts). */
  mainParts: Record<(typeof MAIN_PARTS)[number], number>
}
const MEASURES = ['mainHeap', 'mainRss', 'rendererHeap', 'rendererRss', 'mainRssOneGc'] as const
const NAMES: Record<(typeof MEASURES)[number], string> = {
  mainHeap: 'main_heap',
  mainRss: 'main_rss',
  rendererHeap: 'renderer_heap',
  rendererRss: 'renderer_rss',
  mainRssOneGc: 'main_rss_one_gc',
}
/** Main's V8 figures, then where the kernel holds its resident bytes (process-memory.ts). */
const MAIN_PARTS = ['heapTotal', 'external', 'arrayBuffers', 'brkHeap', 'mallocArenas', 'otherAnon', 'files', 'arenaCount', 'threads'] as const
const COUNTS = new Set<string>(['arenaCount', 'threads'])
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** The run's length from `--minutes N` or `--hours N` (30 minutes without either). */
export function soakMinutes(argv: readonly string[] = process.argv): number {
  const value = (flag: string) => {
    const i = argv.indexOf(flag)
    return i >= 0 ? Number(argv[i + 1]) : null
  }
  const minutes = value('--minutes') ?? (value('--hours') ?? 0.5) * 60
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('--minutes and --hours take a positive number')
  return minutes
}

export async function soakBench(): Promise<void> {
  const minutes = soakMinutes()
  const totalMs = minutes * 60_000
  const warmUpMs = Math.min(5 * 60_000, totalMs / 3)
  const sampleEveryMs = Math.min(60_000, Math.max(10_000, totalMs / 15))
  const cloud = fork(join(import.meta.dirname, 'soak-cloud.ts'), [String(DEVICES)], { execArgv: ['--import', 'tsx'] })
  const ready = await nextMessage<Ready>(cloud, 'ready')
  const host = fork(join(import.meta.dirname, 'soak-host.ts'), [JSON.stringify(ready)], { execArgv: ['--import', 'tsx'] })
  const { url } = await nextMessage<{ url: string }>(host, 'ready')
  const chromium = await launchBareChromium(url)
  try {
    const { page } = chromium
    await waitUntil(page, byTestId('family-row'), 'the family list', 60_000)
    const pages = tour(ready)
    const sampleHash = `#/families/${encodeURIComponent(ready.familyId)}/devices`
    cloud.send({ type: 'push', perSecond: PUSHES_PER_SECOND })
    const started = Date.now()
    const samples: Sample[] = []
    let navigations = 0
    const playback = { plays: 0, failures: 0, playedS: 0 }
    let nextSample = started
    while (Date.now() - started < totalMs) {
      const stop = pages[navigations++ % pages.length]!
      await within(STEP_LIMIT_MS, `opening ${stop.hash}`, navigate(page, stop.hash))
      if (stop.play) notePlayback(playback, await within(STEP_LIMIT_MS, 'playing the recording', playRecording(page, DWELL_MS)))
      else await pause(DWELL_MS)
      if (Date.now() >= nextSample) {
        const sample = await within(STEP_LIMIT_MS, 'sampling memory', takeSample(chromium, { host, cloud }, { started, hash: sampleHash }))
        samples.push(sample)
        printSample(sample)
        // Slots missed while a step stalled are skipped: samples bunched back to back say nothing more.
        while (nextSample <= Date.now()) nextSample += sampleEveryMs
      }
    }
    const elapsedS = (Date.now() - started) / 1000
    await stop(host)
    const { sent } = await stop(cloud)
    report('soak.minutes', minutes, 'min')
    report('soak.pushes_sent', sent, 'pushes')
    report('soak.push_rate_per_s', Math.round(sent / elapsedS), 'pushes/s')
    report('soak.navigations', navigations, 'pages')
    report('soak.recording_plays', playback.plays, 'plays')
    report('soak.recording_play_failures', playback.failures, 'visits')
    report('soak.recording_seconds_played', playback.playedS, 's')
    const settled = samples.filter((s) => s.atS * 1000 >= warmUpMs)
    for (const what of MEASURES) {
      report(`soak.${NAMES[what]}_slope_mb_per_10min`, slope(settled, what) * 600, 'MB')
      report(`soak.${NAMES[what]}_min_mb`, Math.min(...settled.map((s) => s[what])), 'MB')
      report(`soak.${NAMES[what]}_max_mb`, Math.max(...settled.map((s) => s[what])), 'MB')
    }
    // A soak whose camera never played has not exercised playback: say so instead of passing quietly.
    if (ready.cameraId && playback.plays === 0) throw new Error(`soak: the recording never played (${playback.failures} visits failed)`)
  } finally {
    await chromium.close()
    for (const child of [host, cloud]) if (!stopped.has(child) && child.connected) await stop(child)
  }
}

function notePlayback(tally: { plays: number; failures: number; playedS: number }, result: Playback): void {
  if (result.ok) {
    tally.plays++
    tally.playedS += result.playedS
  } else {
    tally.failures++
    console.error(`# soak: recording did not play: ${result.why}`)
  }
}

interface Ready {
  url: string
  appKey: string
  appSecret: string
  familyId: string
  sensorId: string
  cameraId: string | null
}

const stopped = new WeakSet<ChildProcess>()
/** Asks a child to close and waits for its answer (it exits right after). */
function stop(child: ChildProcess): Promise<{ sent: number }> {
  stopped.add(child)
  const answer = nextMessage<{ sent: number }>(child, 'stopped')
  child.send({ type: 'stop' })
  return answer
}

interface TourPage {
  hash: string
  /** The recordings page: a recording is played on it. */
  play?: boolean
}

/**
 * Every page of the app, on the family's devices: a sensor's detail, firmware and history, a
 * camera's recordings. SOAK_TOUR=recordings tours the device list and the recordings page
 * only, to tell what playback leaves from what the other pages leave.
 */
function tour({ familyId, sensorId, cameraId }: Ready): TourPage[] {
  const family = `/families/${encodeURIComponent(familyId)}`
  const device = (id: string) => `${family}/devices/${encodeURIComponent(id)}`
  if (process.env.SOAK_TOUR === 'recordings' && cameraId) return [{ hash: `#${family}/devices` }, { hash: `#${device(cameraId)}/recordings`, play: true }]
  return [
    { hash: '#/families' },
    { hash: `#${family}/home` },
    { hash: `#${family}/devices` },
    { hash: '#/overview' },
    { hash: `#${device(sensorId)}` },
    { hash: `#${device(sensorId)}/firmware` },
    { hash: `#/history?familyId=${encodeURIComponent(familyId)}&devices=${encodeURIComponent(sensorId)}&range=24h` },
    ...(cameraId ? [{ hash: `#${device(cameraId)}/recordings`, play: true }] : []),
    { hash: '#/rollouts' },
    { hash: '#/console' },
    { hash: '#/audit' },
    { hash: '#/settings' },
  ]
}

/** What one visit to the recordings page did: media seconds played, or why nothing played. */
type Playback = { ok: true; playedS: number } | { ok: false; why: string }

/**
 * Takes the day the page opens (the camera's newest with recordings), plays it from its first
 * event (or the middle of its first span, when no event is recorded yet) and proves it plays:
 * the video's currentTime must advance while the page dwells (the player's 'playing' status
 * alone is not proof). Returns the media seconds played, or the step that failed.
 */
async function playRecording(page: Devtools, dwellMs: number): Promise<Playback> {
  const video = byTestId('recordings-video')
  const mediaTime = () => evaluate<number>(page, `${video}.currentTime`)
  let step = 'timeline'
  try {
    // The day's playlist first, as a person sees the timeline before picking an event: an
    // event clicked while only the event list has arrived has nothing to play yet. (Clicking
    // the last marked day instead picked an empty today in the hours after 00:00 UTC.)
    await waitUntil(page, byTestId('recordings-span'), step, 15_000)
    step = 'event list'
    await waitUntil(page, `${byTestId('recordings-event')} || ${byTestId('recordings-events-empty')}`, step, 15_000)
    // Today's recordings may hold no event yet early in the day (a span began at 08:10 China time).
    step = 'start'
    await evaluate(
      page,
      `(() => {
        const event = ${byTestId('recordings-event')}
        if (event) return event.click()
        const span = ${byTestId('recordings-span')}.getBoundingClientRect()
        ${byTestId('recordings-timeline-bar')}.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: span.left + span.width / 2, clientY: span.top + span.height / 2 }))
      })()`,
    )
    step = 'playing status'
    // Generous: under the soak's push load the first segments take a while to arrive.
    await waitUntil(page, `document.querySelector('[data-testid="recordings-player"][data-status="playing"]')`, step, 40_000)
    step = 'video time'
    const before = await mediaTime()
    await pause(dwellMs)
    const playedS = (await mediaTime()) - before
    return playedS > 0.5 ? { ok: true, playedS } : { ok: false, why: `the video stood still (${playedS.toFixed(2)} s in ${dwellMs / 1000} s)` }
  } catch (error) {
    const state = await evaluate<string>(
      page,
      `(() => {
        const player = ${byTestId('recordings-player')}
        const m = ${video}
        const media = m ? 'readyState ' + m.readyState + ', networkState ' + m.networkState + ', at ' + m.currentTime.toFixed(1) + ' s' : 'no video'
        return 'player ' + (player ? player.dataset.status : 'absent') + '; ' + media
      })()`,
    ).catch(() => 'page not answering')
    return { ok: false, why: `${step}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (${state})` }
  }
}

/** The page's expression for the first element with this test id. */
const byTestId = (id: string) => `document.querySelector('[data-testid="${id}"]')`

/** Opens a page of the app as a link does. */
async function navigate(page: Devtools, hash: string): Promise<void> {
  await evaluate(page, `location.hash = ${JSON.stringify(hash)}`)
}

/** Memory on the family's device list, rested, after a full collection on both sides (see the header: why). */
async function takeSample(chromium: BareChromium, children: { host: ChildProcess; cloud: ChildProcess }, at: { started: number; hash: string }): Promise<Sample> {
  const { page } = chromium
  await navigate(page, at.hash)
  await waitUntil(page, byTestId('device-row'), 'the device list', STEP_LIMIT_MS)
  await pause(SETTLE_MS)
  await page.send('HeapProfiler.collectGarbage')
  const { usedSize } = await page.send('Runtime.getHeapUsage')
  const pids = rendererPids()
  const renderer = rendererRss(pids)
  const rendererParts = await rendererFigures(chromium, pids, { allocators: process.env.SOAK_ALLOCATORS === '1' })
  const main = await ask<{ heapUsed: number; rss: number; rssOneGc: number } & Record<(typeof MAIN_PARTS)[number], number>>(children.host, 'sample')
  const cloudMemory = await ask<{ heapUsed: number; rss: number }>(children.cloud, 'sample')
  const mainParts = Object.fromEntries(MAIN_PARTS.map((part) => [part, COUNTS.has(part) ? main[part] : main[part] / MB])) as Sample['mainParts']
  const atS = (Date.now() - at.started) / 1000
  return { atS, mainHeap: main.heapUsed / MB, mainRss: main.rss / MB, mainRssOneGc: main.rssOneGc / MB, cloudHeap: cloudMemory.heapUsed / MB, cloudRss: cloudMemory.rss / MB, rendererHeap: usedSize / MB, rendererRss: renderer / MB, rendererParts, mainParts }
}

function printSample(sample: Sample): void {
  const at = `soak.sample.${Math.round(sample.atS)}s`
  for (const what of MEASURES) report(`${at}.${NAMES[what]}_mb`, sample[what], 'MB')
  for (const part of MAIN_PARTS) {
    if (COUNTS.has(part)) report(`${at}.main_${snake(part)}`, sample.mainParts[part], part === 'threads' ? 'threads' : 'arenas')
    else report(`${at}.main_${snake(part)}_mb`, sample.mainParts[part], 'MB')
  }
  for (const { name, value, unit } of sample.rendererParts) report(`${at}.renderer_${name}`, value, unit)
  report(`${at}.cloud_heap_mb`, sample.cloudHeap, 'MB')
  report(`${at}.cloud_rss_mb`, sample.cloudRss, 'MB')
}

/** Bytes resident in the page's renderer processes (rendererPids: one, the app's; Linux /proc). */
function rendererRss(pids: readonly number[]): number {
  return pids.reduce((bytes, pid) => bytes + residentBytes(pid), 0)
}

/** Least-squares slope of `what` over time, in MB per second. */
export function slope(samples: readonly Sample[], what: (typeof MEASURES)[number]): number {
  const n = samples.length
  if (n < 2) return Number.NaN
  const mx = samples.reduce((s, x) => s + x.atS, 0) / n
  const my = samples.reduce((s, x) => s + x[what], 0) / n
  let num = 0
  let den = 0
  for (const s of samples) {
    num += (s.atS - mx) * (s[what] - my)
    den += (s.atS - mx) ** 2
  }
  return den === 0 ? Number.NaN : num / den
}

/** `work`, or an error naming the step once `ms` passed without it settling. */
async function within<T>(ms: number, step: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`soak: ${step} took over ${ms / 1000} s`)), ms)))
  try {
    return await Promise.race([work, limit])
  } finally {
    clearTimeout(timer)
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

