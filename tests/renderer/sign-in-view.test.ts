// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import SignInView from '@/views/SignInView.vue'
import { useAppStore } from '@/stores/app'
import { fail, fakeDesk } from './fake-desk'
import { demoSession, mainlandProfile, sandboxProfile } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true } },
  { path: '/families', name: 'families', component: Blank },
  { path: '/families/:familyId/devices', name: 'devices', component: Blank },
]

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
})

async function setup(path = '/sign-in', handlers = {}) {
  const desk = fakeDesk({
    'profiles.list': () => [mainlandProfile, sandboxProfile],
    'session.signIn': () => demoSession,
    ...handlers,
  })
  const view = await mountWithApp(SignInView, { desk, path, routes })
  mounted = view.wrapper
  return { desk, ...view }
}

describe('sign-in page', () => {
  it('preselects the sandbox and shows its demo credentials', async () => {
    const { wrapper } = await setup()
    expect(wrapper.get('[data-testid="profile-select"]').text()).toContain('Sandbox')
    const hint = wrapper.get('[data-testid="sandbox-hint"]').text()
    expect(hint).toContain('demo@sandbox.local')
    expect(hint).toContain('sandbox-demo')
    expect(wrapper.find('[data-testid="profile-edit"]').exists()).toBe(false)
  })

  it('signs in with email and password, clears the password and goes to the redirect target', async () => {
    const { wrapper, desk, router } = await setup('/sign-in?redirect=/families/f-1/devices')
    await wrapper.get('[data-testid="signin-email"] input').setValue('demo@sandbox.local')
    await wrapper.get('[data-testid="signin-password"] input').setValue('sandbox-demo')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await flushPromises()
    expect(desk.calls.find((c) => c.command === 'session.signIn')?.args).toEqual({
      profileId: 'sandbox',
      credentials: { method: 'email', email: 'demo@sandbox.local', password: 'sandbox-demo' },
      remember: false,
    })
    expect((wrapper.get('[data-testid="signin-password"] input').element as HTMLInputElement).value).toBe('')
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices')
  })

  it('offers Help before signing in: the desktop menu’s Support bundle lists what the bundle holds', async () => {
    const { desk } = await setup('/sign-in', {
      'support.preview': () => ({ fileName: 'explorer-desk-support.zip', entries: [{ name: 'log.txt', part: 'log', bytes: 12, items: 3 }], savesWithDialog: true }),
    })
    await vi.waitFor(() => expect(document.querySelector('[data-testid="help-menu"]')).not.toBeNull())
    desk.emit('app.menu', { action: 'support-bundle' })
    await vi.waitFor(() => expect(document.querySelector('[data-testid="support-bundle-entries"]')?.textContent).toContain('log.txt'))
  })

  it('does not send an incomplete form', async () => {
    const { wrapper, desk } = await setup()
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    // Element Plus shows field errors after a short debounce.
    await vi.waitFor(() => expect(wrapper.text()).toContain('Required'))
    expect(desk.calls.some((c) => c.command === 'session.signIn')).toBe(false)
  })

  it('shows a refused sign-in with its Code and RequestId, keeping the form', async () => {
    const { wrapper } = await setup('/sign-in', {
      'session.signIn': () => fail({ kind: 'api', code: 'UserNotExistsOrPasswordError', message: 'wrong password', requestId: 'rq-1' }),
    })
    await wrapper.get('[data-testid="signin-email"] input').setValue('demo@sandbox.local')
    await wrapper.get('[data-testid="signin-password"] input').setValue('nope')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="error-notice"]').text()).toContain('wrong password')
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('rq-1')
  })

  it('offers the profile editor for a cloud profile, with the AppSecret kept write-only', async () => {
    const { wrapper } = await setup('/sign-in?profile=p-mainland')
    expect(wrapper.get('[data-testid="profile-select"]').text()).toContain('Acme installers')
    expect(wrapper.find('[data-testid="sandbox-hint"]').exists()).toBe(false)
    // lastAccount prefills the email
    expect((wrapper.get('[data-testid="signin-email"] input').element as HTMLInputElement).value).toBe('tech@acme.example')
    await wrapper.get('[data-testid="profile-edit"]').trigger('click')
    // The editor's code loads on this first request for it.
    const secret = await vi.waitFor(() => {
      const input = document.body.querySelector<HTMLInputElement>('input[data-testid="profile-app-secret"]')
      if (!input) throw new Error('the profile editor is not open yet')
      return input
    })
    expect(secret?.type).toBe('password')
    expect(secret?.value).toBe('')
    expect(document.body.querySelector('[data-testid="profile-app-secret-hint"]')?.textContent).toContain('Leave blank to keep it')
  })

  it('warns when secrets cannot be kept after quitting', async () => {
    const { wrapper } = await setup('/sign-in', {
      'app.info': () => ({ version: '0.1.0', mode: 'web', secretStorage: 'session-only', platform: 'linux', notices: [] }),
    })
    await useAppStore().loadInfo()
    await flushPromises()
    expect(wrapper.find('[data-testid="session-only-banner"]').exists()).toBe(true)
  })
})
