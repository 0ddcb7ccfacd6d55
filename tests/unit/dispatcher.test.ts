import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import { createDispatcher, type CommandHandlers } from '../../electron/core/dispatcher'

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const unused = async () => {
    throw new Error('not expected in this test')
  }
  const all = new Proxy({} as CommandHandlers, { get: () => unused })
  return Object.assign(Object.create(all) as CommandHandlers, overrides)
}

describe('dispatcher', () => {
  const logger = { error: vi.fn() }

  it('answers an unknown command with a typed error', async () => {
    const dispatch = createDispatcher(handlers(), logger)
    expect(await dispatch('fs.readFile', {})).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'validation', code: 'Desk.UnknownCommand' }),
    })
    expect(await dispatch({ toString: 1 }, {})).toMatchObject({ ok: false, error: { code: 'Desk.UnknownCommand' } })
  })

  it('validates arguments before the handler runs, naming the field', async () => {
    const signIn = vi.fn()
    const dispatch = createDispatcher(handlers({ 'session.signIn': signIn }), logger)
    const result = await dispatch('session.signIn', { profileId: 'sandbox', credentials: { method: 'email', email: 'nope', password: 'x' } })
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', code: 'Desk.InvalidArguments' } })
    expect(!result.ok && result.error.issues?.[0]?.path).toBe('credentials.email')
    expect(signIn).not.toHaveBeenCalled()
    expect(await dispatch('app.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'Desk.InvalidArguments' } })
    expect(await dispatch('rooms.list', null)).toMatchObject({ ok: false, error: { code: 'Desk.InvalidArguments' } })
  })

  it('checks results against the contract when asked (tests, development), so a drifting handler fails loudly', async () => {
    const logger = { error: vi.fn() }
    const partial = handlers({ 'rooms.list': async () => [{ roomId: 'r1' } as never] })
    expect(await createDispatcher(partial, logger)('rooms.list', { familyId: 'f1' })).toMatchObject({ ok: true })
    const checked = createDispatcher(partial, logger, { checkResults: true })
    expect(await checked('rooms.list', { familyId: 'f1' })).toMatchObject({ ok: false, error: { kind: 'internal', code: 'Desk.Internal' } })
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ command: 'rooms.list' }), 'command failed unexpectedly')
    const whole = { roomId: 'r1', name: 'Hall', deviceCount: 2, createTime: 1, updateTime: 2 }
    const good = createDispatcher(handlers({ 'rooms.list': async () => [whole] }), logger, { checkResults: true })
    expect(await good('rooms.list', { familyId: 'f1' })).toEqual({ ok: true, result: [whole] })
  })

  it('passes parsed arguments and returns the result', async () => {
    const dispatch = createDispatcher(handlers({ 'rooms.list': async ({ familyId }) => [{ roomId: familyId } as never] }), logger)
    expect(await dispatch('rooms.list', { familyId: ' f1 ' })).toEqual({ ok: true, result: [{ roomId: 'f1' }] })
  })

  it('turns an ApiError into its BridgeError and anything else into an internal error, logged', async () => {
    const apiError = new ApiError({ kind: 'api', code: 'InvalidAction', message: 'm', requestId: 'r', action: 'A' })
    const dispatch = createDispatcher(
      handlers({
        'families.list': async () => {
          throw apiError
        },
        'app.info': async () => {
          throw new TypeError('boom')
        },
      }),
      logger,
    )
    expect(await dispatch('families.list', {})).toEqual({ ok: false, error: apiError.toBridgeError() })
    const internal = await dispatch('app.info', {})
    expect(internal).toMatchObject({ ok: false, error: { kind: 'internal', code: 'Desk.Internal' } })
    expect(JSON.stringify(internal)).not.toContain('boom')
    expect(logger.error).toHaveBeenCalledOnce()
  })
})
