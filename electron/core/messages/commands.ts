/** The messages commands of the bridge (shared/contracts/messages.ts). */
import type { messagesContract } from '../../../shared/contracts/messages'
import { messagesShape } from '../api/answers/messages'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { DomainHandlers } from '../dispatcher'

export function messagesCommands(call: CloudCall): DomainHandlers<typeof messagesContract> {
  return {
    'messages.list': async ({ category, limit }) => {
      const reply = await call('AppGetMessages', { Category: category, Limit: limit })
      const page = readAnswer(messagesShape, reply, 'AppGetMessages')
      const messages = page.Msgs.map((m) => ({
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
      return { messages: messages.sort((a, b) => b.timeMs - a.timeMs), listover: page.Listover, requestId: reply.requestId }
    },
  }
}
