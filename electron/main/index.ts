/**
 * Main process entry: composes the single-purpose modules beside it. This is the only
 * main-process file that touches Electron's real objects; everything it wires up takes
 * them as parameters, so it can be unit-tested with fakes.
 */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron'
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
  const windows = createWindowKeeper((options) => new BrowserWindow(options), {
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    entry: origin.entry,
    devTools: !app.isPackaged,
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
    () => start(origin, windows),
    (error: unknown) => fail('Electron did not start', error),
  )
}

function start(origin: AppOrigin, windows: WindowKeeper): void {
  denyAllPermissions(session.defaultSession)

  const { cipher, reason } = selectSecretCipher(safeStorage, process.platform)
  if (reason) console.warn(`[desk] secrets will be kept for this session only: ${reason}`)
  const desk = pendingDesk(
    createDesk({
      mode: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      dataDir: app.getPath('userData'),
      cipher,
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

function fail(what: string, error: unknown): void {
  console.error(`[desk] ${what}`, error)
  app.exit(1)
}

main()
