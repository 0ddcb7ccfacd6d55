/**
 * The application menu. Items the page shows (About, keyboard shortcuts, support bundle,
 * settings) are sent to it as 'app.menu' events; the rest are Electron's standard roles.
 * macOS puts About, Settings and Quit under the app's own menu; Windows and Linux under File/Help.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuAction } from '../../shared/contracts/app'

export interface MenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** DevTools and reload in unpackaged runs only. */
  devTools: boolean
  send(action: MenuAction): void
}

/** Accelerators the menu owns; the Help → Keyboard shortcuts dialog lists the same ones. */
export const MENU_ACCELERATORS: Record<MenuAction, string> = {
  settings: 'CmdOrCtrl+,',
  shortcuts: 'CmdOrCtrl+/',
  'support-bundle': 'CmdOrCtrl+Shift+S',
  about: '',
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const item = (label: string, action: MenuAction): MenuItemConstructorOptions => ({
    label,
    ...(MENU_ACCELERATORS[action] ? { accelerator: MENU_ACCELERATORS[action] } : {}),
    click: () => options.send(action),
  })
  const settings = item(mac ? 'Settings…' : 'Settings', 'settings')
  const about = item(`About ${options.appName}`, 'about')
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [about, { type: 'separator' }, settings, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  }
  const file: MenuItemConstructorOptions = { label: 'File', submenu: mac ? [{ role: 'close' }] : [settings, { type: 'separator' }, { role: 'quit' }] }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.devTools ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [item('Keyboard Shortcuts', 'shortcuts'), item('Support Bundle…', 'support-bundle'), ...(mac ? [] : [{ type: 'separator' } as const, about])],
  }
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help]
}
