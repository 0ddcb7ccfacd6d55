import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

let app: DeskUnderTest | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const demoEmail = { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } as const

describe('three ways to hold credentials', () => {
  it('a token-broker profile signs in with no AppSecret on this machine', async () => {
    app = await deskOnSandbox()
    const profile = await app.run('profiles.save', {
      name: 'Org broker',
      kind: 'custom',
      baseUrl: app.sandbox.url,
      credentialMode: 'token-broker',
      brokerUrl: `${app.sandbox.url}/broker/token`,
    })
    expect(profile).toMatchObject({ credentialMode: 'token-broker', hasAppSecret: false, appKeyMasked: null })
    await app.run('session.signIn', { profileId: profile.id, credentials: demoEmail })
    expect((await app.run('families.list')).length).toBeGreaterThan(0)
    const refused = await app.fail('session.signIn', {
      profileId: profile.id,
      credentials: { ...demoEmail, password: 'not-the-password' },
    })
    expect(refused).toMatchObject({ kind: 'api', code: 'InvalidParameterValue.PasswordError' })
  })

  it('a broker profile without its URL is refused when saved', async () => {
    app = await deskOnSandbox()
    const error = await app.fail('profiles.save', { name: 'x', kind: 'mainland', credentialMode: 'token-broker' })
    expect(error).toMatchObject({ kind: 'validation' })
  })

  it('a pasted AccessToken opens a support session; a bad one is refused', async () => {
    app = await deskOnSandbox()
    const broker = await fetch(`${app.sandbox.url}/broker/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Action: 'AppGetToken', Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password }),
    })
    const { Token } = (await broker.json()) as { Token: string }
    const session = await app.run('session.signIn', {
      profileId: 'sandbox',
      credentials: { method: 'token', accessToken: Token, label: 'Ticket 4711' },
    })
    expect(session).toMatchObject({ account: 'Ticket 4711', expireAt: 0, renews: false })
    expect((await app.run('families.list')).length).toBeGreaterThan(0)
    expect(JSON.stringify(app.events)).not.toContain(Token)
    const bad = await app.fail('session.signIn', { profileId: 'sandbox', credentials: { method: 'token', accessToken: 'x'.repeat(40) } })
    expect(bad).toMatchObject({ kind: 'api', code: 'InvalidParameterValue.InvalidAccessToken' })
  })
})

// These wait out real token lifetimes (3–4 s): more than the default 5 s on a loaded machine.
describe('token expiry', { timeout: 20_000 }, () => {
  it('with the password remembered, signs in again before expiry and keeps working', async () => {
    app = await deskOnSandbox({ sandbox: { tokenTtlSeconds: 4 }, desk: { renewLeadMs: 2_000 } })
    const first = await app.run('session.signIn', { profileId: 'sandbox', credentials: demoEmail, remember: true })
    expect(first.renews).toBe(true)
    expect((await app.run('profiles.list')).find((p) => p.id === 'sandbox')?.remembered).toBe(true)
    const renewed = await app.waitForEvent('session.changed', (c) => c.reason === 'renewed', 5_000)
    expect(renewed.session?.expireAt).toBeGreaterThan(first.expireAt)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, first.expireAt * 1000 - Date.now()) + 300))
    expect((await app.run('families.list')).length).toBeGreaterThan(0)
    expect(app.events.some((e) => e.event === 'session.changed' && (e.payload as { session: unknown }).session === null)).toBe(false)
  })

  it('without it, warns before expiry and then ends the session', async () => {
    app = await deskOnSandbox({ sandbox: { tokenTtlSeconds: 3 }, desk: { renewLeadMs: 1_500 } })
    const session = await app.run('session.signIn', { profileId: 'sandbox', credentials: demoEmail })
    expect(session.renews).toBe(false)
    expect(await app.waitForEvent('session.expiring', undefined, 10_000)).toEqual({ expireAt: session.expireAt })
    await app.waitForEvent('session.changed', (c) => c.reason === 'expired', 10_000)
    expect(await app.run('session.current')).toBeNull()
  })

  it('signing in without remember forgets a remembered password', async () => {
    app = await deskOnSandbox()
    await app.run('session.signIn', { profileId: 'sandbox', credentials: demoEmail, remember: true })
    await app.run('session.signIn', { profileId: 'sandbox', credentials: demoEmail })
    expect((await app.run('profiles.list')).find((p) => p.id === 'sandbox')?.remembered).toBe(false)
  })
})
