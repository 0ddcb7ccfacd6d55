import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { envProxyFor, NetworkRoute } from '../../electron/core/network/network-route'
import { SettingsStore } from '../../electron/core/settings/settings-store'

describe('network route', () => {
  const route = (env: Record<string, string> = {}) => new NetworkRoute(env)

  it('follows HTTPS_PROXY / HTTP_PROXY in system mode, with NO_PROXY exemptions', () => {
    const env = { HTTPS_PROXY: 'http://corp:3128', http_proxy: 'http://plain:8080', NO_PROXY: '.internal.example, oversea.iotcloud.tencentiotcloud.com' }
    expect(envProxyFor(new URL('https://iot.cloud.tencent.com/api'), env)).toBe('http://corp:3128')
    expect(envProxyFor(new URL('wss://iot.cloud.tencent.com/ws'), env)).toBe('http://corp:3128')
    expect(envProxyFor(new URL('http://cloud.example/api'), env)).toBe('http://plain:8080')
    expect(envProxyFor(new URL('https://a.internal.example/'), env)).toBeNull()
    expect(envProxyFor(new URL('https://oversea.iotcloud.tencentiotcloud.com/'), env)).toBeNull()
    expect(envProxyFor(new URL('https://x.example/'), {})).toBeNull()
  })

  it('uses the manual proxy for every remote host and none for loopback (the embedded sandbox)', () => {
    const r = route({ HTTPS_PROXY: 'http://corp:3128' })
    r.configure({ mode: 'manual', url: 'http://typed:8080' })
    expect(r.proxyFor('https://iot.cloud.tencent.com/api')).toBe('http://typed:8080')
    expect(r.wsAgent('wss://iot.cloud.tencent.com/ws')).toBeDefined()
    for (const local of ['http://127.0.0.1:1234/api', 'http://localhost:1/', 'ws://[::1]:9/ws']) expect(r.proxyFor(local)).toBeNull()
    r.configure({ mode: 'none' })
    expect(r.proxyFor('https://iot.cloud.tencent.com/api')).toBeNull()
    expect(r.wsAgent('wss://iot.cloud.tencent.com/ws')).toBeUndefined()
    void r.close()
  })
})

describe('settings store', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps good fields of a damaged settings file and defaults the bad ones', async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-settings-'))
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', logLevel: 'loud', proxy: { mode: 'manual', url: 'ftp://x' } }))
    const store = await SettingsStore.open(dir)
    expect(store.current).toEqual({ language: null, theme: 'dark', updateChannel: 'stable', proxy: { mode: 'system' }, logLevel: 'info' })
    await store.update({ language: 'en' })
    expect((await SettingsStore.open(dir)).current.language).toBe('en')
  })
})
