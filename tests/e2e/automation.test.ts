import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { World } from '../../electron/sandbox/world/world'
import { intelligenceOf } from '../../electron/sandbox/intelligence/store'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { CHINA_OFFSET_MS } from '../../shared/time/china-time'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { seriousViolations } from '../support/axe'
import { chooseOption } from '../support/select'

/**
 * Household automation in Chromium against the sandbox, its schedule clock sped up 60
 * times (a timer minutes ahead fires seconds later): a timer switches a light and the
 * change shows live; an automation turns a plug on when the sensor reports a temperature
 * above its threshold; a scene run shows each device confirm; malformed input is refused
 * with nothing created; axe on the new pages in both themes.
 */
describe('timers, scenes and automations', () => {
  let app: RunningApp
  let familyId = ''
  let lightId = ''
  let plugId = ''
  let sensorId = ''

  const world = () => app.sandbox.world as World
  const store = () => intelligenceOf(world())
  const value = (deviceId: string, id: string) => world().devices.get(deviceId)?.properties.get(id)?.value
  const label = (deviceId: string) => {
    const d = world().devices.get(deviceId)!
    return d.aliasName || d.deviceName
  }
  const byTest = (id: string) => app.page.getByTestId(id)
  /** Element Plus puts a test id on the input itself or on its wrapper, depending on the component. */
  const input = (id: string) => app.page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`)
  const dialog = () => app.page.locator('.el-dialog:visible')


  /** Ticks a property in a values form and switches it on. */
  async function setSwitchOn(form: ReturnType<RunningApp['page']['locator']>): Promise<void> {
    const row = form.locator('[data-property-id="power_switch"]')
    await row.getByTestId('value-include').click()
    await row.getByTestId('value-switch').click()
  }

  /** "HH:mm" in China time, `minutes` after the sandbox's schedule clock. */
  function clockAhead(minutes: number): string {
    const at = new Date(app.sandbox.control.scheduleNow() + minutes * 60_000 + CHINA_OFFSET_MS)
    return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`
  }

  beforeAll(async () => {
    app = await startApp({ sandbox: { simSpeed: 60, devices: 60 } })
    const kinds = [PRODUCT_IDS.light, PRODUCT_IDS.plug, PRODUCT_IDS.sensor]
    const home = world()
      .familiesOf(DEMO_ACCOUNT.userId)
      .find(({ family, role }) => role === 1 && kinds.every((k) => world().devicesIn(family.familyId).some((d) => d.productId === k)))!
    familyId = home.family.familyId
    const first = (productId: string) => world().devicesIn(familyId).find((d) => d.productId === productId)!.deviceId
    ;[lightId, plugId, sensorId] = kinds.map(first) as [string, string, string]
    for (const id of [lightId, plugId, sensorId]) app.sandbox.control.setDeviceOnline(id, true)
    app.sandbox.control.reportProperties(lightId, { power_switch: 0 })
    app.sandbox.control.reportProperties(plugId, { power_switch: 0 })
    app.sandbox.control.reportProperties(sensorId, { temperature: 20 })
    await signInAsDemo(app.page)
    await byTest('family-row').first().waitFor()
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('a timer made on the light’s page fires at its time and the light’s change appears live', { timeout: 40_000 }, async () => {
    await navigate(app.page, `#/families/${familyId}/devices/${encodeURIComponent(lightId)}`)
    await app.page.locator('[data-testid="property-row"][data-property-id="power_switch"] [data-testid="property-value"]').filter({ hasText: 'off' }).waitFor()
    await app.page.getByRole('tab', { name: 'Timers' }).click()
    await byTest('timer-new').click()
    await input('timer-name').fill('Lights on')
    // Every day, so the test runs on any weekday.
    for (const day of ['sat', 'sun']) await dialog().getByTestId(`day-${day}`).click()
    await setSwitchOn(dialog().getByTestId('timer-values'))
    await input('timer-time').fill(clockAhead(3))
    await byTest('timer-save').click()
    await app.page.locator('[data-testid="timer-row"]', { hasText: 'Lights on' }).waitFor()
    expect(await byTest('timer-when').first().textContent()).toMatch(/^every day at \d\d:\d\d$/)
    expect(store().timersOf(lightId).map((t) => t.data)).toEqual(['{"power_switch":1}'])

    await app.page.getByRole('tab', { name: 'Properties' }).click()
    const shown = app.page.locator('[data-testid="property-row"][data-property-id="power_switch"] [data-testid="property-value"]')
    await expect.poll(() => shown.textContent(), { timeout: 20_000 }).toBe('on')
    expect(value(lightId, 'power_switch')).toBe(1)
  })

  it('refuses a malformed timer with a clear message, and nothing is created', async () => {
    await app.page.getByRole('tab', { name: 'Timers' }).click()
    const before = store().timers.size
    await byTest('timer-new').click()
    await input('timer-name').fill('Broken')
    await input('timer-time').fill('')
    await byTest('timer-save').click()
    await expect.poll(() => byTest('timer-problem-time').textContent()).toBe('Enter a time as HH:mm, from 00:00 to 23:59.')
    expect(await byTest('timer-problem-values').textContent()).toBe('Choose at least one property to set.')
    await dialog().getByRole('button', { name: 'Cancel' }).click()
    // The core refuses what the editor would not send, too: a value out of the thing model's range.
    const refused = await app.desk.dispatch('timers.create', { deviceId: lightId, name: 'x', days: ['mon'], time: '07:00', repeat: true, values: { brightness: 150 } })
    expect(refused.ok ? '' : refused.error.message).toMatch(/brightness .* must be at most 100\. Nothing was saved\./)
    expect(store().timers.size).toBe(before)
  })

  it('an automation “when the sensor’s temperature is above 45, turn the plug on” fires on a matching report', { timeout: 40_000 }, async () => {
    await navigate(app.page, `#/families/${familyId}/automation`)
    await byTest('automation-new').click()
    await input('automation-name').fill('Too warm')
    await chooseOption(dialog().getByTestId('condition-device'), label(sensorId))
    await chooseOption(dialog().getByTestId('condition-property'), 'Temperature')
    await chooseOption(dialog().getByTestId('condition-op'), 'is above')
    await dialog().locator('[data-testid="condition-value"] input').fill('45')
    await chooseOption(dialog().getByTestId('action-device'), label(plugId))
    await setSwitchOn(dialog().getByTestId('action-values-0'))
    await expect.poll(() => byTest('automation-preview').textContent()).toContain('Temperature is above 45 °C, set')
    await byTest('automation-save').click()
    const row = app.page.locator('[data-testid="automation-row"]', { hasText: 'Too warm' })
    await row.waitFor()
    expect(await row.getByTestId('automation-sentence').textContent()).toBe(`When ${label(sensorId)}’s Temperature is above 45 °C, set ${label(plugId)}’s Switch to on.`)

    app.sandbox.control.reportProperties(sensorId, { temperature: 40 })
    expect(value(plugId, 'power_switch')).toBe(0)
    app.sandbox.control.reportProperties(sensorId, { temperature: 47.5 })
    await expect.poll(() => value(plugId, 'power_switch')).toBe(1)
    await navigate(app.page, `#/families/${familyId}/devices/${encodeURIComponent(plugId)}`)
    await expect.poll(() => app.page.locator('[data-testid="property-row"][data-property-id="power_switch"] [data-testid="property-value"]').textContent()).toBe('on')
  })

  it('refuses a malformed automation with a clear message, and nothing is created', async () => {
    await navigate(app.page, `#/families/${familyId}/automation`)
    const before = store().automations.size
    await byTest('automation-new').click()
    await input('automation-name').fill('Half done')
    await byTest('automation-save').click()
    await expect.poll(() => byTest('condition-problem-0').textContent()).toBe('Choose a device.')
    expect(await byTest('automation-problems').textContent()).toContain('Check the highlighted fields: nothing was saved.')
    await dialog().getByRole('button', { name: 'Cancel' }).click()
    expect(store().automations.size).toBe(before)
  })

  it('creates and runs a scene, and each device confirms from its push', { timeout: 40_000 }, async () => {
    app.sandbox.control.reportProperties(lightId, { power_switch: 0 })
    app.sandbox.control.reportProperties(plugId, { power_switch: 0 })
    await byTest('scene-new').click()
    await input('scene-name').fill('Evening')
    await chooseOption(dialog().getByTestId('action-device'), label(lightId))
    await setSwitchOn(dialog().getByTestId('action-values-0'))
    await byTest('action-add').click()
    await chooseOption(dialog().getByTestId('action-device').nth(1), label(plugId))
    await setSwitchOn(dialog().getByTestId('action-values-1'))
    await byTest('scene-save').click()
    const row = app.page.locator('[data-testid="scene-row"]', { hasText: 'Evening' })
    await row.waitFor()
    await row.getByTestId('scene-run').click()
    for (const id of [lightId, plugId]) {
      await expect.poll(() => app.page.locator(`[data-testid="scene-run-device"][data-device-id="${id}"]`).getAttribute('data-status')).toBe('confirmed')
    }
    expect([value(lightId, 'power_switch'), value(plugId, 'power_switch')]).toEqual([1, 1])
  })

  it('has no critical or serious accessibility violation on the new pages, in the light and the dark theme', { timeout: 40_000 }, async () => {
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: theme })
      await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
      // Opened afresh in the theme (mid-fade colours are neither theme's); from the Home page's link the first time.
      if (theme === 'light') {
        await navigate(app.page, `#/families/${familyId}/home`)
        await byTest('home-automation-link').click()
      } else {
        await navigate(app.page, '#/families')
        await byTest('family-row').first().waitFor()
        await navigate(app.page, `#/families/${familyId}/automation`)
      }
      await byTest('timer-row').first().waitFor()
      await byTest('scene-row').first().waitFor()
      await byTest('automation-row').first().waitFor()
      for (const v of await seriousViolations(app.page, '[data-testid="home-automation-page"]')) found.push(`${theme} page ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
      await app.page.locator('[data-testid="automation-row"] [data-testid="automation-edit"]').first().click()
      await byTest('automation-form').waitFor()
      for (const v of await seriousViolations(app.page, '.el-dialog')) found.push(`${theme} editor ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
      await dialog().getByRole('button', { name: 'Cancel' }).click()
      await dialog().waitFor({ state: 'detached' })
      await byTest('timer-new').click()
      await byTest('timer-form').waitFor()
      for (const v of await seriousViolations(app.page, '.el-dialog')) found.push(`${theme} timer editor ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
      await dialog().getByRole('button', { name: 'Cancel' }).click()
      await dialog().waitFor({ state: 'detached' })
    }
    expect(found).toEqual([])
  })
})
