import type { BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createWindowKeeper, mainWindowOptions, type MainWindow } from '../../electron/main/window'
import { FakeEmitter, FakeWebContents } from './fakes'

class FakeWindow extends FakeEmitter implements MainWindow {
  readonly webContents = new FakeWebContents()
  destroyed = false
  minimized = false
  readonly calls: string[] = []
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
  }
  isDestroyed = () => this.destroyed
  isMinimized = () => this.minimized
  restore = () => void this.calls.push('restore')
  show = () => void this.calls.push('show')
  focus = () => void this.calls.push('focus')
  loadFile = vi.fn(async (_path: string) => {})
  loadURL = vi.fn(async (_url: string) => {})
}

const fileEntry = { kind: 'file', path: '/app/out/renderer/index.html' } as const
const options = { preloadPath: '/app/out/preload/index.cjs', entry: fileEntry, devTools: false }

function keeper(entry: typeof options.entry | { kind: 'url'; url: string } = fileEntry) {
  const created: FakeWindow[] = []
  const windows = createWindowKeeper((opts) => {
    const window = new FakeWindow(opts)
    created.push(window)
    return window
  }, { ...options, entry })
  return { windows, created }
}

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer and loads the built CJS preload', () => {
    expect(mainWindowOptions(options).webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    })
  })
})

describe('createWindowKeeper', () => {
  it('creates one window, loads the renderer file and shows it when ready', () => {
    const { windows, created } = keeper()
    const window = windows.ensure()

    expect(windows.ensure()).toBe(window)
    expect(created).toHaveLength(1)
    expect(created[0]?.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html')
    expect(created[0]?.options.show).toBe(false)
    created[0]?.emit('ready-to-show')
    expect(created[0]?.calls).toEqual(['show'])
  })

  it('loads the dev server URL in dev', () => {
    const { windows, created } = keeper({ kind: 'url', url: 'http://localhost:5173/' })
    windows.ensure()
    expect(created[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    expect(created[0]?.loadFile).not.toHaveBeenCalled()
  })

  it('restores and focuses the existing window', () => {
    const { windows, created } = keeper()
    windows.ensure()
    const window = created[0]
    if (window) window.minimized = true
    windows.focus()
    expect(created).toHaveLength(1)
    expect(window?.calls).toEqual(['restore', 'show', 'focus'])
  })

  it('forgets a closed window and makes a new one on demand', () => {
    const { windows, created } = keeper()
    windows.ensure()
    created[0]?.emit('closed')
    expect(windows.current()).toBeNull()
    windows.ensure()
    expect(created).toHaveLength(2)
  })

  it('logs a failed load instead of rejecting', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const windows = createWindowKeeper((opts) => {
      const window = new FakeWindow(opts)
      window.loadFile.mockRejectedValueOnce(new Error('ERR_FILE_NOT_FOUND'))
      return window
    }, options)
    windows.ensure()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(error).toHaveBeenCalledWith('[desk] could not load the renderer', expect.any(Error))
    error.mockRestore()
  })
})
