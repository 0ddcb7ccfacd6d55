import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { menuTemplate } from '../../electron/main/app-menu'

type Item = MenuItemConstructorOptions
const submenu = (item: Item | undefined) => (item?.submenu ?? []) as Item[]
const labels = (items: Item[]) => items.map((i) => i.label ?? i.role ?? i.type)
const find = (items: Item[], label: string) => items.find((i) => i.label === label)

describe('application menu', () => {
  it('puts About, Settings and Quit under the app menu on macOS', () => {
    const send = vi.fn()
    const template = menuTemplate({ platform: 'darwin', appName: 'Explorer Desk', devTools: false, send })
    expect(labels(template)).toEqual(['Explorer Desk', 'File', 'editMenu', 'View', 'windowMenu', 'help'])
    const app = submenu(template[0])
    expect(labels(app)).toEqual(expect.arrayContaining(['About Explorer Desk', 'Settings…', 'quit']))
    expect(find(app, 'Settings…')?.accelerator).toBe('CmdOrCtrl+,')
    find(app, 'About Explorer Desk')!.click!(undefined as never, undefined, undefined as never)
    expect(send).toHaveBeenCalledWith('about')
  })

  it('puts Settings under File and About under Help on Windows and Linux', () => {
    const send = vi.fn()
    const template = menuTemplate({ platform: 'win32', appName: 'Explorer Desk', devTools: false, send })
    expect(labels(template)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help'])
    expect(labels(submenu(template[0]))).toEqual(['Settings', 'separator', 'quit'])
    const help = submenu(template.find((i) => i.role === 'help'))
    expect(find(help, 'Keyboard Shortcuts')?.accelerator).toBe('CmdOrCtrl+/')
    find(help, 'Support Bundle…')!.click!(undefined as never, undefined, undefined as never)
    find(help, 'About Explorer Desk')!.click!(undefined as never, undefined, undefined as never)
    expect(send.mock.calls).toEqual([['support-bundle'], ['about']])
  })

  it('offers DevTools and reload only in development', () => {
    const view = (devTools: boolean) => labels(submenu(menuTemplate({ platform: 'linux', appName: 'X', devTools, send: () => {} }).find((i) => i.label === 'View')))
    expect(view(false)).not.toContain('toggleDevTools')
    expect(view(false)).not.toContain('reload')
    expect(view(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })
})
