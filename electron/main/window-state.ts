/**
 * The main window's size and place, remembered across starts in `window-state.json` in the
 * data folder. A saved place that no longer lies on any display (a monitor unplugged) is
 * dropped, so the window never opens out of reach.
 */
import { join } from 'node:path'
import { readJsonFile, writeJsonFile } from '../core/store/json-file'

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Bounds
  maximized: boolean
}

/** The slice of a BrowserWindow watched here. */
export interface TrackedWindow {
  getNormalBounds(): Bounds
  isMaximized(): boolean
  isDestroyed(): boolean
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
}

const MIN = { width: 1024, height: 640 }
/** Enough of the title bar must stay on a display to grab it. */
const VISIBLE_PX = 100

export function windowStateFile(dataDir: string): string {
  return join(dataDir, 'window-state.json')
}

/** The saved state if it is sane and still on a display (`workAreas`: screen.getAllDisplays()), else null. */
export async function loadWindowState(file: string, workAreas: Bounds[]): Promise<WindowState | null> {
  const raw = (await readJsonFile<unknown>(file, null)) as Partial<WindowState> | null
  const b = raw?.bounds
  if (!b || ![b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n))) return null
  const bounds = { x: Math.round(b.x), y: Math.round(b.y), width: Math.max(MIN.width, Math.round(b.width)), height: Math.max(MIN.height, Math.round(b.height)) }
  if (!workAreas.some((area) => overlaps(bounds, area))) return null
  return { bounds, maximized: raw?.maximized === true }
}

function overlaps(window: Bounds, area: Bounds): boolean {
  const width = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x)
  const height = Math.min(window.y + VISIBLE_PX, area.y + area.height) - Math.max(window.y, area.y)
  return width >= VISIBLE_PX && height > 0
}

/** Saves the window's state after it settles (debounced) and when it closes. */
export function trackWindowState(window: TrackedWindow, file: string, options: { debounceMs?: number; save?: (file: string, state: WindowState) => Promise<void> } = {}): void {
  const save = options.save ?? writeJsonFile
  let timer: ReturnType<typeof setTimeout> | null = null
  const snapshot = (): WindowState => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!window.isDestroyed()) void save(file, snapshot()).catch((error: unknown) => console.warn('[desk] window state not saved', error))
  }
  const later = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, options.debounceMs ?? 500)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later)
  window.on('close', flush)
}
