/**
 * Durability: a child process drives a 1,000-device rollout and is SIGKILLed ten times:
 * every other time at a random moment, and in between inside the publishing window for
 * certain (it kills itself as a publish is about to leave: the device is 'publishing' in the
 * store, the cloud has not heard of it). After each kill it starts again on the same store
 * and resumes. At the end the
 * sandbox's own publish record must show no device published twice, and every device that
 * could upgrade (online, below the newest firmware) must run the newest firmware.
 *
 * A kill can land between writing 'publishing' and the publish leaving the process; such a
 * device is never re-sent by the engine (it ends 'interrupted', after checking the cloud shows
 * no upgrade). The test then does what an operator would: retries those devices, and
 * checks the sandbox had received nothing for them.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RolloutBoard } from '../../shared/rollout'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { compareVersions } from '../../shared/firmware/version'

const DEVICES = 1_000
const OTA_MS = 400
const KILLS = 10
const PLAN = { canary: 10, steps: [30, 100], concurrency: 25, maxFailedPercent: 100, offline: { mode: 'skip' } }
const DRIVER = join(import.meta.dirname, '..', 'support', 'rollout-driver.ts')

let sandbox: RunningSandbox
let dataDir: string
let child: ChildProcess | null = null

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, devices: DEVICES, simulate: false, otaDurationMs: OTA_MS })
  dataDir = mkdtempSync(join(tmpdir(), 'desk-crash-'))
})
afterAll(async () => {
  child?.kill('SIGKILL')
  await sandbox.close()
  rmSync(dataDir, { recursive: true, force: true })
})

type Message = { type: 'driving'; rolloutId: string; done: number; publishing: number; upgrading: number } | { type: 'finished'; board: RolloutBoard }

interface Driver {
  process: ChildProcess
  next(type: Message['type'], timeoutMs?: number): Promise<Message>
  exited: Promise<number | null>
}

function startDriver(mode: 'create' | 'resume' | 'retry', extra: Record<string, string> = {}): Driver {
  const proc = fork(DRIVER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      DESK_DATA_DIR: dataDir,
      SANDBOX_BASE_URL: sandbox.baseUrl,
      SANDBOX_APP_KEY: sandbox.appKey,
      SANDBOX_APP_SECRET: sandbox.appSecret,
      DRIVER_MODE: mode,
      ROLLOUT_PLAN: JSON.stringify(PLAN),
      ...extra,
    },
  })
  child = proc
  const messages: Message[] = []
  const waiters: (() => void)[] = []
  proc.on('message', (m: Message) => {
    messages.push(m)
    waiters.splice(0).forEach((wake) => wake())
  })
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  const next = async (type: Message['type'], timeoutMs = 60_000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = messages.find((m) => m.type === type)
      if (found) return found
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`driver (${mode}) exited (${proc.exitCode ?? proc.signalCode}) before '${type}'`)
      if (Date.now() > deadline) throw new Error(`driver (${mode}) sent no '${type}' within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 200)
      })
    }
  }
  return { process: proc, next, exited }
}

async function kill(driver: Driver): Promise<void> {
  driver.process.kill('SIGKILL')
  await driver.exited
}

/** What the sandbox says should upgrade: the demo account's online devices below their product's newest firmware. */
function eligibleDevices(): Map<string, string> {
  const eligible = new Map<string, string>()
  for (const { family, role } of sandbox.world.familiesOf(DEMO_ACCOUNT.userId)) {
    // Rollouts leave out the homes where the account is only a member.
    if (role !== 1) continue
    for (const device of sandbox.world.devicesIn(family.familyId)) {
      const newest = sandbox.ota.firmwareOf(device.productId).at(-1)!.version
      if (device.online && compareVersions(newest, sandbox.ota.versionOf(device.deviceId)!) > 0) eligible.set(device.deviceId, newest)
    }
  }
  return eligible
}

