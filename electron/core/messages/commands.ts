/** The messages commands of the bridge (shared/contracts/messages.ts). */
import type { Message, MessageCategory, messagesContract, MessagePage } from '../../../shared/contracts/messages'
import { messagesShape } from '../api/answers/messages'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { CloudReply } from '../api/envelope'
import type { DomainHandlers } from '../dispatcher'

/** `call` is the desk's audited call: a deletion lands in the audit log with its RequestId. */
export function messagesCommands(call: CloudCall): DomainHandlers<typeof messagesContract> {
  return {
    'messages.list': async ({ category, limit, after }) => {
      const cursor = after ? { MsgID: after.msgId, MsgTimestamp: after.timeMs } : {}
      const reply = await call('AppGetMessages', { Category: category, Limit: limit, ...cursor })
      return readMessagePage(reply, category, limit)
    },
    'messages.delete': async ({ msgId }) => {
      const reply = await call('AppDeleteMessage', { MsgID: msgId })
      return { requestId: reply.requestId }
    },
  }
}

/**
 * One page, newest first. The listing is over on Listover or on a page shorter than asked
 * (a cloud that leaves Listover out must not make the reader page forever).
 */
export function readMessagePage(reply: CloudReply, category: MessageCategory, limit: number): MessagePage {
  const page = readAnswer(messagesShape, reply, 'AppGetMessages')
  const messages: Message[] = page.Msgs.map((m) => ({
    msgId: m.MsgID,
    category: m.Category || category,
    msgType: m.MsgType,
    title: m.MsgTitle,
    content: m.MsgContent,
    timeMs: m.MsgTimestamp,
    productId: m.ProductId,
    deviceName: m.DeviceName,
    deviceAlias: m.DeviceAlias,
    familyId: m.FamilyId,
    familyName: m.FamilyName,
  }))
  messages.sort((a, b) => b.timeMs - a.timeMs)
  const listover = page.Listover || messages.length < limit
  const last = messages.at(-1)
  return { messages, listover, next: listover || !last ? null : { msgId: last.msgId, timeMs: last.timeMs }, requestId: reply.requestId }
}
