/**
 * The building blocks of the bridge contract. A command is a pair of zod schemas (what the
 * renderer sends, what it gets back); an event is the schema of its payload. Each domain
 * file in this folder lists its commands and events once; `index.ts` gathers them, and
 * every name, type and check of the bridge is derived from there.
 */
import { z } from 'zod'

export interface CommandSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A
  result: R
}

export function command<A extends z.ZodType, R extends z.ZodType>(args: A, result: R): CommandSpec<A, R> {
  return { args, result }
}

export type CommandSpecs = Record<string, CommandSpec>
export type EventSpecs = Record<string, z.ZodType>

/** One domain's share of the bridge. */
export interface Contract<C extends CommandSpecs = CommandSpecs, E extends EventSpecs = EventSpecs> {
  commands: C
  events: E
}

export function contract<C extends CommandSpecs, E extends EventSpecs = Record<never, never>>(
  commands: C,
  events: E = {} as E,
): Contract<C, E> {
  return { commands, events }
}

/** A command that takes nothing. */
export const noArgs = z.object({}).strict()
/** An id as the cloud hands them out (FamilyId, RoomId, ProductId/DeviceName, …). */
export const id = z.string().trim().min(1).max(128)
export const text = (max: number) => z.string().trim().min(1).max(max)
/** `ProductId/DeviceName`: the reference's device id. */
export const deviceId = id.refine((value) => value.indexOf('/') > 0 && !value.endsWith('/'), 'a device id is ProductId/DeviceName')
/** What a mutating command answers: the cloud's RequestId, for quoting to the cloud team. */
export const changed = z.object({ requestId: z.string() })
export const nothing = z.null()
