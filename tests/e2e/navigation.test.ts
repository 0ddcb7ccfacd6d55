import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * Finding one's way in Chromium on browser mode: History from the side navigation, back from
 * a device to the filtered list it was opened from, "Devices" to the home last opened, and a
 * new sign-in that returns to the page the user left.
 */
describe('navigation', () => {
  let app: RunningApp
  const family = () => app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const hash = () => decodeURIComponent(new URL(app.page.url()).hash)
  const shownIds = async () =>
    (await app.page.getByTestId('device-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id') ?? ''))).sort()
  const offlineIds = () =>
    app.sandbox.world.devicesIn(family().familyId).filter((d) => !app.sandbox.world.isOnline(d.deviceId)).map((d) => d.deviceId).sort()

  beforeAll(async () => {
    app = await startApp()
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('has History in the side navigation, asking to pick devices when none were chosen', async () => {
    await app.page.getByTestId('nav-history').click()
    await app.page.getByTestId('history-no-devices').waitFor()
    expect(hash()).toMatch(/^#\/history/)
  })

  it('goes back from a device to its family\'s list with the filter it was opened from', async () => {
    await app.page.getByTestId('nav-families').click()
    await app.page.getByTestId('family-row').first().click()
    await app.page.getByTestId('device-row').first().waitFor()
    await app.page.getByTestId('online-select').selectOption({ label: 'Offline' })
    await expect.poll(shownIds).toEqual(offlineIds())

    await app.page.getByTestId('device-row').first().click()
    await app.page.getByTestId('device-detail').waitFor()
    const back = app.page.getByTestId('back-to-list')
    expect(await back.textContent()).toContain(family().name)
    await back.click()
    await app.page.getByTestId('device-row').first().waitFor()
    expect(hash()).toContain('online=false')
    await expect.poll(shownIds).toEqual(offlineIds())
  })

  it('"Devices" opens the home last opened, as it was left', async () => {
    await app.page.getByTestId('nav-overview').click()
    await app.page.getByTestId('overview-online').waitFor()
    await app.page.getByTestId('nav-devices').click()
    await app.page.getByTestId('device-row').first().waitFor()
    expect(hash()).toContain(`/families/${family().familyId}/devices`)
    await expect.poll(shownIds).toEqual(offlineIds())
  })

  it('returns to the last page after signing out and in again', async () => {
    const device = offlineIds()[0]!
    await app.page.locator(`[data-testid="device-row"][data-device-id="${device}"]`).click()
    await app.page.getByTestId('device-detail').waitFor()
    const left = hash()
    await app.page.getByTestId('signout').click()
    await app.page.getByTestId('signin-submit').waitFor()
    await signInAsDemo(app.page)
    await app.page.locator(`[data-testid="device-detail"][data-device-id="${device}"]`).waitFor()
    expect(hash()).toBe(left)
  })
})
