/**
 * Links the app may hand to the user's browser: documentation and consoles on a short
 * allowlist of hosts. Anything else is dropped, so a compromised page cannot make the OS
 * open arbitrary URLs or protocols (file:, smb:, custom handlers).
 */
import { parseUrl } from '../app-origin'

export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'cloud.tencent.com',
  'intl.cloud.tencent.com',
  'console.cloud.tencent.com',
  'github.com',
])

export function isAllowedExternalUrl(raw: string, hosts: ReadonlySet<string> = EXTERNAL_LINK_HOSTS): boolean {
  const url = parseUrl(raw)
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return false
  // Credentials in a link are a phishing tell (https://cloud.tencent.com@evil.example).
  if (url.username !== '' || url.password !== '') return false
  return hosts.has(url.hostname)
}

export type OpenExternal = (url: string) => Promise<void>

/** Opens `url` in the user's browser when allowed; reports whether it did. */
export function openIfAllowed(openExternal: OpenExternal, url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false
  openExternal(url).catch((error: unknown) => console.warn('[desk] could not open external link', url, error))
  return true
}
