import { describe, expect, it } from 'vitest'
import { ACTION_SPECS } from '../../shared/api'
import { createActionClient, TOKEN_ACTIONS } from '../../electron/core/api/action-client'
import type { Params } from '../../electron/core/api/cloud-client'

describe('typed client for every action', () => {
  it('has a function for every tokenapi action of the catalog, under both cloud-storage spellings', () => {
    const client = createActionClient(async () => ({ data: {}, requestId: '' }))
    const expected = ACTION_SPECS.filter((s) => s.endpoint === 'tokenapi').flatMap((s) => [s.action, ...(s.wireAlias ? [s.wireAlias] : [])])
    for (const action of expected) expect(typeof (client as unknown as Record<string, unknown>)[action], action).toBe('function')
    expect(TOKEN_ACTIONS).toContain('IotVideoDescribeCloudStorageDate')
    expect(TOKEN_ACTIONS).not.toContain('AppGetTokenByWeiXin')
    expect(TOKEN_ACTIONS).not.toContain('ActivePush')
  })

  it('sends the action by name with its parameters and returns data with the RequestId', async () => {
    const calls: [string, Params][] = []
    const client = createActionClient(async (action, params) => {
      calls.push([action, params])
      return { data: { Total: 1, FamilyList: [{ FamilyId: 'f1' }] }, requestId: 'req-1' }
    })
    const reply = await client.AppGetFamilyList({ Offset: 0, Limit: 10 })
    expect(calls).toEqual([['AppGetFamilyList', { Offset: 0, Limit: 10 }]])
    expect(reply.requestId).toBe('req-1')
    expect(reply.data.FamilyList[0]?.FamilyId).toBe('f1')
  })
})
