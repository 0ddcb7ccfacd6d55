/**
 * Main process entry: composes the single-purpose modules beside it. This is the only
 * main-process file that touches Electron's real objects; everything it wires up takes
 * them as parameters, so it can be unit-tested with fakes.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron'
import { IPC_EVENT } from '../../shared/bridge-channels'
import type { MenuAction } from '../../shared/contracts/app'
import type { UpdaterPort } from '../core/updates/updater-port'
import { menuTemplate } from './app-menu'
import { hostCapabilities } from './host-capabilities'
import { pagePdf } from './page-pdf'
import { electronUpdater } from './updater'
import { loadWindowState, trackWindowState, windowStateFile, type WindowState } from './window-state'
import { createDesk } from '../core/desk'
import { resolveAppOrigin, type AppOrigin } from './app-origin'
import { forwardDeskEvents, registerDeskIpc } from './ipc'
import { pendingDesk } from './pending-desk'
import { closeBeforeQuit } from './quit'
import { selectSecretCipher } from './secret-cipher'
import { buildContentSecurityPolicy, installContentSecurityPolicy } from './security/content-security-policy'
import { installMediaOriginGuard } from './security/media-origin-guard'
import { denyAllPermissions } from './security/permissions'
import { guardWebContents } from './security/web-contents-guard'
import { claimSingleInstance } from './single-instance'
import { createWindowKeeper, type WindowKeeper } from './window'

// electron-vite emits out/main/index.js, out/preload/index.cjs and out/renderer/index.html.
const outDir = join(import.meta.dirname, '..')
/** Read once the screens are known (after 'ready'); the window keeper asks for it when it creates a window. */
let savedPlace: WindowState | null = null

function main(): void {
  const origin = resolveAppOrigin({
    rendererIndexPath: join(outDir, 'renderer', 'index.html'),
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
    platform: process.platform,
  })
  // electronegativity: CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK are false positives: `options`
  // come from window.ts (contextIsolation and sandbox on, Node off), and guardWebContents denies
  // every new window a middle-click could open.
  const createWindow = (options: Electron.BrowserWindowConstructorOptions) => {
    const window = new BrowserWindow(options)
    trackWindowState(window, windowStateFile(app.getPath('userData')))
    return window
  }
  const windows = createWindowKeeper(createWindow, {
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    entry: origin.entry,
    devTools: !app.isPackaged,
    place: () => savedPlace,
  })
  if (!claimSingleInstance(app, () => windows.focus())) return

  // Sandbox every renderer, including any created outside window.ts.
  app.enableSandbox()
  // electronegativity: OPEN_EXTERNAL_JS_CHECK is a false positive: guardWebContents hands only
  // http(s) links without credentials to this (external-links.ts, openIfAllowed).
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, { isAppUrl: origin.isAppUrl, openExternal: (url) => shell.openExternal(url) }),
  )
  app.whenReady().then(
    () => start(origin, windows).catch((error: unknown) => fail('the app could not start', error)),
    (error: unknown) => fail('Electron did not start', error),
  )
}

async function start(origin: AppOrigin, windows: WindowKeeper): Promise<void> {
  denyAllPermissions(session.defaultSession)
  const dataDir = app.getPath('userData')
  savedPlace = await loadWindowState(windowStateFile(dataDir), screen.getAllDisplays().map((display) => display.workArea))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: app.name, devTools: !app.isPackaged, send: (action) => sendMenuAction(windows, action) })),
  )

  const { cipher, reason } = selectSecretCipher(safeStorage, process.platform)
  if (reason) console.warn(`[desk] secrets will be kept for this session only: ${reason}`)
  const desk = pendingDesk(
    createDesk({
      mode: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      dataDir,
      cipher,
      host: hostCapabilities({
        openPath: (path) => shell.openPath(path),
        showSaveDialog: (options) => {
          const window = windows.current()
          return window ? dialog.showSaveDialog(window as BrowserWindow, options) : dialog.showSaveDialog(options)
        },
        downloadsDir: app.getPath('downloads'),
        updater: await packagedUpdater(),
        pdf: pagePdf(() => (windows.current() as BrowserWindow | null)?.webContents ?? null),
      }),
    }, { checkResults: !app.isPackaged }),
  )
  // Computed per response: media follows the active profile (core/security/content-security-policy.ts).
  installContentSecurityPolicy(session.defaultSession, () => buildContentSecurityPolicy(origin.devOrigin, desk.mediaOrigins()))
  installMediaOriginGuard(session.defaultSession, () => desk.mediaOrigins(), origin.isAppUrl)
  registerDeskIpc(ipcMain, desk, origin.isAppUrl)
  forwardDeskEvents(desk, () => windows.current()?.webContents ?? null)
  closeBeforeQuit(app, () => desk.close())

  windows.ensure()
  // macOS keeps the app running without windows; a dock click brings one back.
  app.on('activate', () => windows.ensure())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

/** electron-updater only in an installed build: a development run has no feed to ask. */
async function packagedUpdater(): Promise<UpdaterPort | undefined> {
  if (!app.isPackaged) return undefined
  const { default: updater } = await import('electron-updater')
  return electronUpdater(updater.autoUpdater)
}

/** A menu item the page answers (About, shortcuts, support bundle, settings). */
function sendMenuAction(windows: WindowKeeper, action: MenuAction): void {
  windows.focus()
  windows.current()?.webContents.send(IPC_EVENT, 'app.menu', { action })
}

function fail(what: string, error: unknown): void {
  console.error(`[desk] ${what}`, error)
  app.exit(1)
}

main()
