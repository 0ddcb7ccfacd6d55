import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import HelpMenu from '@/components/help/HelpMenu.vue'
import { fakeDesk } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/', component: Blank },
  { path: '/settings', name: 'settings', component: Blank },
]

describe('help menu', () => {
  let unmount: (() => void) | null = null
  afterEach(() => {
    unmount?.()
    document.body.innerHTML = ''
  })

  async function mountMenu() {
    const desk = fakeDesk({ 'app.versions': () => ({ app: '1.4.0', electron: '45.5.0', chromium: '142.0.7444.52', node: '22.20.0' }) })
    const mounted = await mountWithApp(HelpMenu, { desk, path: '/', routes })
    unmount = () => mounted.wrapper.unmount()
    return { desk, ...mounted }
  }

  it('opens About from the desktop menu, with the app, Electron, Chromium and Node versions', async () => {
    const { desk } = await mountMenu()
    desk.emit('app.menu', { action: 'about' })
    await flushPromises()
    const text = (id: string) => document.querySelector(`[data-testid="about-${id}"]`)?.textContent
    expect([text('app'), text('electron'), text('chromium'), text('node')]).toEqual(['1.4.0', '45.5.0', '142.0.7444.52', '22.20.0'])
  })

  it('lists the keyboard shortcuts on Ctrl+/ and from the menu, and goes to Settings when the menu asks', async () => {
    const { desk, router } = await mountMenu()
    globalThis.dispatchEvent(new KeyboardEvent('keydown', { key: '/', ctrlKey: true }))
    await flushPromises()
    const rows = [...document.querySelectorAll('[data-testid="shortcut-row"]')].map((r) => r.textContent ?? '')
    expect(rows.some((r) => r.includes('Ctrl + /') && r.includes('Show these shortcuts'))).toBe(true)
    expect(rows.some((r) => r.includes('Search the list'))).toBe(true)

    desk.emit('app.menu', { action: 'settings' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('settings')
  })
})
