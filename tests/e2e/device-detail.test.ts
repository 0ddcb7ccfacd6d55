import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OtaCheck } from '../../shared/rollout'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * A technician on a device's page in Chromium: switches a light and sees the device
 * confirm it, renames it and moves it to another room (the cloud keeps both), and calls
 * an action whose reply only arrives later as a push. Its firmware version is the one the
 * device list and the cloud give, and follows an upgrade to its end without a reload.
 */

/** The upgrade engine's polls and waits shortened to the sandbox's compressed upgrades. */
const FAST = { pollMs: 150, retryDelayMs: 100, reconcileDelayMs: 200, waitPollMs: 150, progressMs: 100, onlineFreshMs: 2_000 }
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
    app = await startApp({ sandbox: { otaDurationMs: 600 }, desk: { rollout: FAST } })
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

  it('lists the device events newest first', async () => {
    await app.page.getByRole('tab', { name: 'Events' }).click()
    const times = app.page.getByTestId('event-time')
    await expect.poll(() => times.count(), { timeout: 10_000 }).toBeGreaterThan(1)
    const shown = await times.evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')))
    expect(shown).toEqual([...shown].sort((a, b) => b - a))
    expect(shown[0]).toBeGreaterThan(shown.at(-1)!)
  })

  it('shows the firmware version the device list and the cloud show', async () => {
    const version = app.sandbox.ota.versionOf(lightId)!
    expect(version).toBeTruthy()
    await goTo(`#/families/${familyId}/devices`)
    const row = app.page.locator(`[data-testid="device-row"][data-device-id="${lightId}"]`)
    await expect.poll(() => row.getByTestId('device-version').textContent(), { timeout: 15_000 }).toBe(version)
    await openDevice(lightId)
    await expect.poll(() => app.page.getByTestId('device-firmware').textContent()).toBe(version)
    // The details' FwVer is the record's field; the page says which version the device runs.
    await app.page.getByRole('tab', { name: 'Details' }).click()
    await expect.poll(() => app.page.getByTestId('device-info-fw-hint').textContent(), { timeout: 10_000 }).toContain(`the firmware the device runs is ${version}`)
    await app.page.getByRole('tab', { name: 'Properties' }).click()
  })

  it('shows the new version in the header when an upgrade ends, without a reload', { timeout: 60_000 }, async () => {
    const newest = app.sandbox.ota.firmwareOf(PRODUCT_IDS.light).at(-1)!.version
    const before = app.sandbox.ota.versionOf(lightId)!
    expect(before).not.toBe(newest)
    await expect.poll(() => app.page.getByTestId('device-firmware').textContent()).toBe(before)
    await app.page.evaluate(() => Object.assign(window, { sameDocument: true }))

    const check = await app.desk.dispatch('ota.check', { deviceId: lightId })
    if (!check.ok) throw new Error(JSON.stringify(check.error))
    expect((check.result as OtaCheck).targetVersion).toBe(newest)
    const started = await app.desk.dispatch('ota.upgradeDevice', { deviceId: lightId, targetVersion: newest })
    if (!started.ok) throw new Error(JSON.stringify(started.error))

    await expect.poll(() => app.sandbox.ota.versionOf(lightId), { timeout: 20_000 }).toBe(newest)
    await expect.poll(() => app.page.getByTestId('device-firmware').textContent(), { timeout: 10_000 }).toBe(newest)
    expect(await app.page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
  })
})
