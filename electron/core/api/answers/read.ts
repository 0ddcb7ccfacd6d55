/**
 * The building blocks of the cloud answers' schemas, and the one way an answer is checked.
 * Lenient where the reference itself is inconsistent (numbers printed as strings and back,
 * docs/api-decisions.md), strict where a wrong shape would mislead the user.
 */
import { z } from 'zod'
import { ApiError } from '../api-error'
import type { CloudReply } from '../envelope'

export const str = z.union([z.string(), z.number()]).transform(String)
/** Text that may be missing or null: ''. */
export const optStr = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : String(v)))
export const int = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number)
export const optInt = int.optional().default(0)
/** Listover is Bool in most tables, String in some, and the text of a boolean in examples. */
export const listover = z
  .union([z.boolean(), z.literal('true'), z.literal('false')])
  .optional()
  .transform((v) => v === true || v === 'true')
/** A list that may be missing (an empty listing) but is a list when present. */
export const listOf = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? [])

/** Checks a reply against its schema; a mismatch is a typed, readable error naming the action and RequestId. */
export function readAnswer<T extends z.ZodType>(schema: T, reply: CloudReply, action: string): z.output<T> {
  const parsed = schema.safeParse(reply.data)
  if (parsed.success) return parsed.data
  const first = parsed.error.issues[0]
  const where = first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'unknown'
  throw ApiError.malformed(action, reply.requestId, where)
}
