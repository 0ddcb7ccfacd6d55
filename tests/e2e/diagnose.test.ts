import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bindPlaintext, bindSignature, DEMO_ACCOUNT, devicePsk, PRODUCT_IDS } from '../../electron/sandbox'
import { musicCatalogue } from '../../electron/sandbox/music/catalogue'
import { kugouAccountOf } from '../../electron/sandbox/music/kugou-accounts'
import { CHINA_OFFSET_MS } from '../../shared/time/china-time'
import { seriousViolations } from '../support/axe'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * Support diagnosing in Chromium against a sandbox whose timers run 60 times as fast: the
 * message centre (read, delete), the test tools acting as a device (a report seen live),
 * and the device timeline naming the timer that switched a light.
 */
describe('diagnosis: messages, test tools and the device timeline', () => {
  let app: RunningApp
  let familyId: string
  let lightId: string
  const world = () => app.sandbox.world
  const switchOf = () => Number(world().devices.get(lightId)!.properties.get('power_switch')?.value ?? 0)

  async function openDeviceTab(tab: string): Promise<void> {
    await navigate(app.page, `#/families/${familyId}/devices/${encodeURIComponent(lightId)}`)
    await app.page.locator(`[data-testid="device-detail"][data-device-id="${lightId}"]`).waitFor()
    await app.page.locator(`#tab-${tab}`).click()
  }

  /** Presses a button of the message box Element Plus opened last. */
  async function answerBox(button: string): Promise<void> {
    const box = app.page.locator('.el-message-box').last()
    await box.waitFor()
    await box.getByRole('button', { name: button }).click()
  }

  beforeAll(async () => {
    app = await startApp({ sandbox: { simSpeed: 60 } })
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const found = world()
      .familiesOf(DEMO_ACCOUNT.userId)
      .map(({ family }) => ({ family, light: world().devicesIn(family.familyId).find((d) => d.productId === PRODUCT_IDS.light && d.online) }))
      .find((f) => f.light)!
    familyId = found.family.familyId
    lightId = found.light!.deviceId
  })
  afterAll(async () => {
    await app?.close()
  })

  it('reads a message in full in the message centre and deletes it after confirming', async () => {
    await app.page.getByTestId('nav-messages').click()
    const first = app.page.locator('[data-testid="message-list-1"] [data-testid="message-item"]').first()
    await first.waitFor()
    const msgId = (await first.getAttribute('data-msg-id'))!
    const message = world().messages.find((m) => m.msgId === msgId)!
    await first.focus()
    await app.page.keyboard.press('Enter')
    await expect.poll(() => app.page.getByTestId('message-detail-content').textContent()).toBe(message.content)
    await app.page.getByTestId('message-delete').click()
    await answerBox('Delete message')
    await app.page.locator(`[data-testid="message-item"][data-msg-id="${msgId}"]`).waitFor({ state: 'detached' })
    expect(world().messages.some((m) => m.msgId === msgId)).toBe(false)
  })

  it('reports a value as the device through the test tools, confirmed, and the page shows it live', async () => {
    await openDeviceTab('test-tools')
    await expect.poll(() => app.page.getByTestId('as-device-banner').textContent()).toContain('act AS the device')
    const before = switchOf()
    const form = app.page.getByTestId('as-device-report')
    // The first property of a light is its switch; the report sends the opposite of what it is.
    if (before === 0) await form.getByTestId('value-switch').click()
    await form.getByTestId('as-device-report-send').click()
    await answerBox('Send as the device')
    await expect.poll(switchOf).toBe(before === 1 ? 0 : 1)
    await expect.poll(() => form.getByTestId('as-device-sent').textContent()).toContain('RequestId')
    await app.page.locator('#tab-properties').click()
    const row = app.page.locator('[data-testid="property-row"][data-property-id="power_switch"]')
    await expect.poll(() => row.getByTestId('property-value').textContent()).toBe(before === 1 ? 'off' : 'on')
  })

  it('shows the light switched by a timer on its timeline, marked as caused by that timer', { timeout: 40_000 }, async () => {
    await openDeviceTab('timeline')
    await app.page.getByTestId('timeline-list').waitFor()
    const target = switchOf() === 1 ? 0 : 1
    // Three minutes ahead on the sandbox's schedule clock: three seconds at 60x.
    const at = new Date(app.sandbox.control.scheduleNow() + 3 * 60_000 + CHINA_OFFSET_MS)
    const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`
    const created = await app.desk.dispatch('timers.create', { deviceId: lightId, name: 'E2E lights', days: [], time, repeat: false, values: { power_switch: target } })
    expect(created.ok).toBe(true)
    await app.page.getByTestId('timeline-refresh').click()
    await expect.poll(() => app.page.getByTestId('timeline-rules').textContent()).toContain('E2E lights')
    await expect.poll(switchOf, { timeout: 20_000 }).toBe(target)
    const caused = app.page.locator('[data-testid="timeline-item"][data-cause="timer"]').first()
    await caused.waitFor({ timeout: 10_000 })
    await caused.click()
    await expect.poll(() => app.page.getByTestId('timeline-cause').textContent()).toContain('caused by timer “E2E lights”')
    expect(await app.page.getByTestId('timeline-detail').textContent()).toContain(`Light switch → ${target === 1 ? 'on' : 'off'}`)
  })

  it('has no critical or serious accessibility violation on the new pages, light and dark', { timeout: 60_000 }, async () => {
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: theme })
      await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
      await navigate(app.page, '#/messages')
      await app.page.locator('[data-testid="message-item"]').first().waitFor()
      await app.page.locator('[data-testid="message-item"]').first().click()
      for (const v of await seriousViolations(app.page, '[data-testid="messages-view"]')) found.push(`${theme} messages ${v.rule}: ${v.targets.join(', ')}`)
      for (const tab of ['timeline', 'test-tools']) {
        await openDeviceTab(tab)
        const panel = tab === 'timeline' ? '[data-testid="timeline"]' : '[data-testid="as-device-tools"]'
        await app.page.locator(panel).waitFor()
        for (const v of await seriousViolations(app.page, '[data-testid="device-detail"]')) found.push(`${theme} ${tab} ${v.rule}: ${v.targets.join(', ')}`)
      }
    }
    expect(found).toEqual([])
  })
  it('binds a smart speaker and shows its Kugou account and today\'s picks on its Music tab', async () => {
    const { seed, clock } = app.sandbox.options
    const home = world().familiesOf(DEMO_ACCOUNT.userId).find((e) => e.role === 1)!.family.familyId
    const productId = PRODUCT_IDS.speaker
    const deviceName = 'spk_demo'
    const deviceTimestamp = Math.floor(clock() / 1000)
    const claim = { productId, deviceName, deviceTimestamp, connId: 'c1' }
    const Signature = bindSignature(devicePsk(seed, `${productId}/${deviceName}`), bindPlaintext('wifi_sign', claim))
    const params = { FamilyId: home, RoomId: '0', ProductId: productId, DeviceName: deviceName, DeviceTimestamp: deviceTimestamp, ConnId: 'c1', Signature, BindType: 'wifi_sign' }
    const bound = await app.desk.dispatch('api.call', { action: 'AppSigBindDeviceInFamily', params })
    expect(bound.ok).toBe(true)
    const deviceId = `${productId}/${deviceName}`
    await navigate(app.page, `#/families/${home}/devices/${encodeURIComponent(deviceId)}`)
    await app.page.locator(`[data-testid="device-detail"][data-device-id="${deviceId}"]`).waitFor()
    await app.page.locator('#tab-music').click()
    const account = kugouAccountOf(seed, world().users.get(DEMO_ACCOUNT.userId)!)
    const who = app.page.getByTestId('music-logged-in')
    await expect.poll(() => who.textContent()).toContain(`Logged in as ${account.nickname}`)
    expect(await who.textContent()).toContain(account.userId)
    const titles = new Set(musicCatalogue(seed).songs.map((s) => s.songName))
    const names = app.page.locator('[data-testid="music-songs"] .song-list__name')
    await expect.poll(() => names.count()).toBe(20)
    const listed = await names.allTextContents()
    expect(listed.filter((name) => titles.has(name.trim()))).toHaveLength(20)
    expect(new Set(listed).size).toBe(20)
  })
})