it(`survives ${KILLS} SIGKILLs: resumes each time, never publishes a device twice, upgrades every eligible device`, async () => {
  const eligible = eligibleDevices()
  expect(eligible.size).toBeGreaterThan(500)
  const delays: number[] = []
  /** Devices done as each restarted process found the rollout: never fewer than before. */
  const doneAtRestart: number[] = []
  /** Devices each restart found with a publish of unknown fate, or an upgrade under way. */
  let foundPublishing = 0
  let foundUpgrading = 0
  /** Devices left 'publishing' as found by the restart after each kill made inside the window. */
  const foundAfterWindowKill: number[] = []

  let driver = startDriver('create')
  const { rolloutId } = (await driver.next('driving')) as { rolloutId: string }
  for (let i = 0; i < KILLS; i++) {
    const inWindow = i % 2 === 1
    if (inWindow) {
      // The previous start was told to die at one of its first publishes: wait for that.
      expect(await driver.exited).toBeNull()
      expect(driver.process.signalCode).toBe('SIGKILL')
    } else {
      // A random moment of driving: reconciling after the restart, publishing, waiting on upgrades.
      const delay = Math.round(100 + Math.random() * 1_400)
      delays.push(delay)
      await new Promise((resolve) => setTimeout(resolve, delay))
      await kill(driver)
    }
    // The next kill (odd-numbered) is made inside the publishing window by the driver itself.
    const nextInWindow = i + 1 < KILLS && (i + 1) % 2 === 1
    driver = startDriver('resume', { ROLLOUT_ID: rolloutId, ...(nextInWindow ? { KILL_AT_PUBLISH: String(1 + Math.floor(Math.random() * 5)) } : {}) })
    const found = (await driver.next('driving')) as Extract<Message, { type: 'driving' }>
    doneAtRestart.push(found.done)
    foundPublishing += found.publishing
    foundUpgrading += found.upgrading
    if (inWindow) foundAfterWindowKill.push(found.publishing)
  }
  // Every kill made inside the window left its device 'publishing' for the restart to resolve.
  expect(foundAfterWindowKill).toHaveLength(KILLS / 2)
  for (const publishing of foundAfterWindowKill) expect(publishing).toBeGreaterThan(0)
  expect(doneAtRestart, `done at each restart: ${doneAtRestart.join(', ')}`).toEqual([...doneAtRestart].sort((a, b) => a - b))
  // The kills landed while there was still work: the last restart found devices left to upgrade.
  expect(doneAtRestart.at(-1)!).toBeLessThan(eligible.size)
  let { board } = (await driver.next('finished', 120_000)) as { board: RolloutBoard }
  await driver.exited

  // Devices whose publish the kill cut off were not re-sent; the sandbox confirms it never got them.
  const interrupted = board.devices.filter((d) => d.state === 'failed' && d.reason === 'interrupted').map((d) => d.deviceId)
  for (const id of interrupted) expect(sandbox.ota.publishesOf(id), id).toHaveLength(0)
  expect(board.devices.filter((d) => d.state === 'failed' && d.reason !== 'interrupted')).toEqual([])
  if (interrupted.length > 0) {
    driver = startDriver('retry', { ROLLOUT_ID: rolloutId, RETRY_IDS: interrupted.join(',') })
    board = ((await driver.next('finished', 60_000)) as { board: RolloutBoard }).board
    await driver.exited
  }

  const context =
    `kills after ${delays.join(', ')} ms; done at restarts ${doneAtRestart.join(', ')}; restarts found ${foundPublishing} publishing ` +
    `and ${foundUpgrading} upgrading; ${interrupted.length} interrupted publishes retried`
  // The sandbox's own record: nobody got a second publish.
  const twice = [...sandbox.ota.allPublishes()].filter(([, records]) => records.length > 1).map(([id]) => id)
  expect(twice, context).toEqual([])
  // Every eligible device runs its newest firmware; nothing else was published.
  const behind = [...eligible].filter(([id, newest]) => sandbox.ota.versionOf(id) !== newest).map(([id]) => id)
  expect(behind, context).toEqual([])
  expect(new Set(sandbox.ota.allPublishes().keys())).toEqual(new Set(eligible.keys()))
  expect(board.summary.counts.done, context).toBe(eligible.size)
  expect(board.summary.state).toBe('completed')
  console.info(`rollout-crash: ${eligible.size} devices upgraded; ${context}`)
}, 240_000)
