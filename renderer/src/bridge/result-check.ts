/**
 * Checks a command's result against its contract. Development builds and tests run every
 * result through it (the production build leaves it out): a core handler, or a test's fake,
 * that drifts from shared/contracts fails at once, naming the command and the field.
 */
import { commands, type CommandName } from '@shared/contracts'
import { LocalCode } from '@shared/errors'
import { DeskError } from './desk-error'

export function checkResult(command: CommandName, result: unknown): void {
  const checked = commands[command].result.safeParse(result)
  if (checked.success) return
  const first = checked.error.issues[0]
  const where = first ? `${first.path.join('.') || 'result'}: ${first.message}` : 'unknown'
  throw new DeskError({ kind: 'validation', code: LocalCode.MalformedResponse, message: `${command} answered outside its contract (${where})` })
}
