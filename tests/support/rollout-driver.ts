/**
 * A whole Explorer Desk core in a child process, driving one rollout against a sandbox the
 * parent runs, so the parent can SIGKILL it at any moment and start it again on the same
 * data directory (tests/integration/rollout-crash.test.ts).
 *
 * Environment: DESK_DATA_DIR, SANDBOX_BASE_URL, SANDBOX_APP_KEY, SANDBOX_APP_SECRET, and
 * DRIVER_MODE: 'create' (plan and start a rollout of every upgradable device; ROLLOUT_PLAN
 * JSON), 'resume' (ROLLOUT_ID), or 'retry' (ROLLOUT_ID, RETRY_IDS comma-separated).
 * Tells the parent over IPC: {type: 'driving', rolloutId, done, publishing, upgrading}, then {type: 'finished', board}.
 * KILL_AT_PUBLISH=N: the process SIGKILLs itself as its Nth publish is about to leave, so
 * the kill lands for certain inside the publishing window (the device is 'publishing' in
 * the store, the cloud has not heard of it).
 */
import pino from 'pino'
import type { CommandName, CommandResult } from '../../shared/contracts'
import { createDesk } from '../../electron/core/desk'
import { DEMO_ACCOUNT } from '../../electron/sandbox'

const env = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

const killAtPublish = Number(process.env.KILL_AT_PUBLISH ?? 0)
let publishes = 0
const fetchThatDies: typeof fetch = (input, init) => {
  const body = typeof init?.body === 'string' ? init.body : ''
  if (killAtPublish > 0 && body.includes('"Action":"AppPublishFirmwareUpdateMessage"') && ++publishes === killAtPublish) {
    process.kill(process.pid, 'SIGKILL')
  }
  return globalThis.fetch(input, init)
}

const desk = await createDesk(
  { mode: 'web', version: 'crash-driver', platform: process.platform, dataDir: env('DESK_DATA_DIR'), cipher: null, embeddedSandbox: false },
  {
    logger: pino({ level: 'silent' }),
    fetch: fetchThatDies,
    rollout: { pollMs: 500, reconcileDelayMs: 300, retryDelayMs: 200, progressMs: 250 },
  },
)

async function run<C extends CommandName>(command: C, args: unknown = {}): Promise<CommandResult<C>> {
  const result = await desk.dispatch(command, args)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.result as CommandResult<C>
}

// Secrets are kept for the session only here (no OS encryption), so the profile is saved
// with its AppSecret on every start, as a user would type it again.
const existing = (await run('profiles.list')).find((p) => p.name === 'Crash cloud')
const profile = await run('profiles.save', {
  ...(existing ? { id: existing.id } : {}),
  name: 'Crash cloud',
  kind: 'custom',
  baseUrl: env('SANDBOX_BASE_URL'),
  appKey: env('SANDBOX_APP_KEY'),
  appSecret: env('SANDBOX_APP_SECRET'),
})
await run('session.signIn', { profileId: profile.id, credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } })

let rolloutId: string

/** Where the rollout stood when this process took it over (the parent checks nothing was lost). */
async function tell(id: string, done: number): Promise<void> {
  await new Promise<void>((resolve) => process.send?.({ type: 'driving', rolloutId: id, done, ...found }, () => resolve()) ?? resolve())
}
/** What this process found when it started: devices left publishing (fate unknown) or upgrading. */
let found = { publishing: 0, upgrading: 0 }
switch (env('DRIVER_MODE')) {
  case 'create': {
    const created = await run('rollout.create', { name: 'Crash test', selection: {}, plan: JSON.parse(env('ROLLOUT_PLAN')) as unknown })
    rolloutId = created.rolloutId
    await run('rollout.start', { rolloutId })
    break
  }
  case 'resume': {
    rolloutId = env('ROLLOUT_ID')
    // Killed after the last device ended: there is nothing left to resume.
    const { summary } = await run('rollout.get', { rolloutId, limit: 1 })
    found = { publishing: summary.counts.publishing, upgrading: summary.counts.upgrading }
    // Told before resuming: with KILL_AT_PUBLISH this process may die at its first publish.
    await tell(rolloutId, summary.counts.done)
    if (summary.state !== 'completed') await run('rollout.resume', { rolloutId })
    break
  }
  case 'retry':
    rolloutId = env('ROLLOUT_ID')
    await run('rollout.retry', { rolloutId, deviceIds: env('RETRY_IDS').split(',') })
    break
  default:
    throw new Error(`unknown DRIVER_MODE ${process.env.DRIVER_MODE}`)
}
if (env('DRIVER_MODE') !== 'resume') await tell(rolloutId, (await run('rollout.get', { rolloutId, limit: 1 })).summary.counts.done)

for (;;) {
  const board = await run('rollout.get', { rolloutId, limit: 10_000 })
  if (board.summary.state === 'completed' && board.summary.driver === 'none') {
    await desk.close()
    process.send?.({ type: 'finished', board }, () => process.exit(0))
    break
  }
  await new Promise((resolve) => setTimeout(resolve, 100))
}
