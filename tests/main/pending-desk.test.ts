import { describe, expect, it, vi } from 'vitest'
import { LocalCode } from '../../shared/errors'
import type { Desk } from '../../electron/core/desk-contract'
import { pendingDesk } from '../../electron/main/pending-desk'
import { FakeDesk } from './fakes'

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('pendingDesk', () => {
  it('holds commands until the core is up, then dispatches them', async () => {
    const starting = deferred<Desk>()
    const real = new FakeDesk()
    const desk = pendingDesk(starting.promise)

    const answer = desk.dispatch('app.info', {})
    expect(real.dispatch).not.toHaveBeenCalled()
    starting.resolve(real)

    expect(await answer).toEqual({ ok: true, result: 'done' })
    expect(real.dispatch).toHaveBeenCalledWith('app.info', {})
  })

  it('subscribes early listeners once the core is up, and honours early unsubscribes', async () => {
    const starting = deferred<Desk>()
    const real = new FakeDesk()
    const desk = pendingDesk(starting.promise)
    const kept = vi.fn()
    const dropped = vi.fn()
    desk.onEvent(kept)
    desk.onEvent(dropped)()

    starting.resolve(real)
    await starting.promise
    await Promise.resolve()
    real.emit('connection.changed', { status: 'live' })

    expect(kept).toHaveBeenCalledWith('connection.changed', { status: 'live' })
    expect(dropped).not.toHaveBeenCalled()
  })

  it('answers every command with a typed error when the core failed to start', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const desk = pendingDesk(Promise.reject(new Error('disk full')))

    expect(await desk.dispatch('app.info', {})).toEqual({
      ok: false,
      error: { kind: 'internal', code: LocalCode.Internal, message: 'The app core failed to start: disk full' },
    })
    await expect(desk.close()).resolves.toBeUndefined()
  })

  it('closes the core', async () => {
    const real = new FakeDesk()
    await pendingDesk(Promise.resolve(real)).close()
    expect(real.close).toHaveBeenCalledOnce()
  })
})
