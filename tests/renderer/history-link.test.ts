// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import HistoryLink from '@/components/history/HistoryLink.vue'
import { fakeDesk } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/devices', name: 'devices', component: Blank },
  { path: '/history', name: 'history', component: Blank },
]
const Host = defineComponent({ render: () => h('div', [h(HistoryLink, { familyId: 'f-1', deviceIds: ['LAMP01/a', 'PLUG02/b'] }), h(HistoryLink, { familyId: 'f-1', deviceIds: ['LAMP01/a'] })]) })

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
})

describe('history link', () => {
  it('opens the history of its devices in the app, and carries the address a new window would open', async () => {
    const { wrapper, router } = await mountWithApp(Host, { desk: fakeDesk({}), path: '/devices', routes })
    mounted = wrapper
    const [compare, one] = wrapper.findAll('[data-testid="history-link"]')
    expect(compare!.text()).toBe('Compare history')
    expect(one!.text()).toBe('History')
    expect(one!.attributes('href')).toBe(router.resolve({ path: '/history', query: { familyId: 'f-1', devices: 'LAMP01/a' } }).href)
    await compare!.trigger('click', { button: 0 })
    await router.isReady()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.path).toBe('/history')
    expect(router.currentRoute.value.query).toEqual({ familyId: 'f-1', devices: 'LAMP01/a,PLUG02/b' })
  })

  it('leaves a click with a modifier to the browser', async () => {
    const { wrapper, router } = await mountWithApp(Host, { desk: fakeDesk({}), path: '/devices', routes })
    mounted = wrapper
    await wrapper.get('[data-testid="history-link"]').trigger('click', { button: 0, ctrlKey: true })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.path).toBe('/devices')
  })
})
