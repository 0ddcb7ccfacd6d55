import { describe, expect, it } from 'vitest'
import {
  buildContentSecurityPolicy,
  installContentSecurityPolicy,
} from '../../electron/main/security/content-security-policy'
import { buildMetaContentSecurityPolicy } from '../../electron/core/security/content-security-policy'
import { mediaOriginsFor } from '../../electron/core/video/media-origins'
import { FakeSession } from './fakes'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('buildContentSecurityPolicy', () => {
  it('is strict for the built app', () => {
    const policy = directives(buildContentSecurityPolicy(null))
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    })
  })

  it('lets the dev server and its HMR socket in, and nothing looser', () => {
    const policy = directives(buildContentSecurityPolicy('http://localhost:5173'))
    expect(policy.get('script-src')).toEqual(["'self'", 'http://localhost:5173'])
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173'])
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'")
    expect(policy.get('object-src')).toEqual(["'none'"])
  })
})

describe('media of the active profile', () => {
  it("admits the sandbox's origin for media, thumbnails and hls.js's fetches, and nothing else", () => {
    const policy = directives(buildContentSecurityPolicy(null, mediaOriginsFor('http://127.0.0.1:4100/api/exploreropen')))
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:', 'http://127.0.0.1:4100'])
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:4100'])
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4100'])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('default-src')).toEqual(["'self'"])
  })

  it("admits Tencent's video CDN and COS for a Tencent profile", () => {
    const origins = mediaOriginsFor('https://iot.cloud.tencent.com/api/exploreropen')
    expect(origins).toEqual(['https://iot.cloud.tencent.com', 'https://*.iotvideo.tencentcs.com', 'http://*.iotvideo.tencentcs.com', 'https://*.myqcloud.com'])
    expect(mediaOriginsFor(null)).toEqual([])
    expect(mediaOriginsFor('not a url')).toEqual([])
  })

  it('drops anything that is not an origin, so nothing can inject a directive', () => {
    const policy = buildContentSecurityPolicy(null, ["http://a.test; script-src 'unsafe-eval'", "'unsafe-inline'"])
    expect(directives(policy).get('media-src')).toEqual(["'self'", 'blob:'])
    expect(policy).not.toContain('unsafe-eval')
  })

  it('admits in the static meta tag only what a built-in profile may need, and keeps the rest strict', () => {
    const meta = directives(buildMetaContentSecurityPolicy())
    const builtIn = [
      'http://127.0.0.1:*',
      'https://iot.cloud.tencent.com',
      'https://oversea.iotcloud.tencentiotcloud.com',
      'https://*.iotvideo.tencentcs.com',
      'http://*.iotvideo.tencentcs.com',
      'https://*.myqcloud.com',
    ]
    expect(meta.get('media-src')).toEqual(["'self'", 'blob:', ...builtIn])
    expect(meta.get('img-src')).toEqual(["'self'", 'data:', 'blob:', ...builtIn])
    expect(meta.get('connect-src')).toEqual(["'self'", ...builtIn])
    for (const sources of meta.values()) expect(sources).not.toContain('https:')
    expect(meta.get('script-src')).toEqual(["'self'"])
    expect(meta.has('frame-ancestors')).toBe(false)
  })

  it('covers every built-in profile\'s media origins in the meta tag', () => {
    const meta = directives(buildMetaContentSecurityPolicy()).get('media-src') ?? []
    for (const base of ['https://iot.cloud.tencent.com/api/exploreropen', 'https://oversea.iotcloud.tencentiotcloud.com/api/exploreropen']) {
      for (const origin of mediaOriginsFor(base)) expect(meta, origin).toContain(origin)
    }
  })

  it('adds a custom cloud given at build time, and still nothing that is not an origin', () => {
    const meta = directives(buildMetaContentSecurityPolicy(['https://iot.example.org', "x; script-src 'unsafe-eval'"]))
    expect(meta.get('media-src')).toContain('https://iot.example.org')
    expect(meta.get('script-src')).toEqual(["'self'"])
  })
})

describe('installContentSecurityPolicy', () => {
  it('asks for the policy on every response, so it follows the active profile', () => {
    const session = new FakeSession()
    let origins = ['http://127.0.0.1:1']
    installContentSecurityPolicy(session, () => buildContentSecurityPolicy(null, origins))
    expect(session.receive({})?.['Content-Security-Policy']?.[0]).toContain('media-src \'self\' blob: http://127.0.0.1:1;')
    origins = ['http://127.0.0.1:2']
    expect(session.receive({})?.['Content-Security-Policy']?.[0]).toContain('media-src \'self\' blob: http://127.0.0.1:2;')
  })

  it('adds the header to every response and replaces any the server sent', () => {
    const session = new FakeSession()
    installContentSecurityPolicy(session, "default-src 'self'")

    expect(session.receive({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    })
    expect(session.receive({ 'content-security-policy': ['default-src *'] })).toEqual({
      'Content-Security-Policy': ["default-src 'self'"],
    })
    expect(session.receive(undefined)).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] })
  })
})
