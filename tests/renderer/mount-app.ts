/** Mount a component the way the app runs it: Pinia, i18n (English), Element Plus, a router. */
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { defineComponent, type Component } from 'vue'
import { setDeskClient } from '@/bridge'
import { i18n } from '@/i18n'
import type { FakeDesk } from './fake-desk'

export const Blank = defineComponent({ name: 'Blank', render: () => null })

export async function mountWithApp(component: Component, options: { desk: FakeDesk; path: string; routes: RouteRecordRaw[]; beforeMount?: () => Promise<void> }) {
  setDeskClient(options.desk)
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'en'
  const router = createRouter({ history: createMemoryHistory(), routes: options.routes })
  await router.push(options.path)
  await router.isReady()
  await options.beforeMount?.()
  const wrapper = mount(component, {
    global: { plugins: [pinia, router, i18n, ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, pinia }
}
