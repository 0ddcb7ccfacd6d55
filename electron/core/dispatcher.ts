import type { z } from 'zod'
import { commands, isCommandName, type CommandName, type CommandResult, type ParsedCommandArgs } from '../../shared/contracts'
import type { CommandSpecs, Contract } from '../../shared/contracts/define'
import { LocalCode, type BridgeError, type BridgeResult } from '../../shared/errors'
import { ApiError } from './api/api-error'

export type CommandHandlers = {
  [C in CommandName]: (args: ParsedCommandArgs<C>) => Promise<CommandResult<C>>
}

/** The handlers of one domain's contract: what each domain's `commands.ts` returns. */
export type DomainHandlers<T extends Contract> = HandlersOf<T['commands']>
type HandlersOf<C extends CommandSpecs> = {
  [K in keyof C]: (args: z.output<C[K]['args']>) => Promise<z.output<C[K]['result']>>
}

export interface DispatchLogger {
  error(details: object, message: string): void
}

export interface DispatchOptions {
  /**
   * Check every result against its contract too (development and tests): a handler that
   * drifts from the contract fails loudly instead of surprising the renderer.
   */
  checkResults?: boolean
}

/**
 * Runs one bridge command: unknown names and invalid arguments get a typed error before
 * any handler runs, and whatever a handler throws comes back as a BridgeError.
 */
export function createDispatcher(handlers: CommandHandlers, logger: DispatchLogger, options: DispatchOptions = {}) {
  return async function dispatch(command: unknown, args: unknown): Promise<BridgeResult<unknown>> {
    if (!isCommandName(command)) {
      return failure({ kind: 'validation', code: LocalCode.UnknownCommand, message: `Unknown command: ${typeof command === 'string' ? command : typeof command}` })
    }
    const spec = commands[command]
    const parsed = spec.args.safeParse(args ?? {})
    if (!parsed.success) return failure(invalidArguments(command, parsed.error))
    try {
      const handler = handlers[command] as (args: unknown) => Promise<unknown>
      const result = await handler(parsed.data)
      if (options.checkResults) checkResult(command, spec.result, result)
      return { ok: true, result }
    } catch (error) {
      return failure(toBridgeError(error, command, logger))
    }
  }
}

function checkResult(command: string, schema: z.ZodType, result: unknown): void {
  const checked = schema.safeParse(result)
  if (checked.success) return
  const first = checked.error.issues[0]
  throw new Error(`${command} answered outside its contract (${first ? `${first.path.join('.') || 'result'}: ${first.message}` : 'unknown'})`)
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
