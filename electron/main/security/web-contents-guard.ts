/**
 * Keeps every web contents on the app's own page: no navigation or redirect elsewhere, no
 * new windows, no <webview>. Allowlisted links go to the user's browser instead.
 */
import { openIfAllowed, type OpenExternal } from './external-links'

interface PreventableEvent {
  preventDefault(): void
}
interface NavigationEvent extends PreventableEvent {
  url: string
}
interface FrameNavigationEvent extends NavigationEvent {
  isMainFrame: boolean
}
type WindowOpenResponse = { action: 'deny' }

/** The slice of Electron's WebContents this module needs. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenResponse): void
}

export interface GuardOptions {
  isAppUrl(url: string): boolean
  openExternal: OpenExternal
}

export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  const stayHome = (event: NavigationEvent): boolean => {
    if (options.isAppUrl(event.url)) return true
    event.preventDefault()
    return false
  }
  // A link the user clicked: keep the window here, hand allowlisted URLs to the browser.
  contents.on('will-navigate', (event) => {
    if (!stayHome(event)) openIfAllowed(options.openExternal, event.url)
  })
  // Sub-frames (the main frame is handled above) and redirects are never user intent.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) stayHome(event)
  })
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(options.openExternal, url)
    return { action: 'deny' }
  })
}
