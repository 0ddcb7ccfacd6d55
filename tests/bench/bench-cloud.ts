/**
 * What the suites share: the cloud runs in a child process (so its CPU is not the client's),
 * answering typed messages, and the desk is driven through its dispatcher.
 */
import type { ChildProcess } from 'node:child_process'
import type { CommandName, CommandResult } from '../../shared/contracts'
import type { Desk } from '../../electron/core/desk-contract'
import { DEMO_ACCOUNT } from '../../electron/sandbox'

/** The next message of this type from the child. */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (message: { type: string }) => {
      if (message.type !== type) return
      child.off('message', on)
      resolve(message as T)
    }
    child.on('message', on)
  })
}

/** Sends a request and waits for the answer of the same type. */
export async function ask<T>(child: ChildProcess, type: string): Promise<T> {
  const answer = nextMessage<T>(child, type)
  child.send({ type })
  return answer
}

/** One bridge command through the desk; a failure throws with the command named. */
export async function run<C extends CommandName>(desk: Desk, command: C, args: unknown = {}): Promise<CommandResult<C>> {
  const answer = await desk.dispatch(command, args)
  if (!answer.ok) throw new Error(`${command}: ${answer.error.message}`)
  return answer.result as CommandResult<C>
}

/** A custom profile on the child's cloud, signed in as the demo account. */
export async function signInToCloud(desk: Desk, cloud: { url: string; appKey: string; appSecret: string }): Promise<void> {
  const profile = await run(desk, 'profiles.save', { name: 'Bench cloud', kind: 'custom', baseUrl: cloud.url, appKey: cloud.appKey, appSecret: cloud.appSecret })
  await run(desk, 'session.signIn', { profileId: profile.id, credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } })
}
