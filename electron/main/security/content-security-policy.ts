/**
 * The renderer's Content-Security-Policy, delivered as a response header on every response
 * of the window's session so no page or frame of ours runs without it.
 */

export interface HeadersReceivedDetails {
  responseHeaders?: Record<string, string[]>
}
export interface HeadersReceivedResponse {
  responseHeaders?: Record<string, string | string[]>
}
/** The slice of Electron's Session this module needs. */
export interface CspSession {
  webRequest: {
    onHeadersReceived(
      listener: (details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void,
    ): void
  }
}

const BASE_POLICY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  // Element Plus positions popovers and dialogs with inline style attributes.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['media-src', ["'self'", 'blob:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['form-action', ["'none'"]],
]

/**
 * @param devOrigin the electron-vite dev server origin, or null for the built app. In dev the
 * page is served from that origin ('self' covers it); only Vite's HMR WebSocket needs adding.
 */
export function buildContentSecurityPolicy(devOrigin: string | null): string {
  const extra = devOrigin === null ? {} : devSources(devOrigin)
  return BASE_POLICY.map(([directive, sources]) => {
    const all = [...sources, ...(extra[directive] ?? [])]
    return `${directive} ${all.join(' ')}`
  }).join('; ')
}

function devSources(devOrigin: string): Record<string, string[]> {
  const ws = devOrigin.replace(/^http/, 'ws')
  return {
    'script-src': [devOrigin],
    'style-src': [devOrigin],
    'connect-src': [devOrigin, ws],
  }
}

/** Ours replaces any CSP the response carried, so the policy in force is exactly this one. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [policy]
  return result
}

export function installContentSecurityPolicy(session: CspSession, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) })
  })
}
