import { beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contracts'
import { LocalCode } from '../../shared/errors'
import { forwardDeskEvents, IpcCode, registerDeskIpc } from '../../electron/main/ipc'
import { FakeDesk, FakeIpcMain, FakeWebContents } from './fakes'

const APP = 'file:///app/out/renderer/index.html'
const isAppUrl = (url: string): boolean => url.startsWith(APP)

describe('registerDeskIpc', () => {
  let ipcMain: FakeIpcMain
  let desk: FakeDesk

  beforeEach(() => {
    ipcMain = new FakeIpcMain()
    desk = new FakeDesk()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })

  it('passes a command from the app page to the desk and answers its result', async () => {
    registerDeskIpc(ipcMain, desk, isAppUrl)
    desk.dispatch.mockResolvedValueOnce({ ok: true, result: [{ id: 'f1' }] })

    const answer = await ipcMain.invoke(IPC_INVOKE, `${APP}#/families`, 'families.list', {})

    expect(desk.dispatch).toHaveBeenCalledWith('families.list', {})
    expect(answer).toEqual({ ok: true, result: [{ id: 'f1' }] })
  })

  it("answers the desk's own errors unchanged", async () => {
    registerDeskIpc(ipcMain, desk, isAppUrl)
    const invalid = { ok: false, error: { kind: 'validation', code: LocalCode.InvalidArguments, message: 'bad' } } as const
    desk.dispatch.mockResolvedValueOnce(invalid)
    expect(await ipcMain.invoke(IPC_INVOKE, APP, 'rooms.list', { familyId: '' })).toEqual(invalid)
  })

  it.each([
    ['a foreign page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil.html'],
    ['a destroyed frame', null],
  ])('refuses %s with a typed error and never calls the desk', async (_name, url) => {
    registerDeskIpc(ipcMain, desk, isAppUrl)

    const answer = await ipcMain.invoke(IPC_INVOKE, url, 'session.current', {})

    expect(answer).toEqual({
      ok: false,
      error: { kind: 'validation', code: IpcCode.ForbiddenSender, message: expect.any(String) },
    })
    expect(desk.dispatch).not.toHaveBeenCalled()
  })

  it('answers a typed error when the desk throws', async () => {
    registerDeskIpc(ipcMain, desk, isAppUrl)
    desk.dispatch.mockRejectedValueOnce(new Error('boom with secret details'))

    const answer = await ipcMain.invoke(IPC_INVOKE, APP, 'app.info', {})

    expect(answer).toEqual({ ok: false, error: { kind: 'internal', code: LocalCode.Internal, message: expect.any(String) } })
    expect(JSON.stringify(answer)).not.toContain('secret')
  })

  it('removes its handler when disposed', () => {
    const dispose = registerDeskIpc(ipcMain, desk, isAppUrl)
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(true)
    dispose()
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(false)
  })
})

describe('forwardDeskEvents', () => {
  it('sends each desk event to the current window on the event channel', () => {
    const desk = new FakeDesk()
    const contents = new FakeWebContents()
    forwardDeskEvents(desk, () => contents)

    desk.emit('connection.changed', { status: 'live' })
    desk.emit('session.changed', { session: null, reason: 'expired' })

    expect(contents.sent).toEqual([
      [IPC_EVENT, 'connection.changed', { status: 'live' }],
      [IPC_EVENT, 'session.changed', { session: null, reason: 'expired' }],
    ])
  })

  it('drops events while there is no live window', () => {
    const desk = new FakeDesk()
    const contents = new FakeWebContents()
    let target: FakeWebContents | null = null
    forwardDeskEvents(desk, () => target)

    desk.emit('connection.changed', { status: 'idle' })
    target = contents
    contents.destroyed = true
    desk.emit('connection.changed', { status: 'idle' })

    expect(contents.sent).toEqual([])
  })

  it('stops forwarding when unsubscribed', () => {
    const desk = new FakeDesk()
    const unsubscribe = forwardDeskEvents(desk, () => new FakeWebContents())
    expect(desk.listenerCount).toBe(1)
    unsubscribe()
    expect(desk.listenerCount).toBe(0)
  })
})
