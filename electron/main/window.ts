/**
 * The one main window: its hardened web preferences, how it loads the renderer, and a
 * keeper that recreates it on demand (macOS dock click) and brings it forward.
 */
import type { BrowserWindowConstructorOptions } from 'electron'
import type { RendererEntry } from './app-origin'
import type { WindowState } from './window-state'

/** The slice of Electron's BrowserWindow this module needs. */
export interface MainWindow {
  readonly webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void }
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: 'closed', listener: () => void): unknown
  loadFile(path: string): Promise<void>
  loadURL(url: string): Promise<void>
  maximize?(): void
}

export type CreateWindow = (options: BrowserWindowConstructorOptions) => MainWindow

export interface MainWindowOptions {
  preloadPath: string
  entry: RendererEntry
  /** DevTools only in unpackaged runs. */
  devTools: boolean
  /** Where the window was last (window-state.ts), read each time one is created. */
  place?: () => WindowState | null
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: 'Explorer Desk',
    width: 1360,
    height: 860,
    ...options.place?.()?.bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on 'ready-to-show', so no blank frame flashes
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  }
}

export function loadRenderer(window: MainWindow, entry: RendererEntry): Promise<void> {
  const loading = entry.kind === 'file' ? window.loadFile(entry.path) : window.loadURL(entry.url)
  return loading.catch((error: unknown) => console.error('[desk] could not load the renderer', error))
}

export interface WindowKeeper {
  current(): MainWindow | null
  /** The window, created and loaded if there is none. */
  ensure(): MainWindow
  /** Brings the window to the front (a second launch, a dock click). */
  focus(): void
}

export function createWindowKeeper(create: CreateWindow, options: MainWindowOptions): WindowKeeper {
  let window: MainWindow | null = null
  const current = (): MainWindow | null => (window && !window.isDestroyed() ? window : null)
  const ensure = (): MainWindow => {
    const existing = current()
    if (existing) return existing
    const created = create(mainWindowOptions(options))
    window = created
    const maximized = options.place?.()?.maximized ?? false
    created.once('ready-to-show', () => (maximized && created.maximize ? created.maximize() : created.show()))
    created.on('closed', () => {
      if (window === created) window = null
    })
    void loadRenderer(created, options.entry)
    return created
  }
  const focus = (): void => {
    const target = ensure()
    if (target.isMinimized()) target.restore()
    target.show()
    target.focus()
  }
  return { current, ensure, focus }
}
