/**
 * The composition in electron/main/index.ts, run against a fake 'electron' module: what a
 * real launch wires up, in the order Electron allows it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_INVOKE } from '../../shared/contracts'
import { FakeDesk, FakeEmitter, FakeIpcMain, FakeSession, FakeWebContents, fakeEvent } from './fakes'

class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loadFile = vi.fn(async (_path: string) => {})
  loadURL = vi.fn(async (_url: string) => {})
  constructor(readonly options: { webPreferences?: { preload?: string } }) {
    super()
    FakeBrowserWindow.created.push(this)
  }
  isDestroyed = () => false
  isMinimized = () => false
  isMaximized = () => false
  getNormalBounds = () => ({ x: 10, y: 10, width: 1360, height: 860 })
  maximize = vi.fn()
  restore = vi.fn()
  show = vi.fn()
  focus = vi.fn()
}

function fakeElectron(gotLock: boolean, backend: string) {
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => gotLock),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getVersion: () => '1.2.3',
    name: 'Explorer Desk',
    getPath: (name: string) => `/home/user/.config/Explorer Desk/${name}`,
    quit: vi.fn(),
    exit: vi.fn(),
  })
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    shell: { openExternal: vi.fn(async () => {}), openPath: vi.fn(async () => '') },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: {
      buildFromTemplate: vi.fn((template: MenuItem[]) => ({ template })),
      setApplicationMenu: vi.fn((_menu: { template: MenuItem[] }) => {}),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => backend,
      encryptString: (plain: string) => Buffer.from(plain),
      decryptString: (encrypted: Buffer) => encrypted.toString(),
    },
  }
}

interface MenuItem {
  label?: string
  role?: string
  click?: () => void
  submenu?: MenuItem[]
}

const autoUpdater = Object.assign(new FakeEmitter(), {
  checkForUpdates: vi.fn(async () => null),
  downloadUpdate: vi.fn(async () => []),
  quitAndInstall: vi.fn(),
  removeListener: vi.fn(),
})

const desk = new FakeDesk()
const createDesk = vi.fn(async () => desk)

async function launch(gotLock = true, backend = 'gnome_libsecret') {
  const electron = fakeElectron(gotLock, backend)
  vi.doMock('electron', () => electron)
  vi.doMock('../../electron/core/desk', () => ({ createDesk }))
  vi.doMock('electron-updater', () => ({ default: { autoUpdater } }))
  await import('../../electron/main/index')
  // start() reads the saved window place and loads the updater before the desk.
  await new Promise((resolve) => setTimeout(resolve, 50))
  return electron
}

describe('electron/main/index', () => {
  beforeEach(() => {
    vi.resetModules()
    FakeBrowserWindow.created = []
    createDesk.mockClear()
    desk.dispatch.mockClear()
    desk.close.mockClear()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.doUnmock('electron')
    vi.doUnmock('../../electron/core/desk')
    vi.doUnmock('electron-updater')
    vi.restoreAllMocks()
  })

  it('wires the security, the desk, IPC and one window', async () => {
    const { app, session, ipcMain } = await launch()

    expect(app.enableSandbox).toHaveBeenCalled()
    expect(session.defaultSession.receive({})?.['Content-Security-Policy']).toEqual([
      expect.stringContaining("script-src 'self'"),
    ])
    expect(session.defaultSession.checkHandler?.(null, 'media')).toBe(false)
    // Media of a cloud that is not the active profile's is cancelled in main.
    expect(session.defaultSession.request('http://elsewhere.test/v/1.ts', 'xhr')).toBe(true)
    expect(createDesk).toHaveBeenCalledWith({
      mode: 'electron',
      version: '1.2.3',
      platform: process.platform,
      dataDir: '/home/user/.config/Explorer Desk/userData',
      cipher: expect.objectContaining({ encryptString: expect.any(Function) }),
      host: {
        openPath: expect.any(Function),
        saveFile: expect.any(Function),
        updater: expect.objectContaining({ check: expect.any(Function), download: expect.any(Function), install: expect.any(Function) }),
        pdf: { printPage: expect.any(Function) },
      },
    }, { checkResults: false })

    const [window] = FakeBrowserWindow.created
    expect(FakeBrowserWindow.created).toHaveLength(1)
    expect(window?.options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/)
    const page = window?.loadFile.mock.calls[0]?.[0] ?? ''
    expect(page).toMatch(/[/\\]renderer[/\\]index\.html$/)

    const { pathToFileURL } = await import('node:url')
    expect(await ipcMain.invoke(IPC_INVOKE, `${pathToFileURL(page).href}#/`, 'app.info', {})).toEqual({
      ok: true,
      result: 'done',
    })
    expect(await ipcMain.invoke(IPC_INVOKE, 'https://evil.example/', 'app.info', {})).toMatchObject({ ok: false })
    expect(desk.dispatch).toHaveBeenCalledOnce()
  })

  it('sets the application menu; its Help items are sent to the page', async () => {
    const { Menu } = await launch()
    const template = Menu.setApplicationMenu.mock.calls[0]![0].template
    const help = template.find((item) => item.role === 'help')!
    expect(help.submenu!.map((item) => item.label).filter(Boolean)).toEqual(
      ['Keyboard Shortcuts', 'Support Bundle…', 'About Explorer Desk'].slice(0, process.platform === 'darwin' ? 2 : 3),
    )
    help.submenu!.find((item) => item.label === 'Keyboard Shortcuts')!.click!()
    expect(FakeBrowserWindow.created[0]!.webContents.sent).toContainEqual(['desk:event', 'app.menu', { action: 'shortcuts' }])
  })

  it('guards every web contents the app creates', async () => {
    const { app } = await launch()
    const contents = new FakeWebContents()
    app.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    const navigation = fakeEvent({ url: 'https://evil.example/' })
    contents.emit('will-navigate', navigation)
    expect(navigation.defaultPrevented).toBe(true)
  })

  it.runIf(process.platform === 'linux')('keeps secrets session-only when Linux has no keyring', async () => {
    await launch(true, 'basic_text')
    expect(createDesk).toHaveBeenCalledWith(expect.objectContaining({ cipher: null }), expect.anything())
  })

  it('closes the desk before quitting', async () => {
    const { app } = await launch()
    const quit = fakeEvent({})
    app.emit('will-quit', quit)
    expect(quit.defaultPrevented).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(desk.close).toHaveBeenCalledOnce()
    expect(app.quit).toHaveBeenCalled()
  })

  it('focuses the window on a second launch', async () => {
    const { app } = await launch()
    app.emit('second-instance', {}, [], '/')
    expect(FakeBrowserWindow.created).toHaveLength(1)
    expect(FakeBrowserWindow.created[0]?.focus).toHaveBeenCalled()
  })

  it('quits at once as a second instance', async () => {
    const { app } = await launch(false)
    expect(app.quit).toHaveBeenCalled()
    expect(app.whenReady).not.toHaveBeenCalled()
    expect(createDesk).not.toHaveBeenCalled()
  })
})
