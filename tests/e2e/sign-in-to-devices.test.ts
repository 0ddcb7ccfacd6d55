import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * The foundation slice as a technician lives it, in Chromium on browser mode: the Sandbox
 * profile is preselected, the demo account signs in, picks a family and sees its devices
 * with each one's online state, as the sandbox holds them.
 */
describe('sign in to a live device list', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('preselects the Sandbox profile', async () => {
    await expect.poll(() => app.page.getByTestId('profile-select').textContent()).toContain('Sandbox')
  })

  it('signs in with the demo account and lists its families', async () => {
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const expected = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).map(({ family }) => family.name)
    const shown = await app.page.getByTestId('family-row').allTextContents()
    expect(shown).toHaveLength(expected.length)
    expected.forEach((name, i) => expect(shown[i]).toContain(name))
    await expect.poll(() => app.page.getByTestId('account-name').textContent()).toBe(DEMO_ACCOUNT.email)
  })

  it("opens a family and shows each device's online state as the cloud has it", async () => {
    const [first] = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)
    await app.page.getByTestId('family-row').first().click()
    await app.page.getByTestId('device-row').first().waitFor()
    const devices = app.sandbox.world.devicesIn(first!.family.familyId)
    const rows = app.page.getByTestId('device-row')
    await expect.poll(() => rows.count()).toBe(devices.length)
    const shown = await rows.evaluateAll((elements) =>
      elements.map((el) => ({ id: el.getAttribute('data-device-id'), online: el.getAttribute('data-online') })),
    )
    for (const row of shown) {
      expect(row.online).toBe(String(app.sandbox.world.isOnline(row.id ?? '')))
    }
    const online = devices.filter((d) => d.online).length
    expect(await app.page.getByTestId('device-count-online').textContent()).toContain(String(online))
    expect(await app.page.getByTestId('device-count-total').textContent()).toContain(String(devices.length))
  })

  it('shows the connection as live', async () => {
    await expect.poll(() => app.page.getByTestId('connection-indicator').getAttribute('data-status')).toBe('live')
  })

  it('follows a device going offline and back, pushed through main to the row', async () => {
    const [first] = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)
    const device = app.sandbox.world.devicesIn(first!.family.familyId).find((d) => d.online && d.deviceType === 0)!
    const row = app.page.locator(`[data-testid="device-row"][data-device-id="${device.deviceId}"]`)
    await expect.poll(() => row.getAttribute('data-online')).toBe('true')
    app.sandbox.control.setDeviceOnline(device.deviceId, false)
    await expect.poll(() => row.getAttribute('data-online')).toBe('false')
    app.sandbox.control.setDeviceOnline(device.deviceId, true)
    await expect.poll(() => row.getAttribute('data-online')).toBe('true')
  })

  it('recovers the live link after the cloud drops it', async () => {
    const indicator = app.page.getByTestId('connection-indicator')
    app.sandbox.control.dropAllSockets()
    // The first retry waits 250–500 ms: long enough to see the indicator leave 'live'.
    await expect.poll(() => indicator.getAttribute('data-status'), { interval: 20 }).not.toBe('live')
    await expect.poll(() => app.page.getByTestId('connection-indicator').getAttribute('data-status'), { timeout: 10_000 }).toBe('live')
  })

  it('never lets a secret cross the bridge towards the page', async () => {
    const tokens = app.sandbox.liveTokens()
    expect(tokens.length).toBeGreaterThan(0)
    expect(app.traffic.received.length).toBeGreaterThan(3)
    const received = app.traffic.received.join('\n')
    for (const secret of [...tokens, app.sandbox.appSecret, DEMO_ACCOUNT.password]) {
      expect(received).not.toContain(secret)
    }
    // Towards main, the password goes once, in the sign-in command; AppSecret and token never.
    const sent = app.traffic.sent
    expect(sent.filter((m) => m.includes(DEMO_ACCOUNT.password)).map((m) => JSON.parse(m).command)).toEqual(['session.signIn'])
    for (const secret of [...tokens, app.sandbox.appSecret]) expect(sent.join('\n')).not.toContain(secret)
  })

  it('signs out: the token is revoked at the cloud and the sign-in page returns', async () => {
    await app.page.getByTestId('signout').click()
    await app.page.getByTestId('signin-submit').waitFor()
    await expect.poll(() => app.sandbox.liveTokens().length).toBe(0)
  })
})
