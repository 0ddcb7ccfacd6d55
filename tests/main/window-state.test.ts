import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWindowKeeper } from '../../electron/main/window'
import { loadWindowState, trackWindowState, windowStateFile, type Bounds } from '../../electron/main/window-state'
import { FakeEmitter } from './fakes'

const SCREEN: Bounds[] = [{ x: 0, y: 0, width: 1920, height: 1080 }]

class FakeWindow extends FakeEmitter {
  bounds: Bounds = { x: 100, y: 80, width: 1200, height: 800 }
  maximized = false
  destroyed = false
  getNormalBounds = () => this.bounds
  isMaximized = () => this.maximized
  isDestroyed = () => this.destroyed
}

describe('window state', () => {
  let dir = ''
  let file = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-window-'))
    file = windowStateFile(dir)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('saves the size and place once the window settles and when it closes, and reads them back', async () => {
    const window = new FakeWindow()
    trackWindowState(window, file, { debounceMs: 10 })
    window.bounds = { x: 300, y: 200, width: 1400, height: 900 }
    window.emit('move')
    window.emit('resize')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 300, y: 200, width: 1400, height: 900 }, maximized: false })

    window.maximized = true
    window.emit('close')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(await loadWindowState(file, SCREEN)).toEqual({ bounds: { x: 300, y: 200, width: 1400, height: 900 }, maximized: true })
  })

  it('forgets a place no display shows any more, and ignores a damaged file', async () => {
    writeFileSync(file, JSON.stringify({ bounds: { x: 2500, y: 100, width: 1200, height: 800 }, maximized: false }))
    expect(await loadWindowState(file, SCREEN)).toBeNull()
    expect(await loadWindowState(file, [...SCREEN, { x: 1920, y: 0, width: 2560, height: 1440 }])).not.toBeNull()
    writeFileSync(file, '{"bounds": {"x": "left"')
    expect(await loadWindowState(file, SCREEN)).toBeNull()
    expect(await loadWindowState(join(dir, 'missing.json'), SCREEN)).toBeNull()
  })

  it('opens the window where it was, maximized if it was', async () => {
    writeFileSync(file, JSON.stringify({ bounds: { x: 40, y: 30, width: 1100, height: 700 }, maximized: true }))
    const place = await loadWindowState(file, SCREEN)
    const created: { options: Record<string, unknown>; window: FakeEmitter & { maximize(): void; show(): void; maximizedCalls: number } }[] = []
    const keeper = createWindowKeeper(
      (options) => {
        const window = Object.assign(new FakeEmitter(), {
          maximizedCalls: 0,
          webContents: { isDestroyed: () => false, send: () => {} },
          isDestroyed: () => false,
          isMinimized: () => false,
          restore: () => {},
          show: () => {},
          focus: () => {},
          maximize() {
            window.maximizedCalls++
          },
          loadFile: async () => {},
          loadURL: async () => {},
        })
        created.push({ options: options as Record<string, unknown>, window })
        return window
      },
      { preloadPath: '/p.cjs', entry: { kind: 'file', path: '/index.html' }, devTools: false, place: () => place },
    )
    keeper.ensure()
    expect(created[0]!.options).toMatchObject({ x: 40, y: 30, width: 1100, height: 700, minWidth: 1024 })
    created[0]!.window.emit('ready-to-show')
    expect(created[0]!.window.maximizedCalls).toBe(1)
  })
})
