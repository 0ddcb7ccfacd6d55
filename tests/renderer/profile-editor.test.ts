// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { ProfileInput } from '@shared/contracts'
import type { SavedProfile } from '@shared/domain'
import SignInView from '@/views/SignInView.vue'
import { fakeDesk } from './fake-desk'
import { brokerProfile, mainlandProfile, sandboxProfile } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true } },
  { path: '/families', name: 'families', component: Blank },
]

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

async function openEditor(path: string, button: 'profile-new' | 'profile-edit', signInForgotten = false) {
  const saved: ProfileInput[] = []
  const desk = fakeDesk({
    'profiles.list': () => [mainlandProfile, brokerProfile, sandboxProfile],
    'profiles.save': (input) => {
      saved.push(input)
      const summary: SavedProfile = {
        ...mainlandProfile,
        id: input.id ?? 'p-new',
        name: input.name,
        credentialMode: input.credentialMode ?? 'app-key',
        brokerUrl: input.brokerUrl ?? null,
        signInForgotten,
      }
      return summary
    },
  })
  const view = await mountWithApp(SignInView, { desk, path, routes })
  mounted = view.wrapper
  await view.wrapper.get(`[data-testid="${button}"]`).trigger('click')
  // The editor's code loads on the first request for it.
  await vi.waitFor(() => {
    if (!document.body.querySelector('[data-testid="profile-editor"]')) throw new Error('the profile editor is not open yet')
  })
  await flushPromises()
  return { saved, desk }
}

const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="profile-editor"]')!
const field = (testid: string) => dialog().querySelector<HTMLInputElement>(`input[data-testid="${testid}"]`)

async function type(testid: string, value: string): Promise<void> {
  const input = field(testid)!
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function chooseMode(mode: string): Promise<void> {
  dialog().querySelector<HTMLInputElement>(`[data-testid="profile-credential-mode-${mode}"] input`)!.click()
  await flushPromises()
}

async function save(): Promise<void> {
  dialog().querySelector<HTMLElement>('[data-testid="profile-save"]')!.click()
  await flushPromises()
  await flushPromises()
}

describe('profile editor credential modes', () => {
  it('defaults to AppKey/AppSecret here, explaining each mode', async () => {
    await openEditor('/sign-in', 'profile-new')
    const choice = dialog().querySelector('[data-testid="profile-credential-mode"]')!
    expect(choice.textContent).toContain('Tencent advises keeping the AppSecret off end-user machines')
    expect(choice.textContent).toContain('Token broker')
    expect(choice.textContent).toContain('no AppKey or AppSecret needed')
    expect(dialog().querySelector<HTMLInputElement>('[data-testid="profile-credential-mode-app-key"] input')!.checked).toBe(true)
    expect(field('profile-app-key')).not.toBeNull()
    expect(field('profile-app-secret')).not.toBeNull()
    expect(field('profile-broker-url')).toBeNull()
  })

  it('asks a token-broker profile for its URL and no AppSecret, and saves the mode', async () => {
    const { saved } = await openEditor('/sign-in', 'profile-new')
    await chooseMode('token-broker')
    expect(field('profile-app-secret')).toBeNull()
    expect(field('profile-broker-url')).not.toBeNull()
    await type('profile-name-input', 'Acme via broker')
    await type('profile-broker-url', 'https://auth.acme.example/iot/token')
    await save()
    expect(saved).toEqual([
      { name: 'Acme via broker', kind: 'mainland', credentialMode: 'token-broker', brokerUrl: 'https://auth.acme.example/iot/token' },
    ])
  })

  it('refuses a token-broker profile without a valid URL', async () => {
    const { saved } = await openEditor('/sign-in', 'profile-new')
    await chooseMode('token-broker')
    await type('profile-name-input', 'Broken broker')
    await type('profile-broker-url', 'not a url')
    await save()
    expect(saved).toEqual([])
    // Element Plus shows field errors after a short debounce.
    await vi.waitFor(() => expect(dialog().textContent).toContain('Enter an http(s) URL'))
  })

  it('needs neither AppKey nor AppSecret for a pasted AccessToken, and sends none typed before', async () => {
    const { saved } = await openEditor('/sign-in', 'profile-new')
    await type('profile-app-key', 'typed-key')
    await type('profile-app-secret', 'typed-secret')
    await chooseMode('access-token')
    expect(field('profile-app-key')).toBeNull()
    expect(field('profile-app-secret')).toBeNull()
    expect(field('profile-broker-url')).toBeNull()
    await type('profile-name-input', 'Support')
    await save()
    expect(saved).toEqual([{ name: 'Support', kind: 'mainland', credentialMode: 'access-token' }])
  })

  it('opens a broker profile with its mode and URL', async () => {
    const { saved } = await openEditor('/sign-in?profile=p-broker', 'profile-edit')
    expect(dialog().querySelector<HTMLInputElement>('[data-testid="profile-credential-mode-token-broker"] input')!.checked).toBe(true)
    expect(field('profile-broker-url')!.value).toBe('https://auth.acme.example/iot/token')
    await save()
    expect(saved).toEqual([
      { id: 'p-broker', name: 'Acme broker', kind: 'mainland', credentialMode: 'token-broker', brokerUrl: 'https://auth.acme.example/iot/token' },
    ])
  })

  it('says so when saving forgot the remembered sign-in (a new broker URL)', async () => {
    await openEditor('/sign-in?profile=p-broker', 'profile-edit', true)
    await type('profile-broker-url', 'https://other.example/token')
    await save()
    await vi.waitFor(() => expect(document.body.textContent).toContain('The remembered sign-in of this profile was forgotten'))
  })

  it('says nothing of the sort when the sign-in was kept', async () => {
    await openEditor('/sign-in?profile=p-broker', 'profile-edit')
    await save()
    expect(document.body.textContent).not.toContain('remembered sign-in of this profile was forgotten')
  })
})
