import { describe, expect, it } from 'vitest'
import { installMediaOriginGuard, isOnOrigins, shouldBlock, type GuardedSession, type RequestDetails } from '../../electron/main/security/media-origin-guard'

const isAppUrl = (url: string) => url.startsWith('file://') || url.startsWith('http://localhost:5173/')

describe('media origin guard (Electron, where file:// pages get no CSP header)', () => {
  it('matches exact origins and *.host wildcards, scheme included', () => {
    expect(isOnOrigins('http://127.0.0.1:4100/timeshift/a.m3u8?sign=1', ['http://127.0.0.1:4100'])).toBe(true)
    expect(isOnOrigins('http://127.0.0.1:4101/timeshift/a.m3u8', ['http://127.0.0.1:4100'])).toBe(false)
    expect(isOnOrigins('https://video-cv-1.cos.ap-guangzhou.myqcloud.com/x.jpg', ['https://*.myqcloud.com'])).toBe(true)
    expect(isOnOrigins('http://video-cv-1.cos.ap-guangzhou.myqcloud.com/x.jpg', ['https://*.myqcloud.com'])).toBe(false)
    expect(isOnOrigins('https://evilmyqcloud.com/x.jpg', ['https://*.myqcloud.com'])).toBe(false)
    expect(isOnOrigins('not a url', ['http://127.0.0.1:4100'])).toBe(false)
  })

  it("blocks media, XHR and images off the active profile's origins, and nothing of the app itself", () => {
    const origins = ['http://127.0.0.1:4100']
    const req = (url: string, resourceType: string): RequestDetails => ({ url, resourceType })
    expect(shouldBlock(req('http://other.test/a.ts', 'xhr'), origins, isAppUrl)).toBe(true)
    expect(shouldBlock(req('http://other.test/a.mp4', 'media'), origins, isAppUrl)).toBe(true)
    expect(shouldBlock(req('http://other.test/a.jpg', 'image'), origins, isAppUrl)).toBe(true)
    expect(shouldBlock(req('http://127.0.0.1:4100/timeshift/v/1.ts', 'xhr'), origins, isAppUrl)).toBe(false)
    expect(shouldBlock(req('http://localhost:5173/src/main.ts', 'xhr'), origins, isAppUrl)).toBe(false)
    expect(shouldBlock(req('http://other.test/page', 'mainFrame'), origins, isAppUrl)).toBe(false)
  })

  it('reads the origins on every request, so switching profiles switches what plays', () => {
    let listener: Parameters<GuardedSession['webRequest']['onBeforeRequest']>[1] | null = null
    const session: GuardedSession = { webRequest: { onBeforeRequest: (_filter, l) => (listener = l) } }
    let origins = ['http://127.0.0.1:4100']
    installMediaOriginGuard(session, () => origins, isAppUrl)
    const answer = (url: string) => {
      let response: { cancel?: boolean } = {}
      listener!({ url, resourceType: 'xhr' }, (r) => (response = r))
      return response.cancel === true
    }
    expect(answer('http://127.0.0.1:4100/timeshift/a.m3u8')).toBe(false)
    origins = ['https://iot.cloud.tencent.com']
    expect(answer('http://127.0.0.1:4100/timeshift/a.m3u8')).toBe(true)
  })
})
