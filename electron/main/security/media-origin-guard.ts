/**
 * The Electron window loads the built page from file://, where no response header carries
 * the CSP and only the static meta tag applies: that one admits media from every origin a
 * built-in profile may use (loopback, Tencent's hosts, CDN and COS), because it cannot know
 * the active one (core/security/content-security-policy.ts). This guard narrows it in the
 * main process: media, XHR/fetch and image requests of the page to http(s) go only to the
 * ACTIVE profile's origins, read on every request.
 */

export interface RequestDetails {
  url: string
  resourceType: string
}
/** The slice of Electron's Session this module needs. */
export interface GuardedSession {
  webRequest: {
    onBeforeRequest(filter: { urls: string[] }, listener: (details: RequestDetails, callback: (response: { cancel?: boolean }) => void) => void): void
  }
}

const GUARDED_TYPES = new Set(['media', 'xhr', 'image'])

/** Whether `url` is on one of the origins ("http://127.0.0.1:4100", "https://*.myqcloud.com"). */
export function isOnOrigins(url: string, origins: readonly string[]): boolean {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return false
  }
  return origins.some((origin) => {
    const wildcard = /^(https?:)\/\/\*\.([^/:]+)$/.exec(origin)
    if (wildcard) return target.protocol === wildcard[1] && target.hostname.endsWith(`.${wildcard[2]}`)
    return target.origin === origin
  })
}

export function shouldBlock(details: RequestDetails, origins: readonly string[], isAppUrl: (url: string) => boolean): boolean {
  if (!GUARDED_TYPES.has(details.resourceType) || !/^https?:/.test(details.url) || isAppUrl(details.url)) return false
  return !isOnOrigins(details.url, origins)
}

export function installMediaOriginGuard(session: GuardedSession, origins: () => string[], isAppUrl: (url: string) => boolean): void {
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, (details, callback) => {
    callback(shouldBlock(details, origins(), isAppUrl) ? { cancel: true } : {})
  })
}
