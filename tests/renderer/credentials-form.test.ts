// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import SignInView from '@/views/SignInView.vue'
import TokenFields from '@/components/TokenFields.vue'
import { useAppStore } from '@/stores/app'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { brokerProfile, demoSession, mainlandProfile, sandboxProfile, tokenProfile } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true } },
  { path: '/families', name: 'families', component: Blank },
]

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
})

async function setup(path: string, handlers: Handlers = {}) {
  const desk = fakeDesk({
    'profiles.list': () => [mainlandProfile, brokerProfile, tokenProfile, sandboxProfile],
    'session.signIn': () => demoSession,
    ...handlers,
  })
  const view = await mountWithApp(SignInView, { desk, path, routes })
  mounted = view.wrapper
  return { desk, ...view }
}

const signInArgs = (desk: { calls: { command: string; args: unknown }[] }) => desk.calls.filter((c) => c.command === 'session.signIn').map((c) => c.args)

async function submit(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  await flushPromises()
}

describe('sign-in with a pasted AccessToken', () => {
  it('shows a token form (password-type) instead of email, phone and WeChat, without Remember me', async () => {
    const { wrapper } = await setup('/sign-in?profile=p-token')
    expect(wrapper.get<HTMLInputElement>('[data-testid="signin-token"] input').element.type).toBe('password')
    expect(wrapper.find('[data-testid="signin-token-label"] input').exists()).toBe(true)
    expect(wrapper.find('[data-testid="signin-token-expiry"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="signin-email"]').exists()).toBe(false)
    expect(wrapper.find('.credentials__tabs').exists()).toBe(false)
    expect(wrapper.find('[data-testid="signin-remember"]').exists()).toBe(false)
  })

  it("sends {method:'token'} with the label, and clears the token field", async () => {
    const { wrapper, desk, router } = await setup('/sign-in?profile=p-token')
    await wrapper.get('[data-testid="signin-token"] input').setValue('  tok-0123456789  ')
    await wrapper.get('[data-testid="signin-token-label"] input').setValue('Ticket 4711')
    await submit(wrapper)
    expect(signInArgs(desk)).toEqual([
      { profileId: 'p-token', credentials: { method: 'token', accessToken: 'tok-0123456789', label: 'Ticket 4711' }, remember: false },
    ])
    expect(wrapper.get<HTMLInputElement>('[data-testid="signin-token"] input').element.value).toBe('')
    expect(router.currentRoute.value.name).toBe('families')
  })

  it('leaves the label out when blank, and clears the token after a refusal too', async () => {
    const { wrapper, desk } = await setup('/sign-in?profile=p-token', {
      'session.signIn': () => fail({ kind: 'api', code: 'InvalidAccessToken', message: 'token invalid', requestId: 'rq-t' }),
    })
    await wrapper.get('[data-testid="signin-token"] input').setValue('tok-bad')
    await submit(wrapper)
    expect(signInArgs(desk)).toEqual([{ profileId: 'p-token', credentials: { method: 'token', accessToken: 'tok-bad' }, remember: false }])
    expect(wrapper.get<HTMLInputElement>('[data-testid="signin-token"] input').element.value).toBe('')
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('rq-t')
  })

  it('sends a chosen expiry as Unix seconds', async () => {
    const { wrapper, desk } = await setup('/sign-in?profile=p-token')
    const expiry = new Date(Date.now() + 3_600_000)
    await wrapper.get('[data-testid="signin-token"] input').setValue('tok-1')
    wrapper.findComponent(TokenFields).vm.$emit('update:expiry', expiry)
    await submit(wrapper)
    expect(signInArgs(desk)).toEqual([
      { profileId: 'p-token', credentials: { method: 'token', accessToken: 'tok-1', expireAt: Math.floor(expiry.getTime() / 1000) }, remember: false },
    ])
  })

  it('does not send without a token', async () => {
    const { wrapper, desk } = await setup('/sign-in?profile=p-token')
    await submit(wrapper)
    expect(signInArgs(desk)).toEqual([])
  })
})

describe('remember me', () => {
  it('sends remember: true when ticked', async () => {
    const { wrapper, desk } = await setup('/sign-in?profile=p-mainland')
    expect(wrapper.get<HTMLInputElement>('[data-testid="signin-remember"] input').element.checked).toBe(false)
    await wrapper.get('[data-testid="signin-remember"] input').setValue(true)
    await wrapper.get('[data-testid="signin-password"] input').setValue('secret-pass')
    await submit(wrapper)
    expect(signInArgs(desk)).toEqual([
      { profileId: 'p-mainland', credentials: { method: 'email', email: 'tech@acme.example', password: 'secret-pass' }, remember: true },
    ])
  })

  it('starts ticked for a profile that remembers its sign-in', async () => {
    const { wrapper } = await setup('/sign-in?profile=p-broker')
    expect(wrapper.get<HTMLInputElement>('[data-testid="signin-remember"] input').element.checked).toBe(true)
  })

  it('says the sign-in is kept only until quitting when secrets cannot be encrypted', async () => {
    const { wrapper } = await setup('/sign-in?profile=p-mainland', {
      'app.info': () => ({ version: '0.1.0', mode: 'web', secretStorage: 'session-only', platform: 'linux', notices: [] }),
    })
    expect(wrapper.get('[data-testid="signin-remember-hint"]').text()).toContain('encrypted')
    await useAppStore().loadInfo()
    await flushPromises()
    expect(wrapper.get('[data-testid="signin-remember-hint"]').text()).toContain('Kept only until you quit')
  })
})
