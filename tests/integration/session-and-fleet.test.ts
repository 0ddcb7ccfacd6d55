import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { deskOnSandbox, movableClock, type DeskUnderTest } from '../support/desk'

let app: DeskUnderTest | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const demoFamilies = (t: DeskUnderTest) => t.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)

describe.each(['documented', 'wrapped'] as const)('the core on the sandbox (%s envelope)', (envelope) => {
  it('signs in with email and lists the families, rooms and devices the cloud holds', async () => {
    app = await deskOnSandbox({ sandbox: { envelope } })
    await app.signInDemo()
    expect(await app.run('session.current')).toMatchObject({ profileId: 'sandbox', account: DEMO_ACCOUNT.email })

    const families = await app.run('families.list')
    expect(families.map((f) => [f.familyId, f.name, f.role])).toEqual(
      demoFamilies(app).map(({ family, role }) => [family.familyId, family.name, role]),
    )
    const home = families[0]!
    const rooms = await app.run('rooms.list', { familyId: home.familyId })
    expect(rooms.map((r) => r.name)).toEqual(app.sandbox.world.roomsOf(home.familyId).map((r) => r.name))

    const devices = await app.run('devices.list', { familyId: home.familyId })
    const expected = app.sandbox.world.devicesIn(home.familyId)
    expect(devices.map((d) => d.deviceId).sort()).toEqual(expected.map((d) => d.deviceId).sort())
    for (const device of devices) {
      expect(device.online).toBe(app.sandbox.world.isOnline(device.deviceId))
      expect(device.productName).toBe(app.sandbox.world.products.get(device.productId)?.name)
    }
    expect(devices.some((d) => d.online) && devices.some((d) => !d.online)).toBe(true)
  })
})

describe('sign-in', () => {
  it('works with phone and with WeChat (first call registers the account)', async () => {
    app = await deskOnSandbox()
    const phone = await app.run('session.signIn', {
      profileId: 'sandbox',
      credentials: { method: 'phone', countryCode: '86', phoneNumber: DEMO_ACCOUNT.phoneNumber, password: DEMO_ACCOUNT.password },
    })
    expect(phone.account).toBe('+86 13800000000')
    const wechat = await app.run('session.signIn', {
      profileId: 'sandbox',
      credentials: { method: 'wechat', wxOpenId: 'o-new-user-1', nickname: 'Technician' },
    })
    expect(wechat.account).toBe('Technician')
    expect((await app.run('families.list')).length).toBe(1)
  })

  it('reports a wrong password with the cloud code and RequestId, and stays signed out', async () => {
    app = await deskOnSandbox()
    const error = await app.fail('session.signIn', {
      profileId: 'sandbox',
      credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: 'wrong-password' },
    })
    expect(error).toMatchObject({ kind: 'api', code: 'InvalidParameterValue.PasswordError', action: 'AppGetToken' })
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(await app.run('session.current')).toBeNull()
  })

  it('refuses a profile without AppKey/AppSecret with a config error', async () => {
    app = await deskOnSandbox()
    const error = await app.fail('session.signIn', {
      profileId: 'mainland',
      credentials: { method: 'email', email: 'a@b.cn', password: 'x' },
    })
    expect(error).toMatchObject({ kind: 'config', code: 'Desk.ProfileIncomplete' })
  })

  it('signs in through a custom-URL profile pointed at the sandbox', async () => {
    app = await deskOnSandbox()
    const profile = await app.run('profiles.save', {
      name: 'Local sandbox',
      kind: 'custom',
      baseUrl: app.sandbox.url,
      appKey: app.sandbox.appKey,
      appSecret: app.sandbox.appSecret,
    })
    await app.run('session.signIn', {
      profileId: profile.id,
      credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
    })
    expect((await app.run('families.list')).length).toBe(demoFamilies(app).length)
  })
})

describe('the session ends cleanly', () => {
  it('when the token expires: the next call is refused and the renderer is told why', async () => {
    const clock = movableClock()
    app = await deskOnSandbox({ sandbox: { clock: clock.now, tokenTtlSeconds: 60 }, desk: { now: clock.now } })
    await app.signInDemo()
    clock.advance(61_000)
    expect(await app.fail('families.list')).toMatchObject({ kind: 'session', code: 'Desk.SessionExpired' })
    expect(app.events).toContainEqual({ event: 'session.changed', payload: { session: null, reason: 'expired' } })
    expect(await app.run('session.current')).toBeNull()
  })

  it('when the cloud stops accepting the token mid-session', async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
    for (const token of app.sandbox.liveTokens()) app.sandbox.revokeToken(token)
    const error = await app.fail('families.list')
    expect(error).toMatchObject({ kind: 'session', code: 'Desk.SessionExpired', action: 'AppGetFamilyList' })
    expect(error.requestId).toBeTruthy()
    expect(app.events).toContainEqual({ event: 'session.changed', payload: { session: null, reason: 'revoked' } })
  })

  it('on sign-out: the token is revoked at the cloud and forgotten here', async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
    expect(app.sandbox.liveTokens()).toHaveLength(1)
    await app.run('session.signOut')
    expect(app.sandbox.liveTokens()).toHaveLength(0)
    expect(await app.fail('families.list')).toMatchObject({ kind: 'session', code: 'Desk.NotSignedIn' })
    expect(app.events).toContainEqual({ event: 'session.changed', payload: { session: null, reason: 'signed-out' } })
  })
})

