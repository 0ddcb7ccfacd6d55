import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * A technician on a device's page in Chromium: switches a light and sees the device
 * confirm it, renames it and moves it to another room (the cloud keeps both), and calls
 * an action whose reply only arrives later as a push.
 */
describe('device detail page', () => {
  let app: RunningApp
  let familyId: string
  let lightId: string

  const world = () => app.sandbox.world
  const light = () => world().devicesIn(familyId).find((d) => d.deviceId === lightId)!

  async function openDevice(deviceId: string): Promise<void> {
    await goTo(`#/families/${familyId}/devices/${encodeURIComponent(deviceId)}`)
    await app.page.locator(`[data-testid="device-detail"][data-device-id="${deviceId}"]`).waitFor()
  }

  const goTo = (hash: string) => navigate(app.page, hash)

  beforeAll(async () => {
    app = await startApp()
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const families = world().familiesOf(DEMO_ACCOUNT.userId)
    const found = families
      .map(({ family }) => ({ family, light: world().devicesIn(family.familyId).find((d) => d.productId === PRODUCT_IDS.light && d.online) }))
      .find((f) => f.light)!
    familyId = found.family.familyId
    lightId = found.light!.deviceId
    await openDevice(lightId)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the device with its live online state and product', async () => {
    await expect.poll(() => app.page.getByTestId('device-name').textContent()).toBe(light().aliasName || light().deviceName)
    await expect.poll(() => app.page.getByTestId('device-online').getAttribute('data-online')).toBe('true')
    await expect.poll(() => app.page.getByTestId('device-product').textContent()).toContain('Smart Light')
  })

  it('switches the light: the sandbox device changes and the push confirms it on the page', async () => {
    const row = app.page.locator('[data-testid="property-row"][data-property-id="power_switch"]')
    await row.getByTestId('value-switch').waitFor()
    const before = Number(light().properties.get('power_switch')?.value ?? 0)
    await row.getByTestId('value-switch').click()
    await expect.poll(() => Number(light().properties.get('power_switch')?.value)).toBe(before === 1 ? 0 : 1)
    await expect.poll(() => row.getByTestId('control-status').getAttribute('data-status')).toBe('confirmed')
    await expect.poll(() => row.getByTestId('property-value').textContent()).toBe(before === 1 ? 'off' : 'on')
  })

  it('shows the control push in the push inspector', async () => {
    await app.page.getByRole('tab', { name: 'Push inspector' }).click()
    await expect.poll(async () => Number(await app.page.getByTestId('push-counts').getAttribute('data-received'))).toBeGreaterThan(0)
    await expect.poll(() => app.page.getByTestId('push-inspector').textContent()).toContain('power_switch')
  })

  it('renames the device, and the cloud keeps the new name', async () => {
    await app.page.getByTestId('device-rename').click()
    const input = app.page.getByTestId('rename-input')
    await input.fill('Porch light E2E')
    await input.press('Enter')
    await expect.poll(() => light().aliasName).toBe('Porch light E2E')
    await expect.poll(() => app.page.getByTestId('device-name').textContent()).toBe('Porch light E2E')
  })

  it('moves the device to another room, and it stays there after a reload', async () => {
    const target = world().roomsOf(familyId).find((r) => r.roomId !== light().roomId)!
    await app.page.getByTestId('device-move').click()
    await app.page.getByTestId('move-room').click()
    await app.page.getByTestId(`move-room-${target.roomId}`).click()
    await app.page.getByTestId('move-save').click()
    await expect.poll(() => light().roomId).toBe(target.roomId)
    await app.page.reload()
    await app.page.locator(`[data-testid="device-detail"][data-device-id="${lightId}"]`).waitFor()
    await expect.poll(() => app.page.getByTestId('device-room').textContent(), { timeout: 10_000 }).toBe(target.name)
    await expect.poll(() => app.page.getByTestId('device-name').textContent()).toBe('Porch light E2E')
  })

  it("calls an action asynchronously and shows the device's reply when its push arrives", async () => {
    await app.page.getByRole('tab', { name: 'Actions' }).click()
    const card = app.page.locator('[data-testid="action-card"][data-action-id="blink"]')
    await card.getByTestId('action-mode-async').click()
    await card.getByTestId('action-call').click()
    const answer = card.getByTestId('action-answer')
    await expect.poll(() => answer.getAttribute('data-mode')).toBe('async')
    await expect.poll(() => card.getByTestId('action-reply').textContent(), { timeout: 10_000 }).toContain('"result"')
    await expect.poll(() => answer.textContent()).toContain('succ')
  })
})
