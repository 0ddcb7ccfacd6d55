/**
 * The renderer's Content-Security-Policy, defined once: the Electron window gets it as a
 * response header, browser mode as a header, and the built index.html as a meta tag.
 *
 * Recordings: media (hls.js's playlist and segment fetches, the <video>, thumbnails) may
 * come only from the ACTIVE profile's origins (video/media-origins.ts). The header carries
 * exactly those and is computed per response. A document keeps the header it loaded with:
 * a profile switch needs a reload for media of another cloud, which the player says when
 * the policy blocks it. The static meta tag is the other half (buildMetaContentSecurityPolicy).
 */
import { BUILT_IN_MEDIA_ORIGINS } from '../video/media-origins'

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
export function buildContentSecurityPolicy(devOrigin: string | null, mediaOrigins: readonly string[] = []): string {
  const extra = devOrigin === null ? {} : devSources(devOrigin)
  const media = mediaSources(mediaOrigins)
  return BASE_POLICY.map(([directive, sources]) => {
    const all = [...new Set([...sources, ...(extra[directive] ?? []), ...(media[directive] ?? [])])]
    return `${directive} ${all.join(' ')}`
  }).join('; ')
}

/**
 * The meta tag's policy, baked into index.html at build time. It cannot know the profile,
 * so for media, images and fetches it admits the union of what any built-in profile may
 * need (BUILT_IN_MEDIA_ORIGINS: loopback for the sandbox on any port, Tencent's hosts, CDN
 * and COS) plus `extraOrigins` given at build time, and nothing else: a page enforces every
 * policy it gets, so where a header follows (browser mode) the two intersect to the active
 * profile's origins, and in Electron's file:// window (no headers) the main process's
 * request guard narrows it to them (main/security/media-origin-guard.ts). A custom cloud on
 * another host plays its recordings only when its origin is built in (DESK_MEDIA_ORIGINS).
 */
export function buildMetaContentSecurityPolicy(extraOrigins: readonly string[] = []): string {
  return buildContentSecurityPolicy(null, [...BUILT_IN_MEDIA_ORIGINS, ...extraOrigins])
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ')
}

/** Only well-formed origins (scheme://host[:port|:*], host may start with *.) or bare schemes. */
const ORIGIN = /^(https?:\/\/(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?|https?:)$/i

function mediaSources(origins: readonly string[]): Record<string, string[]> {
  const valid = origins.filter((o) => ORIGIN.test(o))
  return { 'media-src': valid, 'img-src': valid, 'connect-src': valid }
}

function devSources(devOrigin: string): Record<string, string[]> {
  const ws = devOrigin.replace(/^http/, 'ws')
  return {
    'script-src': [devOrigin],
    'style-src': [devOrigin],
    'connect-src': [devOrigin, ws],
  }
}
