// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setDeskClient } from '@/bridge'
import { useSessionStore } from '@/stores/session'
import { useFleetStore } from '@/stores/fleet'
import { fail, fakeDesk, type FakeDesk } from './fake-desk'
import { demoSession, families, sandboxProfile } from './fixtures'

let desk: FakeDesk

beforeEach(() => {
  localStorage.clear()
  desk = fakeDesk({
    'session.current': () => demoSession,
    'profiles.list': () => [sandboxProfile],
    'families.list': () => families,
  })
  setDeskClient(desk)
  setActivePinia(createPinia())
})

describe('session store', () => {
  it('learns the current session on init', async () => {
    const session = useSessionStore()
    await session.init()
    expect(session.session).toEqual(demoSession)
    expect(session.signedIn).toBe(true)
    expect(session.generation).toBe(1)
  })

  it('keeps the page when the session expires, and remembers who was signed in', async () => {
    const session = useSessionStore()
    await session.init()
    desk.emit('session.changed', { session: null, reason: 'expired' })
    expect(session.session).toBeNull()
    expect(session.ended).toEqual({ reason: 'expired', previous: demoSession })
  })

  it('records a revoked session the same way', async () => {
    const session = useSessionStore()
    await session.init()
    desk.emit('session.changed', { session: null, reason: 'revoked' })
    expect(session.ended?.reason).toBe('revoked')
  })

  it('forgets everything on sign-out (no dialog, no remembered session)', async () => {
    const session = useSessionStore()
    await session.init()
    desk.emit('session.changed', { session: null, reason: 'signed-out' })
    expect(session.session).toBeNull()
    expect(session.ended).toBeNull()
  })

  it('clears the ended state and bumps the generation when a session comes back', async () => {
    const session = useSessionStore()
    await session.init()
    desk.emit('session.changed', { session: null, reason: 'expired' })
    desk.emit('session.changed', { session: { ...demoSession, expireAt: demoSession.expireAt + 7200 } })
    expect(session.ended).toBeNull()
    expect(session.session?.expireAt).toBe(demoSession.expireAt + 7200)
    expect(session.generation).toBe(2)
  })

  it('does not bump the generation for a refreshed token of the same account', async () => {
    const session = useSessionStore()
    await session.init()
    desk.emit('session.changed', { session: { ...demoSession, expireAt: demoSession.expireAt + 60 } })
    expect(session.generation).toBe(1)
  })

  it('notes an expiry warning, and drops it when the token is renewed, quietly', async () => {
    const session = useSessionStore()
    await session.init()
    const epoch = session.epoch
    desk.emit('session.expiring', { expireAt: demoSession.expireAt })
    expect(session.expiringAt).toBe(demoSession.expireAt)
    desk.emit('session.changed', { session: { ...demoSession, expireAt: demoSession.expireAt + 7200, renews: true }, reason: 'renewed' })
    expect(session.expiringAt).toBeNull()
    expect(session.session?.expireAt).toBe(demoSession.expireAt + 7200)
    expect(session.generation).toBe(1)
    expect(session.epoch).toBe(epoch) // main keeps its live subscriptions on renewal
  })

  it('keeps the expiry warning when the same session is merely confirmed', async () => {
    const session = useSessionStore()
    await session.init()
    desk.emit('session.expiring', { expireAt: demoSession.expireAt })
    desk.emit('session.changed', { session: demoSession })
    expect(session.expiringAt).toBe(demoSession.expireAt)
  })

  it('ignores an expiry warning without a session', async () => {
    desk.handlers['session.current'] = () => null
    const session = useSessionStore()
    await session.init()
    desk.emit('session.expiring', { expireAt: demoSession.expireAt })
    expect(session.expiringAt).toBeNull()
  })

  it('sends the remember flag', async () => {
    desk.handlers['session.current'] = () => null
    desk.handlers['session.signIn'] = () => ({ ...demoSession, renews: true })
    const session = useSessionStore()
    await session.init()
    await session.signIn('sandbox', { method: 'email', email: 'demo@sandbox.local', password: 'sandbox-demo' }, true)
    expect(desk.calls.find((c) => c.command === 'session.signIn')?.args).toMatchObject({ remember: true })
    expect(session.session?.renews).toBe(true)
  })

  it('treats a call refused for want of a session as an ended session', async () => {
    const session = useSessionStore()
    await session.init()
    desk.handlers['families.list'] = () => fail({ kind: 'session', code: 'Desk.SessionExpired' })
    await expect(desk.call('families.list', {})).rejects.toThrow()
    expect(session.ended?.reason).toBe('expired')
  })

  it('signed out, has the profiles for the sign-in page by the time init is done', async () => {
    desk.handlers['session.current'] = () => null
    const session = useSessionStore()
    await session.init()
    expect(session.profilesStatus).toBe('ready')
    expect(session.profiles).toEqual([sandboxProfile])
  })

  it('signs in, then refreshes the profiles for their lastAccount', async () => {
    desk.handlers['session.current'] = () => null
    desk.handlers['session.signIn'] = () => demoSession
    const session = useSessionStore()
    await session.init()
    expect(session.signedIn).toBe(false)
    const reads = () => desk.calls.filter((c) => c.command === 'profiles.list').length
    const before = reads()
    await session.signIn('sandbox', { method: 'email', email: 'demo@sandbox.local', password: 'sandbox-demo' })
    expect(session.session).toEqual(demoSession)
    expect(reads()).toBe(before + 1)
    expect(desk.calls.find((c) => c.command === 'session.signIn')?.args).toEqual({
      profileId: 'sandbox',
      credentials: { method: 'email', email: 'demo@sandbox.local', password: 'sandbox-demo' },
      remember: false,
    })
  })

  it('asks for the session again when the host link comes back', async () => {
    const session = useSessionStore()
    await session.init()
    desk.handlers['session.current'] = () => null
    desk.setLink('closed')
    desk.setLink('open')
    await new Promise((r) => setTimeout(r, 0))
    expect(session.ended?.reason).toBe('expired')
  })

  it('tries again once the host answers, when the first attempt found no host', async () => {
    desk.handlers['session.current'] = () => fail({ kind: 'network', code: 'Desk.NetworkError' })
    desk.handlers['profiles.list'] = () => fail({ kind: 'network', code: 'Desk.NetworkError' })
    desk.setLink('connecting')
    const session = useSessionStore()
    await session.init()
    await session.loadProfiles()
    expect(session.initError?.kind).toBe('network')
    expect(session.profilesStatus).toBe('error')
    desk.handlers['session.current'] = () => demoSession
    desk.handlers['profiles.list'] = () => [sandboxProfile]
    desk.setLink('open')
    await new Promise((r) => setTimeout(r, 0))
    expect(session.session).toEqual(demoSession)
    expect(session.initError).toBeNull()
    expect(session.profiles).toEqual([sandboxProfile])
  })

  it('keeps fleet data behind an expired session, and drops it on sign-out', async () => {
    const session = useSessionStore()
    await session.init()
    const fleet = useFleetStore()
    await fleet.loadFamilies()
    expect(fleet.families).toHaveLength(2)
    desk.emit('session.changed', { session: null, reason: 'expired' })
    await Promise.resolve()
    expect(fleet.families).toHaveLength(2)
    desk.emit('session.changed', { session: demoSession })
    await Promise.resolve()
    expect(fleet.families).toHaveLength(2)
    desk.emit('session.changed', { session: null, reason: 'signed-out' })
    await Promise.resolve()
    expect(fleet.families).toHaveLength(0)
  })

  it('remembers the selected family per account', async () => {
    const session = useSessionStore()
    await session.init()
    const fleet = useFleetStore()
    fleet.selectFamily('f-2')
    setActivePinia(createPinia())
    const again = useSessionStore()
    await again.init()
    expect(useFleetStore().selectedFamilyId).toBe('f-2')
    again.applyChange({ session: { ...demoSession, account: 'other@sandbox.local' } })
    await Promise.resolve()
    expect(useFleetStore().selectedFamilyId).toBeNull()
  })
})
