import { z } from 'zod'
import {
  commandArgs,
  isCommandName,
  type CommandName,
  type CommandResult,
  type ParsedCommandArgs,
} from '../../shared/bridge'
import { LocalCode, type BridgeError, type BridgeResult } from '../../shared/errors'
import { ApiError } from './api/api-error'

export type CommandHandlers = {
  [C in CommandName]: (args: ParsedCommandArgs<C>) => Promise<CommandResult<C>>
}

export interface DispatchLogger {
  error(details: object, message: string): void
}

/**
 * Runs one bridge command: unknown names and invalid arguments get a typed error before
 * any handler runs, and whatever a handler throws comes back as a BridgeError.
 */
export function createDispatcher(handlers: CommandHandlers, logger: DispatchLogger) {
  return async function dispatch(command: unknown, args: unknown): Promise<BridgeResult<unknown>> {
    if (!isCommandName(command)) {
      return failure({ kind: 'validation', code: LocalCode.UnknownCommand, message: `Unknown command: ${typeof command === 'string' ? command : typeof command}` })
    }
    const parsed = commandArgs[command].safeParse(args ?? {})
    if (!parsed.success) return failure(invalidArguments(command, parsed.error))
    try {
      const handler = handlers[command] as (args: unknown) => Promise<unknown>
      return { ok: true, result: await handler(parsed.data) }
    } catch (error) {
      return failure(toBridgeError(error, command, logger))
    }
  }
}

function failure(error: BridgeError): BridgeResult<never> {
  return { ok: false, error }
}

function invalidArguments(command: string, error: z.ZodError): BridgeError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  const first = issues[0]
  const where = first ? ` (${first.path || 'arguments'}: ${first.message})` : ''
  return { kind: 'validation', code: LocalCode.InvalidArguments, message: `Invalid arguments for ${command}${where}`, issues }
}

function toBridgeError(error: unknown, command: string, logger: DispatchLogger): BridgeError {
  if (error instanceof ApiError) return error.toBridgeError()
  logger.error({ command, err: error }, 'command failed unexpectedly')
  return { kind: 'internal', code: LocalCode.Internal, message: 'Something went wrong inside Explorer Desk. The details are in the log.' }
}
