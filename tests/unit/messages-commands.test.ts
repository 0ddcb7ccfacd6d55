import { describe, expect, it } from 'vitest'
import { messagesCommands } from '../../electron/core/messages/commands'
import { scriptedCloud } from '../support/scripted-cloud'

const msg = (id: string, ms: number, category = 2) => ({ MsgID: id, Category: category, MsgType: 1, MsgTitle: `t${id}`, MsgContent: 'c', MsgTimestamp: ms })

describe('messages: categories, paging and deletion as the reference pages them', () => {
  it('asks one category, newest first, and continues after the last message by MsgID and MsgTimestamp', async () => {
    const { call, sent } = scriptedCloud({
      AppGetMessages: [
        { Msgs: [msg('7', 700), msg('9', 900)], Listover: false },
        { Msgs: [msg('5', 500)], Listover: true },
      ],
    })
    const messages = messagesCommands(call)
    const first = await messages['messages.list']({ category: 2, limit: 2 })
    expect(first.messages.map((m) => m.msgId)).toEqual(['9', '7'])
    expect(first.next).toEqual({ msgId: '7', timeMs: 700 })
    expect(sent[0]).toEqual({ action: 'AppGetMessages', params: { Category: 2, Limit: 2 } })
    const second = await messages['messages.list']({ category: 2, limit: 2, after: first.next! })
    expect(sent[1]!.params).toEqual({ Category: 2, Limit: 2, MsgID: '7', MsgTimestamp: 700 })
    expect(second).toMatchObject({ listover: true, next: null })
  })

  it('ends the listing on a short page even when the cloud leaves Listover out', async () => {
    const { call } = scriptedCloud({ AppGetMessages: [{ Msgs: [msg('1', 100, 0)] }] })
    const page = await messagesCommands(call)['messages.list']({ category: 3, limit: 20 })
    expect(page).toMatchObject({ listover: true, next: null })
    // A message without its own Category belongs to the one asked for.
    expect(page.messages[0]!.category).toBe(3)
  })

  it('deletes by MsgID and answers the RequestId', async () => {
    const { call, sent } = scriptedCloud({ AppDeleteMessage: [{ Data: 'OK' }] })
    expect(await messagesCommands(call)['messages.delete']({ msgId: '1633328834809856' })).toEqual({ requestId: 'r-1' })
    expect(sent[0]).toEqual({ action: 'AppDeleteMessage', params: { MsgID: '1633328834809856' } })
  })
})
