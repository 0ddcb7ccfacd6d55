/**
 * Where the renderer comes from, and the one test every guard shares: "is this URL the
 * app's own page?". Navigation, IPC sender checks and the CSP all derive from it.
 */
import { pathToFileURL } from 'node:url'

export type RendererEntry = { kind: 'file'; path: string } | { kind: 'url'; url: string }

export interface AppOrigin {
  entry: RendererEntry
  /** The dev server's origin (e.g. http://localhost:5173); null when loading the built files. */
  devOrigin: string | null
  isAppUrl(url: string): boolean
}

export interface AppOriginOptions {
  /** Absolute path of the built renderer's index.html. */
  rendererIndexPath: string
  /** electron-vite's ELECTRON_RENDERER_URL, if set. */
  devServerUrl: string | undefined
  isPackaged: boolean
  platform: string
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function resolveAppOrigin(options: AppOriginOptions): AppOrigin {
  const devOrigin = trustedDevOrigin(options.devServerUrl, options.isPackaged)
  if (devOrigin !== null && options.devServerUrl !== undefined) {
    return {
      entry: { kind: 'url', url: options.devServerUrl },
      devOrigin,
      isAppUrl: (url) => parseUrl(url)?.origin === devOrigin,
    }
  }
  const indexUrl = comparableFileUrl(pathToFileURL(options.rendererIndexPath).href, options.platform)
  return {
    entry: { kind: 'file', path: options.rendererIndexPath },
    devOrigin: null,
    // Exactly the index file: every file:// URL shares one opaque origin, so an origin
    // comparison would let the page reach any file on disk.
    isAppUrl: (url) => indexUrl !== null && comparableFileUrl(url, options.platform) === indexUrl,
  }
}

/**
 * The dev server URL is honoured only in unpackaged runs and only on loopback: an
 * environment variable must never be able to point an installed app at a remote page that
 * would then receive the bridge.
 */
function trustedDevOrigin(devServerUrl: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !devServerUrl) return null
  const url = parseUrl(devServerUrl)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null
  return LOOPBACK_HOSTS.has(url.hostname) ? url.origin : null
}

/** A file URL without query or hash (the router lives in the hash), case-folded on Windows. */
function comparableFileUrl(raw: string, platform: string): string | null {
  const url = parseUrl(raw)
  if (!url || url.protocol !== 'file:') return null
  url.search = ''
  url.hash = ''
  return platform === 'win32' ? url.href.toLowerCase() : url.href
}

export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}
