import { beforeEach, describe, expect, it, vi } from 'vitest'
import { isAllowedExternalUrl } from '../../electron/main/security/external-links'
import { guardWebContents } from '../../electron/main/security/web-contents-guard'
import { FakeWebContents, fakeEvent } from './fakes'

const APP = 'file:///app/out/renderer/index.html'

describe('guardWebContents', () => {
  let contents: FakeWebContents
  let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<void>>>

  beforeEach(() => {
    contents = new FakeWebContents()
    openExternal = vi.fn(async (_url: string) => {})
    guardWebContents(contents, { isAppUrl: (url) => url.startsWith(APP), openExternal })
  })

  it('lets the app navigate within its own page', () => {
    const event = fakeEvent({ url: `${APP}#/devices` })
    contents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(false)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('prevents navigation to a foreign origin', () => {
    const event = fakeEvent({ url: 'https://evil.example/' })
    contents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('prevents navigation to an allowlisted site but opens it in the browser', () => {
    const event = fakeEvent({ url: 'https://cloud.tencent.com/document/product/1081' })
    contents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
    expect(openExternal).toHaveBeenCalledWith('https://cloud.tencent.com/document/product/1081')
  })

  it('prevents foreign redirects and sub-frame navigations without opening anything', () => {
    const redirect = fakeEvent({ url: 'https://cloud.tencent.com/' })
    contents.emit('will-redirect', redirect)
    const frame = fakeEvent({ url: 'https://evil.example/', isMainFrame: false })
    contents.emit('will-frame-navigate', frame)
    expect(redirect.defaultPrevented).toBe(true)
    expect(frame.defaultPrevented).toBe(true)
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('denies window.open, opening only allowlisted http(s) links externally', () => {
    const open = contents.windowOpenHandler
    expect(open).not.toBeNull()
    expect(open?.({ url: 'https://github.com/tencentyun' })).toEqual({ action: 'deny' })
    expect(open?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(open?.({ url: `${APP}#/popup` })).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['https://github.com/tencentyun']])
  })

  it('refuses to attach webviews', () => {
    const event = fakeEvent({})
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' })
    expect(event.defaultPrevented).toBe(true)
  })

  it('survives a failing openExternal', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    openExternal.mockRejectedValueOnce(new Error('no browser'))
    contents.windowOpenHandler?.({ url: 'https://github.com/' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })
})

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://cloud.tencent.com/document/product/1081/40781',
    'https://intl.cloud.tencent.com/',
    'http://github.com/tencentyun/iot-link-android',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true))

  it.each([
    'https://evil.example/',
    'https://cloud.tencent.com.evil.example/',
    'https://evil.cloud.tencent.com/',
    'https://cloud.tencent.com@evil.example/',
    'https://user:pw@github.com/',
    'file:///etc/passwd',
    'smb://github.com/share',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false))
})
