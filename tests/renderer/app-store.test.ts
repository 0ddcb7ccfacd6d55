// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setDeskClient } from '@/bridge'
import { useAppStore } from '@/stores/app'
import { DEFAULT_SETTINGS } from '@shared/contracts/settings'
import type { AppInfo } from '@shared/domain'
import { fail, fakeDesk, type FakeDesk } from './fake-desk'

const info: AppInfo = { version: '0.1.0', mode: 'web', secretStorage: 'encrypted', platform: 'linux', notices: [] }

let desk: FakeDesk
const asked = (command: string) => desk.calls.filter((c) => c.command === command).length
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  localStorage.clear()
  desk = fakeDesk({
    'app.info': () => info,
    'settings.get': () => ({ settings: DEFAULT_SETTINGS, dataDir: '/home/ops/.explorer-desk', canOpenFolder: false }),
  })
  setDeskClient(desk)
  setActivePinia(createPinia())
})

describe('app store start', () => {
  it('asks for the app info and settings once when the host link opens after the start', async () => {
    desk.setLink('connecting')
    useAppStore().init()
    desk.setLink('open')
    await settle()
    expect(useAppStore().info).toEqual(info)
    expect([asked('app.info'), asked('settings.get')]).toEqual([1, 1])
  })

  it('asks again once the host answers, when the first try found no host', async () => {
    desk.handlers['app.info'] = () => fail({ kind: 'network', code: 'Desk.NetworkError' })
    desk.setLink('connecting')
    useAppStore().init()
    await settle()
    expect(useAppStore().infoError?.kind).toBe('network')
    desk.handlers['app.info'] = () => info
    desk.setLink('open')
    await settle()
    expect(useAppStore().info).toEqual(info)
    expect(useAppStore().infoError).toBeNull()
  })
})
