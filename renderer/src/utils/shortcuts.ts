/** The keyboard shortcuts Help lists: the page's own, and the desktop menu's (app-menu.ts). */
export interface Shortcut {
  keys: string[]
  /** Key under help.shortcutList. */
  action: string
  desktopOnly?: boolean
}

const mod = (mac: boolean) => (mac ? '⌘' : 'Ctrl')

export function shortcuts(mac: boolean): Shortcut[] {
  return [
    { keys: ['/'], action: 'search' },
    { keys: ['↑', '↓'], action: 'rows' },
    { keys: ['Enter'], action: 'open' },
    { keys: ['Esc'], action: 'close' },
    { keys: [`${mod(mac)} + /`], action: 'shortcuts' },
    { keys: [`${mod(mac)} + ,`], action: 'settings', desktopOnly: true },
    { keys: [`${mod(mac)} + Shift + S`], action: 'bundle', desktopOnly: true },
    { keys: [`${mod(mac)} + +`, `${mod(mac)} + -`, `${mod(mac)} + 0`], action: 'zoom', desktopOnly: true },
  ]
}

/** Ctrl+/ (⌘/ on macOS) opens the list; in the desktop app the menu's accelerator gets there first. */
export function isShortcutsKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.key === '/' && (event.ctrlKey || event.metaKey)
}
