/// <reference lib="dom" />
/**
 * `npm run bench -- rollout-board`: the OTA benchmark's 10,000-device rollout (concurrency 50,
 * one wave, 1 s upgrades: see ota.ts) run twice on fresh clouds, first with nothing watching
 * (the baseline), then with its board open in Chromium through browser mode, following every
 * rollout.progress event in its virtualized table.
 * - rollout.baseline_overhead_ms_per_device / rollout.board_overhead_ms_per_device:
 *   (total − minimum) / N, the orchestration's wall-clock cost per device (target <= 2 ms)
 * - rollout.*_engine_cpu_ms_per_device: this process's CPU (core and host) per device
 * - rollout.board_long_tasks_over_50ms, rollout.board_renderer_busy_pct: the open board's page
 * - rollout.board_rows_in_dom: rows the board's table drew (the rest are virtual)
 * OTA_BENCH_DURATION_MS shortens upgrades for a quick look; the figures quoted use the default.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import type { Page } from 'playwright-core'
import type { RolloutSummary } from '../../shared/rollout'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { startWebHost } from '../../electron/web/host'
import { RENDERER_DIR } from '../support/app'
import { launchChromium } from '../support/chromium'
import { nextMessage, run, signInToCloud } from './bench-cloud'
import { report } from './report'

const CONCURRENCY = 50

interface Ready {
  baseUrl: string
  appKey: string
  appSecret: string
  devices: number
  otaDurationMs: number
}

export async function rolloutBoardBench(): Promise<void> {
  await rollout('rollout.baseline_', false)
  await rollout('rollout.board_', true)
}

async function rollout(prefix: string, withBoard: boolean): Promise<void> {
  const cloud = fork(join(import.meta.dirname, 'ota-cloud.ts'), { execArgv: ['--import', 'tsx'], env: process.env })
  const ready = await nextMessage<Ready>(cloud, 'ready')
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-board-'))
  const desk = await createDesk(
    { mode: 'web', version: 'bench', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
    { logger: pino({ level: 'silent' }), rollout: { pollMs: 2_000 }, checkResults: false },
  )
  const host = withBoard ? await startWebHost({ desk, rendererDir: RENDERER_DIR }) : null
  const browser = withBoard ? await launchChromium() : null
  try {
    await signInToCloud(desk, { url: ready.baseUrl, appKey: ready.appKey, appSecret: ready.appSecret })
    const created = await run(desk, 'rollout.create', {
      name: 'Bench',
      selection: {},
      plan: { canary: 0, steps: [100], concurrency: CONCURRENCY, maxFailedPercent: 100, offline: { mode: 'skip' }, deviceTimeoutMs: 120_000 },
    })
    let page: Page | null = null
    if (host && browser) {
      page = await browser.context.newPage()
      await page.goto(host.url)
      await page.getByTestId('family-row').first().waitFor({ timeout: 60_000 })
      await page.evaluate((id) => (location.hash = `#/rollouts/${id}`), created.rolloutId)
      await page.getByTestId('board-row').first().waitFor({ timeout: 60_000 })
      await page.evaluate(WATCH_LONG_TASKS)
    }
    const cdp = page ? await page.context().newCDPSession(page) : null
    await cdp?.send('Performance.enable')
    const busy = async () => (cdp ? ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) : 0)
    const busyBefore = await busy()

    const finished = completion(desk)
    const cpuBefore = process.cpuUsage()
    const wallStart = performance.now()
    await run(desk, 'rollout.start', { rolloutId: created.rolloutId })
    await finished
    const totalMs = performance.now() - wallStart
    const cpu = process.cpuUsage(cpuBefore)
    const busyMs = ((await busy()) - busyBefore) * 1000

    const board = await run(desk, 'rollout.get', { rolloutId: created.rolloutId, limit: 10_000 })
    const published = board.devices.filter((d) => d.publishes > 0).length
    if (published !== ready.devices) throw new Error(`The rollout published ${published} of the account's ${ready.devices} devices.`)
    const minimumMs = Math.ceil(published / CONCURRENCY) * ready.otaDurationMs
    report(`${prefix}devices`, published, 'devices')
    report(`${prefix}total_ms`, Math.round(totalMs), 'ms')
    report(`${prefix}minimum_ms`, minimumMs, 'ms')
    report(`${prefix}overhead_ms_per_device`, (totalMs - minimumMs) / Math.max(1, published), 'ms')
    report(`${prefix}engine_cpu_ms_per_device`, (cpu.user + cpu.system) / 1000 / Math.max(1, published), 'ms')
    if (page) {
      await page.waitForFunction(() => document.querySelector('[data-testid="rollout-board"]')?.getAttribute('data-state') === 'completed')
      const seen = await page.evaluate(() => ({
        tasks: (window as unknown as { __longTasks: number[] }).__longTasks.length,
        rows: document.querySelectorAll('[data-testid="board-row"]').length,
        shown: document.querySelector('[data-testid="board-shown-count"]')?.textContent ?? '',
      }))
      report(`${prefix}long_tasks_over_50ms`, seen.tasks, 'tasks')
      report(`${prefix}renderer_busy_pct`, (100 * busyMs) / totalMs, '%')
      report(`${prefix}rows_in_dom`, seen.rows, 'rows')
      if (!seen.shown.startsWith(String(published))) throw new Error(`The board shows "${seen.shown}", not all ${published} devices.`)
    }
  } finally {
    await browser?.close()
    await host?.close()
    await desk.close()
    cloud.send({ type: 'stop' })
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function completion(desk: Desk): Promise<RolloutSummary> {
  return new Promise((resolve) =>
    desk.onEvent((event, payload) => {
      if (event !== 'rollout.progress') return
      for (const p of payload as { summary: RolloutSummary }[]) if (p.summary.state === 'completed') resolve(p.summary)
    }),
  )
}

/** A string: the bench runs through tsx, whose helpers do not exist in the page. */
const WATCH_LONG_TASKS = `(() => {
  window.__longTasks = []
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration) }).observe({ type: 'longtask' })
})()`
