/**
 * Where a profile's recordings, playlists and thumbnails come from, for the renderer's
 * Content-Security-Policy (media-src, img-src and the XHR/fetch hls.js makes). The sandbox
 * and custom clouds serve media from their own origin; Tencent's clouds from IoT Video's
 * CDN (the reference's examples: http://zylcb.iotvideo.tencentcs.com/timeshift/live/1.m3u8)
 * and COS (https://video-cv-1258344699.cos.ap-guangzhou.myqcloud.com/… thumbnails).
 */
const TENCENT_API_HOSTS = /(^|\.)(cloud\.tencent\.com|tencentiotcloud\.com)$/
export const TENCENT_MEDIA_ORIGINS = ['https://*.iotvideo.tencentcs.com', 'http://*.iotvideo.tencentcs.com', 'https://*.myqcloud.com']

export function mediaOriginsFor(baseUrl: string | null): string[] {
  if (!baseUrl) return []
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return []
  }
  return TENCENT_API_HOSTS.test(url.hostname) ? [url.origin, ...TENCENT_MEDIA_ORIGINS] : [url.origin]
}

/**
 * Every origin a built-in profile can name, for the static meta policy: the embedded (or a
 * local standalone) sandbox on any loopback port, Tencent's two API hosts, their video CDN
 * and COS. A custom cloud elsewhere is not among them (see buildMetaContentSecurityPolicy).
 */
export const BUILT_IN_MEDIA_ORIGINS: readonly string[] = [
  'http://127.0.0.1:*',
  'https://iot.cloud.tencent.com',
  'https://oversea.iotcloud.tencentiotcloud.com',
  ...TENCENT_MEDIA_ORIGINS,
]
