import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { resolveAppOrigin } from '../../electron/main/app-origin'

const index = '/opt/Explorer Desk/resources/app.asar/out/renderer/index.html'
const indexUrl = pathToFileURL(index).href
const base = { rendererIndexPath: index, devServerUrl: undefined, isPackaged: true, platform: 'linux' }

describe('resolveAppOrigin, built files', () => {
  const origin = resolveAppOrigin(base)

  it('loads the index file', () => {
    expect(origin.entry).toEqual({ kind: 'file', path: index })
    expect(origin.devOrigin).toBeNull()
  })

  it('accepts the index page with any hash or query (the router lives there)', () => {
    expect(origin.isAppUrl(indexUrl)).toBe(true)
    expect(origin.isAppUrl(`${indexUrl}#/devices?family=f1`)).toBe(true)
    expect(origin.isAppUrl(`${indexUrl}?x=1`)).toBe(true)
  })

  it('refuses other files, other origins and junk', () => {
    expect(origin.isAppUrl('file:///etc/passwd')).toBe(false)
    expect(origin.isAppUrl(pathToFileURL('/opt/Explorer Desk/resources/app.asar/out/renderer/other.html').href)).toBe(false)
    expect(origin.isAppUrl('https://evil.example/')).toBe(false)
    expect(origin.isAppUrl('not a url')).toBe(false)
    expect(origin.isAppUrl('')).toBe(false)
  })

  it('compares paths case-insensitively on Windows only', () => {
    const win = resolveAppOrigin({ ...base, rendererIndexPath: '/App/Out/index.html', platform: 'win32' })
    expect(win.isAppUrl('file:///app/out/index.html')).toBe(true)
    const linux = resolveAppOrigin({ ...base, rendererIndexPath: '/App/Out/index.html' })
    expect(linux.isAppUrl('file:///app/out/index.html')).toBe(false)
    expect(linux.isAppUrl('file:///App/Out/index.html')).toBe(true)
  })
})

describe('resolveAppOrigin, dev server', () => {
  const dev = { ...base, isPackaged: false, devServerUrl: 'http://localhost:5173/' }

  it('loads the dev server and accepts only its origin', () => {
    const origin = resolveAppOrigin(dev)
    expect(origin.entry).toEqual({ kind: 'url', url: 'http://localhost:5173/' })
    expect(origin.devOrigin).toBe('http://localhost:5173')
    expect(origin.isAppUrl('http://localhost:5173/#/devices')).toBe(true)
    expect(origin.isAppUrl('http://localhost:5174/')).toBe(false)
    expect(origin.isAppUrl(indexUrl)).toBe(false)
  })

  it('ignores the dev URL in a packaged app', () => {
    expect(resolveAppOrigin({ ...dev, isPackaged: true }).entry.kind).toBe('file')
  })

  it('ignores a dev URL that is not on loopback or not http(s)', () => {
    expect(resolveAppOrigin({ ...dev, devServerUrl: 'https://evil.example:5173/' }).entry.kind).toBe('file')
    expect(resolveAppOrigin({ ...dev, devServerUrl: 'file:///tmp/x.html' }).entry.kind).toBe('file')
    expect(resolveAppOrigin({ ...dev, devServerUrl: 'http://localhost.evil.example/' }).entry.kind).toBe('file')
    expect(resolveAppOrigin({ ...dev, devServerUrl: 'garbage' }).entry.kind).toBe('file')
    expect(resolveAppOrigin({ ...dev, devServerUrl: 'http://127.0.0.1:5173' }).devOrigin).toBe('http://127.0.0.1:5173')
  })
})
