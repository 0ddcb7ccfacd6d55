import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTION_SPECS } from '../../shared/api'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/**
 * Every mutating tokenapi action of the reference, sent through the API console with
 * parameters that may well be refused: whatever the cloud answers, exactly one audit row
 * records it, with the action, the outcome and the RequestId. Reads leave no row.
 */
describe('audit log', () => {
  let app: DeskUnderTest
  beforeAll(async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
  })
  afterAll(() => app.close())

  const mutating = [...new Set(ACTION_SPECS.filter((s) => s.endpoint === 'tokenapi' && s.mutating).map((s) => s.action))]

  it('has mutating actions to check', () => {
    expect(mutating.length).toBeGreaterThan(40)
  })

  it.each(mutating)('records %s with its outcome and RequestId', async (action) => {
    const before = (await app.run('audit.list', { action })).total
    const params = { FamilyId: 'f_not_mine', Password: 'never-logged-pw', ...(action === 'AppKugouUserCommand' ? { KGCommand: 'user_logout' } : {}) }
    const answer = await app.desk.dispatch('api.call', { action, params })
    const page = await app.run('audit.list', { action })
    expect(page.total).toBe(before + 1)
    const row = page.entries[0]!
    expect(row.outcome).toBe(answer.ok ? 'ok' : 'error')
    expect(row.requestId).toBe(answer.ok ? (answer.result as { requestId: string }).requestId : answer.error.requestId)
    expect(row.requestId).not.toBe('')
    expect(row.params).not.toContain('never-logged-pw')
  })

  it('leaves reads out', async () => {
    const before = (await app.run('audit.list', {})).total
    await app.run('api.call', { action: 'AppGetFamilyList', params: {} })
    expect((await app.run('audit.list', {})).total).toBe(before)
  })

  it('refuses an action the reference does not have', async () => {
    const error = await app.fail('api.call', { action: 'AppDropAllTables', params: {} })
    expect(error).toMatchObject({ kind: 'validation', code: 'Desk.UnknownAction' })
  })
})
