/** The account's messages (AppGetMessages / AppDeleteMessage): device, family and notification categories. */
import { z } from 'zod'
import { changed, command, contract, id } from './define'

/** 1 device, 2 family, 3 notification (the reference's AppGetMessages Category). */
export const messageCategorySchema = z.union([z.literal(1), z.literal(2), z.literal(3)])
export type MessageCategory = z.infer<typeof messageCategorySchema>
export const MESSAGE_CATEGORIES: readonly MessageCategory[] = [1, 2, 3]

export const messageSchema = z.object({
  msgId: z.string(),
  category: z.number(),
  msgType: z.number(),
  title: z.string(),
  content: z.string(),
  /** Unix milliseconds. */
  timeMs: z.number(),
  productId: z.string(),
  deviceName: z.string(),
  deviceAlias: z.string(),
  familyId: z.string(),
  familyName: z.string(),
})
export type Message = z.infer<typeof messageSchema>

/**
 * Where the next page starts: the last message of the page read (the reference pages
 * AppGetMessages by MsgID and MsgTimestamp of the last message seen).
 */
export const messageCursorSchema = z.object({ msgId: z.string().max(64), timeMs: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }).strict()
export type MessageCursor = z.infer<typeof messageCursorSchema>

export const messagePageSchema = z.object({
  messages: z.array(messageSchema),
  listover: z.boolean(),
  /** Pass back as `after` for the next page; null when the listing is over. */
  next: messageCursorSchema.nullable(),
  requestId: z.string(),
})
export type MessagePage = z.infer<typeof messagePageSchema>

export const messagesContract = contract({
  /** A page of a category's messages, newest first; `after` continues from a previous page. */
  'messages.list': command(
    z
      .object({
        category: messageCategorySchema,
        limit: z.number().int().min(1).max(100).default(20),
        after: messageCursorSchema.optional(),
      })
      .strict(),
    messagePageSchema,
  ),
  /** Deletes one message from the account's inbox (AppDeleteMessage): it cannot be undone. */
  'messages.delete': command(z.object({ msgId: id.max(64) }).strict(), changed),
})
