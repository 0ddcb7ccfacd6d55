/** The account's messages (AppGetMessages): device, family and notification categories. */
import { z } from 'zod'
import { command, contract } from './define'

/** 1 device, 2 family, 3 notification (the reference's AppGetMessages Category). */
export const messageCategorySchema = z.union([z.literal(1), z.literal(2), z.literal(3)])
export type MessageCategory = z.infer<typeof messageCategorySchema>

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

export const messagesContract = contract({
  /** The newest messages of a category, newest first. */
  'messages.list': command(
    z.object({ category: messageCategorySchema, limit: z.number().int().min(1).max(100).default(20) }).strict(),
    z.object({ messages: z.array(messageSchema), listover: z.boolean(), requestId: z.string() }),
  ),
})
