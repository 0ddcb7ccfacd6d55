/// <reference lib="dom" />
/**
 * `npm run bench -- live [--seconds 60]`: 20,000 property pushes/s across the 10,000 watched
 * devices of the list on screen, for 60 s, followed stage by stage. The cloud runs in a child
 * process; the core, the browser-mode host and the bridge in this one (as the packaged app:
 * bridge results not re-validated); the renderer in Chromium. Each stage's figures:
 * - sandbox: live.sandbox_rate_per_s (reports made), live.sandbox_cpu_pct, and its CPU time per
 *   report (live.sandbox_cpu_us_per_push: on a shared machine a steadier figure than the rates)
 * - socket: live.socket_frames_per_s (push frames the sandbox's sockets took),
 *   live.socket_drops (connections the sandbox cut for a reader more than 8 MiB behind)
 * - core: live.core_events_per_s (property events the desk emitted), live.core_p95_ms (probe
 *   report to its event leaving the desk), live.main_loop_delay_p99_ms (how late this
 *   process's event loop ran what was due), live.main_cpu_pct (this process: push client, live
 *   state, batching, scrubbing, host, resyncs) and per event it emitted
 *   (live.main_cpu_us_per_event), live.scrub_us_per_event with the former deep copy beside
 *   it (live.scrub_copy_us_per_event)
 * - bridge: live.bridge_messages_per_s, live.bridge_kb_per_s (device.events frames the page got)
 * - renderer: live.delivered_ratio (property events that reached the page / reports made),
 *   live.push_to_dom_p50_ms / p95 (probe reports on rows in view, to the first frame showing
 *   the value), live.long_tasks_over_50ms, live.renderer_busy_pct (main-thread task time)
 * The baseline beside it: the same run at 2,000 pushes/s (live.baseline_*), 10 s.
 * LIVE_BENCH_PROFILE=<dir> writes CPU profiles of both Node processes over the main run
 * (main.cpuprofile, cloud.cpuprofile) and of the page (page.cpuprofile).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { join } from 'node:path'
import pino from 'pino'
import type { Page } from 'playwright-core'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { scrubValues } from '../../electron/core/log/redaction'
import { startWebHost } from '../../electron/web/host'
import type { DeviceEvent } from '../../shared/live'
import { RENDERER_DIR } from '../support/app'
import { launchChromium } from '../support/chromium'
import { nextMessage, signInToCloud } from './bench-cloud'
import type { Probe } from './live-cloud'
import { percentile, report } from './report'
import { startNodeProfile } from './node-profile'
import { INSTALL_OBSERVERS, probeLatencies, type BenchWindow } from './ui'

const RATE = 20_000
const BASELINE_RATE = 2_000
const BASELINE_SECONDS = 10
const PROBES_PER_SECOND = 10

function secondsOption(): number {
  const at = process.argv.indexOf('--seconds')
  const seconds = at >= 0 ? Number(process.argv[at + 1]) : Number(process.env.LIVE_BENCH_SECONDS ?? 60)
  if (!Number.isFinite(seconds) || seconds < 1) throw new Error(`--seconds takes a number of seconds, not ${process.argv[at + 1]}`)
  return seconds
}

interface Ready {
  url: string
  appKey: string
  appSecret: string
  familyId: string
  devices: number
}

interface Done {
  sent: number
  elapsedMs: number
  sends: [string, string, number][]
  cpuMs: number
  framesWritten: number
  drops: number
  profile?: string
}

export async function liveBench(): Promise<void> {
  const seconds = secondsOption()
  const cloud = fork(join(import.meta.dirname, 'live-cloud.ts'), { execArgv: ['--import', 'tsx'], env: process.env })
  const ready = await nextMessage<Ready>(cloud, 'ready')
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-live-'))
  const desk = await createDesk(
    { mode: 'web', version: 'bench', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
    { logger: pino({ level: 'silent' }), checkResults: false },
  )
  const host = await startWebHost({ desk, rendererDir: RENDERER_DIR })
  const browser = await launchChromium()
  try {
    await signInToCloud(desk, ready)
    const page = await browser.context.newPage()
    await page.addInitScript(COUNT_BRIDGE)
    await page.goto(host.url)
    await openList(page, ready)
    const probes = await findProbes(page, cloud)
    await page.evaluate(INSTALL_OBSERVERS)
    await stage(desk, page, cloud, probes, BASELINE_RATE, BASELINE_SECONDS, 'live.baseline_')
    await stage(desk, page, cloud, probes, RATE, seconds, 'live.')
  } finally {
    await browser.close()
    await host.close()
    await desk.close()
    cloud.send({ type: 'stop' })
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function openList(page: Page, ready: Ready): Promise<void> {
  await page.getByTestId('family-row').first().waitFor({ timeout: 60_000 })
  // Sorted by product, last first: gateways and sensors lead, whose values include numbers to probe with.
  await page.evaluate((id) => (location.hash = `#/families/${id}/devices?sort=product&order=desc`), ready.familyId)
  await page.waitForFunction((n) => document.querySelector('[data-testid="device-count-total"]')?.textContent === String(n), ready.devices, { timeout: 120_000 }).catch(async (error: unknown) => {
    console.error('list not shown:', page.url(), (await page.locator('body').innerText()).slice(0, 400))
    throw error
  })
  await page.locator('[data-testid="device-prop"]').first().waitFor({ timeout: 60_000 })
  await new Promise((resolve) => setTimeout(resolve, 5_000)) // the subscription and its first resync
}

async function findProbes(page: Page, cloud: ChildProcess): Promise<Probe[]> {
  const cells = await page.locator('[data-testid="device-prop"]').evaluateAll((els) =>
    els.map((el) => ({ deviceId: el.closest<HTMLElement>('[data-testid="device-row"]')?.dataset.deviceId ?? '', propId: el.getAttribute('data-prop-id') ?? '' })),
  )
  const answer = nextMessage<{ probes: Probe[] }>(cloud, 'probes')
  cloud.send({ type: 'probes', cells })
  const { probes } = await answer
  if (probes.length === 0) throw new Error('No row in view shows a numeric live value to probe.')
  return probes
}

/** One run at `rate` pushes/s for `seconds`, every stage's figures under `prefix`. */
async function stage(desk: Desk, page: Page, cloud: ChildProcess, probes: Probe[], rate: number, seconds: number, prefix: string): Promise<void> {
  const probeKeys = new Set(probes.map((p) => p.deviceId))
  let coreEvents = 0
  const coreSeen: [string, string, number][] = []
  const sampled: DeviceEvent[][] = []
  const off = desk.onEvent((event, payload) => {
    if (event !== 'device.events') return
    const events = payload as DeviceEvent[]
    if (sampled.length < 20) sampled.push(events)
    const at = Date.now()
    for (const e of events) {
      if (e.kind !== 'property') continue
      coreEvents++
      if (probeKeys.has(e.deviceId)) for (const [id, v] of Object.entries(e.values)) coreSeen.push([`${e.deviceId}|${id}`, String(v), at])
    }
  })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0
  await page.evaluate(() => {
    const w = window as unknown as { __bench: BenchWindow; __bridge: { events: number; messages: number; chars: number } }
    w.__bench.tasks = []
    w.__bench.changes = []
    Object.assign(w.__bridge, { events: 0, messages: 0, chars: 0 })
  })
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  const busyBefore = await busy()
  const cpuBefore = process.cpuUsage()
  const profileDir = prefix === 'live.' ? process.env.LIVE_BENCH_PROFILE : undefined
  const profile = profileDir ? await startNodeProfile(profileDir, 'main') : null
  if (profileDir) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'))
  const startedAt = Date.now()
  cloud.send({ type: 'drive', perSecond: rate, seconds, probes, probesPerSecond: PROBES_PER_SECOND, profileDir })
  const done = await nextMessage<Done>(cloud, 'done') // a second after the last report
  await new Promise((resolve) => setTimeout(resolve, 1_000)) // the last batches
  const wallMs = Date.now() - startedAt
  const cpu = process.cpuUsage(cpuBefore)
  loopDelay.disable()
  const busyMs = ((await busy()) - busyBefore) * 1000
  off()
  const page_ = await page.evaluate(() => {
    const w = window as unknown as { __bench: BenchWindow; __bridge: { events: number; messages: number; chars: number } }
    return { ...w.__bridge, tasks: w.__bench.tasks.length, changes: w.__bench.changes }
  })
  // After the figures: writing the profiles is no part of the run.
  if (profile && profileDir) {
    const pagePath = join(profileDir, 'page.cpuprofile')
    writeFileSync(pagePath, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    console.error(`profiles: ${await profile.stop()}, ${done.profile}, ${pagePath}`)
  }
  await cdp.detach()
  const perSecond = (n: number) => Math.round(n / (done.elapsedMs / 1000))
  const domLatencies = probeLatencies(done.sends, page_.changes)
  const coreLatencies = probeLatencies(done.sends, coreSeen)

  report(`${prefix}pushes_sent`, done.sent, 'pushes')
  report(`${prefix}sandbox_rate_per_s`, perSecond(done.sent), 'pushes/s')
  report(`${prefix}sandbox_cpu_pct`, (100 * done.cpuMs) / done.elapsedMs, '%')
  report(`${prefix}sandbox_cpu_us_per_push`, (1000 * done.cpuMs) / Math.max(1, done.sent), 'us')
  report(`${prefix}socket_frames_per_s`, perSecond(done.framesWritten), 'frames/s')
  report(`${prefix}socket_drops`, done.drops, 'drops')
  report(`${prefix}core_events_per_s`, perSecond(coreEvents), 'events/s')
  report(`${prefix}core_p95_ms`, percentile(coreLatencies, 95), 'ms')
  report(`${prefix}main_loop_delay_p99_ms`, loopDelay.percentile(99) / 1e6, 'ms')
  report(`${prefix}main_cpu_pct`, (100 * (cpu.user + cpu.system)) / 1000 / wallMs, '%')
  report(`${prefix}main_cpu_us_per_event`, (cpu.user + cpu.system) / Math.max(1, coreEvents), 'us')
  report(`${prefix}bridge_messages_per_s`, perSecond(page_.messages), 'messages/s')
  report(`${prefix}bridge_kb_per_s`, perSecond(page_.chars / 1024), 'KB/s')
  report(`${prefix}delivered_ratio`, page_.events / Math.max(1, done.sent), 'ratio')
  report(`${prefix}push_to_dom_p50_ms`, percentile(domLatencies, 50), 'ms')
  report(`${prefix}push_to_dom_p95_ms`, percentile(domLatencies, 95), 'ms')
  report(`${prefix}push_to_dom_seen_ratio`, domLatencies.length / Math.max(1, done.sends.length), 'ratio')
  report(`${prefix}long_tasks_over_50ms`, page_.tasks, 'tasks')
  report(`${prefix}renderer_busy_pct`, (100 * busyMs) / wallMs, '%')
  if (prefix === 'live.') scrubCost(sampled)
}

/** The desk's scrubbing of push batches, timed on batches of this run, beside the deep copy it did before. */
function scrubCost(batches: DeviceEvent[][]): void {
  const secrets = ['a-live-access-token-0123456789abcdef', 'SandboxAppSecret-not-a-real-secret']
  const events = batches.reduce((n, b) => n + b.length, 0)
  if (events === 0) return
  const time = (scrub: (batch: DeviceEvent[]) => unknown) => {
    const started = performance.now()
    for (let round = 0; round < 5; round++) for (const batch of batches) scrub(batch)
    return ((performance.now() - started) * 1000) / (events * 5)
  }
  report('live.scrub_us_per_event', time((b) => scrubValues(b, secrets)), 'us')
  report('live.scrub_copy_us_per_event', time((b) => deepCopyScrub(b, secrets)), 'us')
}

/** What scrubbing did before: a copy of every event whether or not it held a secret. */
function deepCopyScrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((t, s) => (t.includes(s) ? t.split(s).join('[redacted]') : t), value)
  if (Array.isArray(value)) return value.map((v) => deepCopyScrub(v, secrets))
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopyScrub(v, secrets)]))
  }
  return value
}

/**
 * In the page, before the app: counts the bridge's device.events frames, their size and the
 * property events in them (by text, so the count costs the page no second parse).
 */
const COUNT_BRIDGE = `(() => {
  const counts = { events: 0, messages: 0, chars: 0 }
  window.__bridge = counts
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.startsWith('{"type":"event","event":"device.events"')) return
        counts.messages++
        counts.chars += e.data.length
        for (let at = e.data.indexOf('"kind":"property"'); at >= 0; at = e.data.indexOf('"kind":"property"', at + 1)) counts.events++
      })
    }
  }
})()`
