// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { setDeskClient } from '@/bridge'
import { i18n } from '@/i18n'
import { createAppRouter } from '@/router'
import SideNav from '@/components/SideNav.vue'
import { useFleetStore } from '@/stores/fleet'
import { fakeDesk, type Handlers } from './fake-desk'
import { demoSession, families } from './fixtures'

let mounted: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

/** The side navigation over the app's own router (its guard and its memory of pages). */
async function mountNav(handlers: Handlers, path = '/overview') {
  setDeskClient(fakeDesk({ 'session.current': () => demoSession, 'families.list': () => families, ...handlers }))
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  mounted = mount(SideNav, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  /** Clicks a menu entry and waits for the navigation it starts (views load lazily). */
  const click = async (testId: string) => {
    const navigated = new Promise<void>((resolve) => {
      const off = router.afterEach(() => {
        off()
        resolve()
      })
    })
    await mounted!.get(`[data-testid="${testId}"]`).trigger('click')
    await navigated
    await flushPromises()
  }
  return { router, click }
}

describe('side navigation', { timeout: 30_000 }, () => {
  it("opens the account's only home from \"Devices\" before any home was opened", async () => {
    const { router, click } = await mountNav({ 'families.list': () => [families[0]!] })
    await click('nav-devices')
    expect(router.currentRoute.value.name).toBe('devices')
    expect(router.currentRoute.value.params.familyId).toBe('f-1')
  })

  it('opens the Home page of the home being worked in, else the families to choose from', async () => {
    const { router, click } = await mountNav({})
    await click('nav-home')
    expect(router.currentRoute.value.name).toBe('families')
    useFleetStore().selectFamily('f-2')
    await click('nav-home')
    expect(router.currentRoute.value.name).toBe('home')
    expect(router.currentRoute.value.params.familyId).toBe('f-2')
  })

  it('offers the families to choose from when there are several and none was opened', async () => {
    const { router, click } = await mountNav({})
    await click('nav-devices')
    expect(router.currentRoute.value.name).toBe('families')
  })

  it('opens the last home\'s device list with the filters it was left with', async () => {
    const { router, click } = await mountNav({})
    useFleetStore().selectFamily('f-2')
    await router.push({ name: 'devices', params: { familyId: 'f-2' }, query: { online: 'false', q: 'lamp' } })
    await router.push('/overview')
    await click('nav-devices')
    expect(router.currentRoute.value.fullPath).toBe('/families/f-2/devices?online=false&q=lamp')
  })

  it('has History: the last devices compared, else the current family asking for devices', async () => {
    const { router, click } = await mountNav({})
    await click('nav-history')
    expect(router.currentRoute.value.name).toBe('history')
    expect(router.currentRoute.value.query).toEqual({})

    useFleetStore().selectFamily('f-1')
    await click('nav-history')
    expect(router.currentRoute.value.query).toEqual({ familyId: 'f-1' })

    await router.push({ name: 'history', query: { familyId: 'f-1', devices: 'P/a,P/b', range: '7d' } })
    await router.push('/overview')
    await click('nav-history')
    expect(router.currentRoute.value.query).toEqual({ familyId: 'f-1', devices: 'P/a,P/b', range: '7d' })
    expect(mounted!.get('.el-menu-item.is-active').attributes('data-testid')).toBe('nav-history')
  })
})
