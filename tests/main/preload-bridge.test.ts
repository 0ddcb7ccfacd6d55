import { describe, expect, it, vi } from 'vitest'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contracts'
import { LocalCode } from '../../shared/errors'
import { createDeskBridge, type PreloadIpc } from '../../electron/preload/desk-bridge'
import { FakeEmitter } from './fakes'

class FakeIpcRenderer extends FakeEmitter implements PreloadIpc {
  readonly invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, result: 42 }))
  removeListener(channel: string, listener: Parameters<FakeEmitter['off']>[1]): this {
    return this.off(channel, listener)
  }
}

function setup() {
  const ipc = new FakeIpcRenderer()
  return { ipc, bridge: createDeskBridge(ipc) }
}

describe('createDeskBridge', () => {
  it('exposes exactly invoke and on, frozen', () => {
    const { bridge } = setup()
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('sends known commands over the invoke channel and returns the answer', async () => {
    const { ipc, bridge } = setup()
    expect(await bridge.invoke('families.describe', { familyId: 'f1' })).toEqual({ ok: true, result: 42 })
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'families.describe', { familyId: 'f1' })
  })

  it('rejects what cannot be a command name locally with a typed error', async () => {
    const { ipc, bridge } = setup()
    for (const command of ['shell exec', '__proto__', 'constructor', 'a.b.c', 42, undefined]) {
      const answer = await (bridge.invoke as (command: unknown, args: unknown) => Promise<unknown>)(command, {})
      expect(answer).toEqual({
        ok: false,
        error: { kind: 'validation', code: LocalCode.UnknownCommand, message: expect.any(String) },
      })
    }
    expect(ipc.invoke).not.toHaveBeenCalled()
  })

  it('forwards a well-formed name for main to check against the contracts', async () => {
    const { ipc, bridge } = setup()
    await (bridge.invoke as (command: unknown, args: unknown) => Promise<unknown>)('shell.exec', {})
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'shell.exec', {})
  })

  it('turns an IPC failure into a typed error', async () => {
    const { ipc, bridge } = setup()
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'desk:invoke'"))
    expect(await bridge.invoke('app.info', {})).toEqual({
      ok: false,
      error: { kind: 'internal', code: LocalCode.Internal, message: expect.stringContaining('No handler') },
    })
  })

  it('delivers only the subscribed event, without the IPC event object', () => {
    const { ipc, bridge } = setup()
    const listener = vi.fn()
    bridge.on('connection.changed', listener)

    const ipcEvent = { sender: ipc }
    ipc.emit(IPC_EVENT, ipcEvent, 'session.changed', { session: null })
    ipc.emit(IPC_EVENT, ipcEvent, 'connection.changed', { status: 'live' })

    expect(listener.mock.calls).toEqual([[{ status: 'live' }]])
  })

  it('unsubscribes', () => {
    const { ipc, bridge } = setup()
    const listener = vi.fn()
    const off = bridge.on('session.changed', listener)
    expect(ipc.count(IPC_EVENT)).toBe(1)
    off()
    expect(ipc.count(IPC_EVENT)).toBe(0)
    ipc.emit(IPC_EVENT, {}, 'session.changed', { session: null })
    expect(listener).not.toHaveBeenCalled()
  })

  it('refuses unknown events and non-function listeners', () => {
    const { ipc, bridge } = setup()
    const on = bridge.on as (event: unknown, listener: unknown) => () => void
    expect(() => on('desk:invoke', vi.fn())).toThrow(TypeError)
    expect(() => on('session.changed', 'not a function')).toThrow(TypeError)
    expect(ipc.count(IPC_EVENT)).toBe(0)
  })
})