describe('access and scale', () => {
  it("refuses another user's family with the cloud's code", async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
    const theirs = app.sandbox.world
      .familiesOf(NEIGHBOUR_ACCOUNT.userId)
      .find(({ family }) => !family.members.has(DEMO_ACCOUNT.userId))!
    const error = await app.fail('devices.list', { familyId: theirs.family.familyId })
    expect(error).toMatchObject({ kind: 'api', code: 'UnauthorizedOperation.NoPermissionToFamily' })
  })

  it('pages a 5,000-device family completely, each device once', async () => {
    app = await deskOnSandbox({ sandbox: { devices: 10_000 } })
    await app.signInDemo()
    const home = (await app.run('families.list'))[0]!
    const devices = await app.run('devices.list', { familyId: home.familyId })
    expect(devices.length).toBe(app.sandbox.world.devicesIn(home.familyId).length)
    expect(devices.length).toBeGreaterThanOrEqual(5_000)
    expect(new Set(devices.map((d) => d.deviceId)).size).toBe(devices.length)
  })

  it('tells the renderer how far a large device list has loaded: the first page, then 100 devices at a time', async () => {
    app = await deskOnSandbox({ sandbox: { devices: 600, oneFamily: true } })
    await app.signInDemo()
    const home = (await app.run('families.list'))[0]!
    const devices = await app.run('devices.list', { familyId: home.familyId })
    const progress = app.events.filter((e) => e.event === 'devices.progress').map((e) => e.payload as { familyId: string; loaded: number; total: number })
    expect(progress.every((p) => p.familyId === home.familyId && p.total === 600)).toBe(true)
    expect(progress.map((p) => p.loaded)).toEqual([50, 150, 250, 350, 450, 550, 600])
    expect(devices).toHaveLength(600)
  })

  it("reads a large list's online states 100 devices a call, two list pages to each", async () => {
    const actions: string[] = []
    const recording: typeof fetch = (input, init) => {
      actions.push(String((JSON.parse(String(init?.body ?? '{}')) as { Action?: string }).Action))
      return fetch(input, init)
    }
    app = await deskOnSandbox({ sandbox: { devices: 600, oneFamily: true }, desk: { fetch: recording } })
    await app.signInDemo()
    const home = (await app.run('families.list'))[0]!
    actions.length = 0
    await app.run('devices.list', { familyId: home.familyId })
    expect(actions.filter((a) => a === 'AppGetFamilyDeviceList')).toHaveLength(12)
    // The first page alone (its rows show at once), then 550 devices in 100s.
    expect(actions.filter((a) => a === 'AppGetDeviceStatuses')).toHaveLength(1 + 6)
  })

  it('streams a large list in parts when asked, each row complete, the answer holding the rest', async () => {
    app = await deskOnSandbox({ sandbox: { devices: 600, oneFamily: true } })
    await app.signInDemo()
    const home = (await app.run('families.list'))[0]!
    const whole = await app.run('devices.list', { familyId: home.familyId })
    app.events.length = 0
    const rest = await app.run('devices.list', { familyId: home.familyId, streamId: 's1' })
    const progress = app.events.filter((e) => e.event === 'devices.progress').map((e) => e.payload as { streamId?: string; loaded: number; devices?: typeof whole })
    expect(progress.map((p) => p.devices?.length)).toEqual([50, 100, 100, 100, 100, 100, 50])
    expect(progress.every((p) => p.streamId === 's1')).toBe(true)
    const streamed = [...progress.flatMap((p) => p.devices ?? []), ...rest]
    const byId = (list: typeof whole) => [...list].sort((a, b) => a.deviceId.localeCompare(b.deviceId))
    // Online state, product and room names filled in, as in the unstreamed answer.
    expect(byId(streamed)).toEqual(byId(whole))
  })

  it('filters by room', async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
    const home = (await app.run('families.list'))[0]!
    const room = (await app.run('rooms.list', { familyId: home.familyId }))[0]!
    const devices = await app.run('devices.list', { familyId: home.familyId, roomId: room.roomId })
    expect(devices.map((d) => d.deviceId).sort()).toEqual(
      app.sandbox.world.devicesIn(home.familyId, room.roomId).map((d) => d.deviceId).sort(),
    )
    expect(devices.every((d) => d.roomName === room.name)).toBe(true)
  })
})

describe('secrets', () => {
  it('never reach results, events or the log', async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
    const [token] = app.sandbox.liveTokens()
    const outputs = [
      await app.run('profiles.list'),
      await app.run('session.current'),
      await app.run('families.list'),
      await app.run('app.info'),
      app.events,
    ]
    await app.fail('session.signIn', {
      profileId: 'sandbox',
      credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: 'wrong-secret-pw' },
    })
    const seen = JSON.stringify(outputs) + app.logText()
    for (const secret of [token!, app.sandbox.appSecret, DEMO_ACCOUNT.password, 'wrong-secret-pw']) {
      expect(seen).not.toContain(secret)
    }
  })
})
