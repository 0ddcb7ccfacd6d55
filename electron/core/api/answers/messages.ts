/** What AppGetMessages answers. */
import { z } from 'zod'
import { listOf, listover, optInt, optStr } from './read'

const message = z.object({
  MsgID: optStr,
  Category: optInt,
  MsgType: optInt,
  MsgTitle: optStr,
  MsgContent: optStr,
  /** Milliseconds in the reference's example (its table gives no unit). */
  MsgTimestamp: optInt,
  ProductId: optStr,
  DeviceName: optStr,
  DeviceAlias: optStr,
  FamilyId: optStr,
  FamilyName: optStr,
})

export const messagesShape = z.object({ Msgs: listOf(message), Listover: listover })
