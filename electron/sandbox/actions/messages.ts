/** Message Management: a user's inbox, read by category newest first, and deletion. */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { rfc3339Utc } from '../api/times'
import { readInbox, type MessageCategory } from '../messages/inbox'
import type { Message } from '../world/model'
import { catalogParams, type TokenApiAction } from './registry'

/** "The maximum return limit, no more than 100." */
const MAX_LIMIT = 100

const appGetMessages: TokenApiAction = {
  action: 'AppGetMessages',
  endpoint: 'tokenapi',
  // The example answers Response.Data {Listover, Msgs}; its braces do not balance, so
  // RequestId's place is unknown: it stays directly under Response, as in every other
  // Response.Data answer. Listover is a boolean as in the example (the table says String).
  shape: 'data',
  params: catalogParams('AppGetMessages'),
  handle(ctx) {
    const category = ctx.params.Category as number
    // The example asks for Category 2 and shows messages of all three; the sandbox filters,
    // as the parameter's description ("Primary type") says.
    if (category !== 1 && category !== 2 && category !== 3) throw invalidParam('Category must be 1 (device), 2 (family) or 3 (notification).')
    const limit = ctx.params.Limit as number
    if (limit < 1 || limit > MAX_LIMIT) throw invalidParam(`Limit must be from 1 to ${MAX_LIMIT}, not ${limit}.`)
    const cursor = { msgId: ctx.params.MsgID as string | undefined, msgTimestamp: ctx.params.MsgTimestamp as number | undefined }
    const page = readInbox(ctx.cloud.world, ctx.user.userId, category as MessageCategory, cursor, limit)
    return { Listover: page.over, Msgs: page.msgs.map(msgItem) }
  },
}

/**
 * The fields of the example's messages. MsgTimestamp is Unix ms, CreateAt the same instant
 * as RFC 3339 (docs/api-decisions.md §4.6). Attachments is the sandbox's: present on invitations only,
 * carrying the token the invitee accepts with.
 */
function msgItem(m: Message): Record<string, unknown> {
  return {
    UserID: m.userId,
    FromUserID: m.fromUserId,
    MsgID: m.msgId,
    Category: m.category,
    MsgType: m.msgType,
    MsgTitle: m.title,
    MsgContent: m.content,
    MsgTimestamp: m.msgTimestamp,
    ProductId: m.productId,
    DeviceName: m.deviceName,
    DeviceAlias: m.deviceAlias ?? '',
    FamilyId: m.familyId,
    FamilyName: m.familyName ?? '',
    RelateUserID: m.relateUserId ?? '',
    CreateAt: rfc3339Utc(m.msgTimestamp),
    ...(m.attachments ? { Attachments: m.attachments } : {}),
  }
}

const appDeleteMessage: TokenApiAction = {
  action: 'AppDeleteMessage',
  endpoint: 'tokenapi',
  // The example answers Data "OK" directly under Response.
  shape: 'flat',
  // MsgID is typed String; the example sends a number, which params.ts takes for an id.
  params: catalogParams('AppDeleteMessage'),
  handle(ctx) {
    const msgId = ctx.params.MsgID as string
    if (!ctx.cloud.world.removeMessage(ctx.user.userId, msgId)) {
      throw new ApiError(ErrorCode.MsgIDInvalid, `Message ${msgId} is not in your inbox.`)
    }
    return { Data: 'OK' }
  },
}

export const messageActions = [appGetMessages, appDeleteMessage]
