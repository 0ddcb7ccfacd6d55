// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import AppShell from '@/layouts/AppShell.vue'
import DevicesView from '@/views/DevicesView.vue'
import { useConnectionStore } from '@/stores/connection'
import { useSessionStore } from '@/stores/session'
import { fakeDesk, type Handlers } from './fake-desk'
import { demoSession, devices, families, rooms, sandboxProfile } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/sign-in', name: 'sign-in', component: Blank, meta: { public: true } },
  // AppShell is mounted directly, so its <router-view> renders the top-level match.
  { path: '/families', name: 'families', component: Blank },
  { path: '/families/:familyId/devices', name: 'devices', component: DevicesView, meta: { titleKey: 'devices.title' } },
  { path: '/audit', name: 'audit', component: Blank },
]

const handlers: Handlers = {
  'session.current': () => demoSession,
  'session.signIn': () => demoSession,
  'session.signOut': () => null,
  'profiles.list': () => [sandboxProfile],
  'families.list': () => families,
  'rooms.list': () => rooms,
  'devices.list': () => devices,
  'live.watch': () => [],
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

async function mountShell() {
  const desk = fakeDesk({ ...handlers })
  const result = await mountWithApp(AppShell, {
    desk,
    path: '/families/f-1/devices',
    routes,
    beforeMount: async () => {
      useConnectionStore().start()
      await useSessionStore().init()
    },
  })
  mounted = result.wrapper
  return { desk, ...result }
}

const body = () => document.body

describe('app shell', () => {
  it('shows the account, the profile and the connection state', async () => {
    const { wrapper, desk } = await mountShell()
    expect(wrapper.get('[data-testid="account-name"]').text()).toBe('demo@sandbox.local')
    expect(wrapper.get('[data-testid="profile-name"]').text()).toBe('Sandbox')
    const indicator = () => wrapper.get('[data-testid="connection-indicator"]')
    expect(indicator().attributes('data-status')).toBe('idle')
    desk.emit('connection.changed', { status: 'live' })
    await flushPromises()
    expect(indicator().attributes('data-status')).toBe('live')
    expect(indicator().text()).toBe('Live')
    desk.emit('connection.changed', { status: 'retrying', retryInMs: 5000, detail: 'socket closed' })
    await flushPromises()
    expect(indicator().text()).toMatch(/Retrying in [45]s/)
    desk.setLink('closed')
    await flushPromises()
    expect(indicator().attributes('data-status')).toBe('host-down')
  })

  it('keeps the page under a sign-in dialog when the session expires, and stays there after signing in again', async () => {
    const { wrapper, desk, router } = await mountShell()
    expect(wrapper.findAll('[data-testid="device-row"]')).toHaveLength(4)
    const devicesCalls = () => desk.calls.filter((c) => c.command === 'devices.list').length
    const before = devicesCalls()

    desk.emit('session.changed', { session: null, reason: 'expired' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices')
    const dialog = body().querySelector('[data-testid="session-ended-dialog"]')
    expect(dialog).not.toBeNull()
    expect(dialog!.textContent).toContain('Your session has expired')
    // The page stays visible behind it, and the account prefilled.
    expect(wrapper.findAll('[data-testid="device-row"]')).toHaveLength(4)
    const email = body().querySelector<HTMLInputElement>('[data-testid="session-ended-dialog"] [data-testid="signin-email"] input')
    expect(email?.value).toBe('demo@sandbox.local')

    const password = body().querySelector<HTMLInputElement>('[data-testid="session-ended-dialog"] [data-testid="signin-password"] input')!
    password.value = 'sandbox-demo'
    password.dispatchEvent(new Event('input'))
    body().querySelector('[data-testid="session-ended-dialog"] form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    await flushPromises()

    expect(desk.calls.find((c) => c.command === 'session.signIn')?.args).toEqual({
      profileId: 'sandbox',
      credentials: { method: 'email', email: 'demo@sandbox.local', password: 'sandbox-demo' },
      remember: false,
    })
    expect(useSessionStore().ended).toBeNull()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices')
    expect(devicesCalls()).toBe(before + 1) // reloaded after signing in again
  })

  it('goes to the sign-in page on sign-out', async () => {
    const { wrapper, router, desk } = await mountShell()
    await wrapper.get('[data-testid="signout"]').trigger('click')
    await flushPromises()
    expect(desk.calls.some((c) => c.command === 'session.signOut')).toBe(true)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('sign-in'))
  })

  it('opens the audit log from the side navigation', async () => {
    const { wrapper, router } = await mountShell()
    await wrapper.get('[data-testid="nav-audit"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('audit')
  })
})

describe('session expiry warning', () => {
  const expireAt = Math.floor(new Date(2033, 4, 18, 14, 5, 0).getTime() / 1000)
  const notice = () => body().querySelector('[data-testid="session-expiring"]')
  const watchCalls = (desk: { calls: { command: string }[] }) => desk.calls.filter((c) => c.command === 'live.watch').length

  it('shows the expiry time, and signing in again keeps the page', async () => {
    const { desk, router } = await mountShell()
    const renewed = { ...demoSession, expireAt: expireAt + 7200 }
    // As main does: the old session is signed out, then the new one announced (in separate
    // messages, so the page sees the moment without a session).
    desk.handlers['session.signIn'] = async () => {
      desk.emit('session.changed', { session: null, reason: 'signed-out' })
      await new Promise((resolve) => setTimeout(resolve, 0))
      desk.emit('session.changed', { session: renewed })
      return renewed
    }
    expect(notice()).toBeNull()
    desk.emit('session.expiring', { expireAt })
    await flushPromises()
    expect(notice()!.textContent).toContain('Your sign-in expires at 14:05')

    const watchesBefore = watchCalls(desk)
    notice()!.querySelector<HTMLElement>('[data-testid="session-expiring-signin"]')!.click()
    await flushPromises()
    const dialog = body().querySelector('[data-testid="session-expiring-dialog"]')!
    expect(dialog.querySelector<HTMLInputElement>('[data-testid="signin-email"] input')!.value).toBe('demo@sandbox.local')
    const password = dialog.querySelector<HTMLInputElement>('[data-testid="signin-password"] input')!
    password.value = 'sandbox-demo'
    password.dispatchEvent(new Event('input'))
    dialog.querySelector('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    await flushPromises()

    expect(desk.calls.filter((c) => c.command === 'session.signIn')).toHaveLength(1)
    expect(useSessionStore().session).toEqual(renewed)
    expect(notice()).toBeNull()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices')
    // Main dropped the live subscriptions with the old session: the page asks again.
    expect(watchCalls(desk)).toBeGreaterThan(watchesBefore)
  })

  it('goes quietly when the session is renewed', async () => {
    const { desk } = await mountShell()
    const devicesCalls = desk.calls.filter((c) => c.command === 'devices.list').length
    const watches = watchCalls(desk)
    desk.emit('session.expiring', { expireAt })
    await flushPromises()
    expect(notice()).not.toBeNull()
    desk.emit('session.changed', { session: { ...demoSession, expireAt: expireAt + 7200, renews: true }, reason: 'renewed' })
    await flushPromises()
    expect(notice()).toBeNull()
    expect(useSessionStore().session?.expireAt).toBe(expireAt + 7200)
    expect(desk.calls.filter((c) => c.command === 'devices.list')).toHaveLength(devicesCalls)
    expect(watchCalls(desk)).toBe(watches)
  })
})
