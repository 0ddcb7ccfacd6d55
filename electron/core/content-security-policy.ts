/**
 * The renderer's Content-Security-Policy, defined once: the Electron window gets it as a
 * response header, browser mode as a header, and the built index.html as a meta tag.
 */

const BASE_POLICY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  // Element Plus positions popovers and dialogs with inline style attributes.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['media-src', ["'self'", 'blob:']],
  ['font-src', ["'self'", 'data:']],
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
