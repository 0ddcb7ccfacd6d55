/**
 * `npm run bench -- ota`: a 10,000-device rollout through the core (the same commands the
 * renderer sends), against a sandbox in a child process whose upgrades take exactly
 * `otaDurationMs` (1 s; OTA_BENCH_DURATION_MS to change), at concurrency 50, in one wave.
 *
 * - ota.total_ms: from 'rollout.start' until the rollout is completed.
 * - ota.minimum_ms: what the sandbox imposes on any orchestrator: each upgrade takes
 *   otaDurationMs and at most 50 run at once, so N upgrades need ceil(N / 50) × otaDurationMs.
 * - ota.overhead_ms_per_device: (total − minimum) / N, the wall-clock time the orchestration
 *   added, spread over the devices. Per upgrade slot it is 50 times this: the gap between one
 *   device ending on the sandbox and the next one's upgrade starting (noticing the end,
 *   confirming the version, checking and publishing the next device, writing the store).
 * - ota.engine_cpu_ms_per_device: CPU time of the desk process over the run / N (HTTP client,
 *   JSON, SQLite writes, push decoding, progress events). The sandbox runs in another process.
 * - ota.device_ms_p50 / p95: publish to confirmed target version, per device, as the board shows it.
 * - ota.plan_ms: 'rollout.create' (listing 10,000 devices and checking each one's versions).
 * - ota.devices_published_twice: from the sandbox's own record; must be 0.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import type { RolloutSummary } from '../../shared/rollout'
import { createDesk } from '../../electron/core/desk'
import { ask, nextMessage, run, signInToCloud } from './bench-cloud'
import { percentile, report } from './report'

const CONCURRENCY = 50

interface Ready {
  baseUrl: string
  appKey: string
  appSecret: string
  devices: number
  otaDurationMs: number
}

export async function otaBench(): Promise<void> {
  const cloud = fork(join(import.meta.dirname, 'ota-cloud.ts'), { execArgv: ['--import', 'tsx'], env: process.env })
  const ready = await nextMessage<Ready>(cloud, 'ready')
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-ota-'))
  const desk = await createDesk(
    { mode: 'web', version: 'bench', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
    // Pushes tell the engine when an upgrade ends; the poll is only the fallback.
    { logger: pino({ level: 'silent' }), rollout: { pollMs: 2_000 } },
  )
  try {
    await signInToCloud(desk, { url: ready.baseUrl, appKey: ready.appKey, appSecret: ready.appSecret })

    const planStart = performance.now()
    const created = await run(desk, 'rollout.create', {
      name: 'Bench',
      selection: {},
      plan: { canary: 0, steps: [100], concurrency: CONCURRENCY, maxFailedPercent: 100, offline: { mode: 'skip' }, deviceTimeoutMs: 120_000 },
    })
    const planMs = performance.now() - planStart

    const finished = new Promise<RolloutSummary>((resolve) =>
      desk.onEvent((event, payload) => {
        if (event !== 'rollout.progress') return
        for (const p of payload as { summary: RolloutSummary }[]) if (p.summary.state === 'completed') resolve(p.summary)
      }),
    )
    const cpuBefore = process.cpuUsage()
    const wallStart = performance.now()
    await run(desk, 'rollout.start', { rolloutId: created.rolloutId })
    const summary = await finished
    const totalMs = performance.now() - wallStart
    const cpu = process.cpuUsage(cpuBefore)

    const board = await run(desk, 'rollout.get', { rolloutId: created.rolloutId, limit: 10_000 })
    const published = board.devices.filter((d) => d.publishes > 0)
    if (published.length !== ready.devices) throw new Error(`The rollout published ${published.length} of the account's ${ready.devices} devices.`)
    const perDevice = published.flatMap((d) => (d.finishedMs !== null && d.publishedMs !== null ? [d.finishedMs - d.publishedMs] : []))
    const minimumMs = Math.ceil(published.length / CONCURRENCY) * ready.otaDurationMs
    const publishes = await ask<{ devices: number; twice: number }>(cloud, 'publishes')

    report('ota.devices', published.length, 'devices')
    report('ota.done', summary.counts.done, 'devices')
    report('ota.failed', summary.counts.failed + summary.counts.skipped, 'devices')
    report('ota.plan_ms', Math.round(planMs), 'ms')
    report('ota.total_ms', Math.round(totalMs), 'ms')
    report('ota.minimum_ms', minimumMs, 'ms')
    report('ota.overhead_ms_per_device', (totalMs - minimumMs) / Math.max(1, published.length), 'ms')
    report('ota.engine_cpu_ms_per_device', (cpu.user + cpu.system) / 1000 / Math.max(1, published.length), 'ms')
    report('ota.device_ms_p50', percentile(perDevice, 50), 'ms')
    report('ota.device_ms_p95', percentile(perDevice, 95), 'ms')
    report('ota.devices_published_twice', publishes.twice, 'devices')
  } finally {
    await desk.close()
    cloud.send({ type: 'stop' })
    rmSync(dataDir, { recursive: true, force: true })
  }
}
