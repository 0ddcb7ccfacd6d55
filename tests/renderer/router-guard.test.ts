// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent } from 'vue'
import { createSessionGuard, safeRedirect, type SessionGate } from '@/router/guard'
import { createAppRouter } from '@/router'
import { setDeskClient } from '@/bridge'
import { useSessionStore } from '@/stores/session'
import { LAST_PAGE_STORAGE_KEY } from '@/stores/navigation'
import { fakeDesk } from './fake-desk'
import { demoSession } from './fixtures'

const Stub = defineComponent({ render: () => null })

function routerWith(gate: SessionGate): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: Stub, meta: { public: true } },
      { path: '/families', name: 'families', component: Stub },
      { path: '/families/:familyId/devices', name: 'devices', component: Stub },
    ],
  })
  router.beforeEach(createSessionGuard(gate))
  return router
}

function gate(state: { signedIn: boolean; ended?: boolean }): SessionGate {
  return { ready: async () => {}, signedIn: () => state.signedIn, endedInPlace: () => state.ended ?? false }
}

describe('session guard', () => {
  it('sends a visitor without a session to sign-in, remembering where they were going', async () => {
    const router = routerWith(gate({ signedIn: false }))
    await router.push('/families/f-1/devices?x=1')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/families/f-1/devices?x=1')
  })

  it('lets a signed-in user through', async () => {
    const router = routerWith(gate({ signedIn: true }))
    await router.push('/families')
    expect(router.currentRoute.value.name).toBe('families')
  })

  it('keeps the route when the session ended in place (the dialog covers it)', async () => {
    const state = { signedIn: true, ended: false }
    const router = routerWith(gate(state))
    await router.push('/families/f-1/devices')
    Object.assign(state, { signedIn: false, ended: true })
    await router.push('/families')
    expect(router.currentRoute.value.name).toBe('families')
  })

  it('sends a signed-in user away from sign-in to the redirect target', async () => {
    const router = routerWith(gate({ signedIn: true }))
    await router.push('/sign-in?redirect=/families/f-2/devices')
    expect(router.currentRoute.value.fullPath).toBe('/families/f-2/devices')
  })

  it('waits for the session to be known before deciding', async () => {
    let release: (() => void) | undefined
    let signedIn = false
    const router = routerWith({
      ready: () => new Promise<void>((r) => (release = r)),
      signedIn: () => signedIn,
      endedInPlace: () => false,
    })
    const navigation = router.push('/families')
    await vi.waitFor(() => expect(release).toBeTypeOf('function'))
    signedIn = true
    release!()
    await navigation
    expect(router.currentRoute.value.name).toBe('families')
  })

  it('only redirects within the app', () => {
    expect(safeRedirect('/families')).toBe('/families')
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect(['/a', '/b'])).toBe('/a')
    expect(safeRedirect(undefined)).toBeNull()
  })
})

// These navigate for real, so the lazily imported pages get compiled on first use.
describe('app router', { timeout: 30_000 }, () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('uses the session store: no session → sign-in', async () => {
    setDeskClient(fakeDesk({ 'session.current': () => null }))
    const router = createAppRouter(createMemoryHistory())
    await router.push('/families')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query.redirect).toBe('/families')
  })

  it('uses the session store: a session → the page, and / → families', async () => {
    setDeskClient(fakeDesk({ 'session.current': () => demoSession }))
    const router = createAppRouter(createMemoryHistory())
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('families')
    expect(useSessionStore().signedIn).toBe(true)
  })

  it("returns a user who signs in to their last page on this machine, never another account's", async () => {
    localStorage.clear()
    setDeskClient(fakeDesk({ 'session.current': () => demoSession }))
    const router = createAppRouter(createMemoryHistory())
    await router.push('/families/f-2/devices?online=false')
    expect(JSON.parse(localStorage.getItem(LAST_PAGE_STORAGE_KEY) ?? '{}').path).toBe('/families/f-2/devices?online=false')

    // The next run on this machine: the sign-in page, once signed in, goes back there.
    setActivePinia(createPinia())
    const next = createAppRouter(createMemoryHistory())
    await next.push('/sign-in')
    expect(next.currentRoute.value.fullPath).toBe('/families/f-2/devices?online=false')

    setActivePinia(createPinia())
    setDeskClient(fakeDesk({ 'session.current': () => ({ ...demoSession, account: 'other@sandbox.local' }) }))
    const other = createAppRouter(createMemoryHistory())
    await other.push('/sign-in')
    expect(other.currentRoute.value.name).toBe('families')
  })
})
