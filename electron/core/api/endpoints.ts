import type { ProfileKind } from '../../../shared/domain'

/** The API base of each region; `/appapi` and `/tokenapi` hang below it. */
export const REGION_BASE_URLS = {
  mainland: 'https://iot.cloud.tencent.com/api/exploreropen',
  overseas: 'https://oversea.iotcloud.tencentiotcloud.com/api/exploreropen',
} as const

/**
 * A custom URL may be given as an origin or as the full API base; the reference's
 * misspelt `exploreroopen` is corrected, since the real path is `exploreropen`.
 */
export function normaliseBaseUrl(input: string): string {
  const url = new URL(input.trim())
  let path = url.pathname.replace(/\/+$/, '').replace(/exploreroopen/, 'exploreropen')
  path = path.replace(/\/(appapi|tokenapi)$/, '')
  if (!path.endsWith('/exploreropen')) path = `${path}/api/exploreropen`
  return `${url.origin}${path}`
}

export function baseUrlFor(kind: Exclude<ProfileKind, 'sandbox'>, customUrl?: string): string {
  if (kind === 'custom') {
    if (!customUrl) throw new Error('A custom profile needs a base URL')
    return normaliseBaseUrl(customUrl)
  }
  return REGION_BASE_URLS[kind]
}

/**
 * The long connection beside an API base: the reference's `/iotstudio_v2_weapp_1` on the
 * same host (it prints no overseas URL; the overseas host is assumed to serve the same).
 */
export function pushUrlFor(baseUrl: string): string {
  const url = new URL(baseUrl)
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/iotstudio_v2_weapp_1`
}
