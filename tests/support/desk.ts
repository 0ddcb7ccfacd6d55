import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import type { BridgeEvents, CommandName, CommandResult, EventName } from '../../shared/contracts'
import type { BridgeError } from '../../shared/errors'
import { createDesk, type DeskOverrides } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox, type SandboxOptions } from '../../electron/sandbox'

/** A clock both the sandbox and the core read, so tests can move time. */
export function movableClock(start = Date.now()) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

export interface DeskUnderTest {
  sandbox: RunningSandbox
  desk: Desk
  dataDir: string
  events: { event: EventName; payload: unknown }[]
  /** Runs a command and returns its result, or throws its BridgeError. */
  run<C extends CommandName>(command: C, args?: unknown): Promise<CommandResult<C>>
  /** Runs a command that must fail and returns its BridgeError. */
  fail(command: CommandName, args?: unknown): Promise<BridgeError>
  signInDemo(): Promise<void>
  /** Signs in as another sandbox account (the neighbour, for sharing and inviting). */
  signInAs(account: { email: string; password: string }): Promise<void>
  /** Resolves when an event matching `test` has been emitted (checks those already seen too). */
  waitForEvent<E extends EventName>(event: E, test?: (payload: BridgeEvents[E]) => boolean, timeoutMs?: number): Promise<BridgeEvents[E]>
  /** The log file's text, after flushing. */
  logText(): string
  close(): Promise<void>
}

/** The core, as a host would build it, on a fresh sandbox and data directory. */
export async function deskOnSandbox(
  /** `sharedSandbox`: a sandbox another desk already runs (a second user's desk); left open on close. */
  options: { sandbox?: Partial<SandboxOptions>; desk?: DeskOverrides; sharedSandbox?: RunningSandbox } = {},
): Promise<DeskUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-it-'))
  const sandbox = options.sharedSandbox ?? (await startSandbox({ port: 0, simulate: false, ...options.sandbox }))
  const logFile = join(dataDir, 'test.log')
  const logger = pino({ level: 'debug' }, pino.destination({ dest: logFile, sync: true }))
  const desk = await createDesk(
    { mode: 'web', version: 'test', platform: process.platform, dataDir, cipher: null },
    { sandboxInstance: sandbox, logger, checkResults: true, ...options.desk },
  )
  const events: DeskUnderTest['events'] = []
  desk.onEvent(<E extends EventName>(event: E, payload: BridgeEvents[E]) => events.push({ event, payload }))
  const run = async <C extends CommandName>(command: C, args: unknown = {}) => {
    const result = await desk.dispatch(command, args)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.result as CommandResult<C>
  }
  const fail = async (command: CommandName, args: unknown = {}) => {
    const result = await desk.dispatch(command, args)
    if (result.ok) throw new Error(`${command} was expected to fail`)
    return result.error
  }
  return {
    sandbox,
    desk,
    dataDir,
    events,
    run,
    fail,
    signInDemo: async () => {
      await run('session.signIn', {
        profileId: 'sandbox',
        credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
      })
    },
    signInAs: async ({ email, password }) => {
      await run('session.signIn', { profileId: 'sandbox', credentials: { method: 'email', email, password } })
    },
    waitForEvent: async <E extends EventName>(event: E, test: (payload: BridgeEvents[E]) => boolean = () => true, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs
      let seen = 0
      for (;;) {
        for (; seen < events.length; seen++) {
          const e = events[seen]!
          if (e.event === event && test(e.payload as BridgeEvents[E])) return e.payload as BridgeEvents[E]
        }
        if (Date.now() > deadline) throw new Error(`no ${event} event within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    logText: () => {
      logger.flush()
      return readFileSync(logFile, 'utf8')
    },
    close: async () => {
      await desk.close()
      if (!options.sharedSandbox) await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
