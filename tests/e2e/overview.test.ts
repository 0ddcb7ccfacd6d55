import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../shared/contracts/messages'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * The fleet overview as support staff use it, in Chromium on browser mode: its online count
 * is the cloud's, the number opens the device list filtered to exactly those devices, and
 * the whole page speaks the chosen language.
 */
describe('fleet overview', () => {
  let app: RunningApp
  const family = () => app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const onlineIds = () =>
    app.sandbox.world
      .devicesIn(family().familyId)
      .filter((d) => app.sandbox.world.isOnline(d.deviceId))
      .map((d) => d.deviceId)
      .sort()

  beforeAll(async () => {
    app = await startApp()
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    await app.page.getByTestId('nav-overview').click()
    await app.page.getByTestId('overview-online').waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it("shows the family's online count as the sandbox has it, and the total", async () => {
    const online = onlineIds().length
    expect(online).toBeGreaterThan(0)
    await expect.poll(() => app.page.getByTestId('overview-online').textContent()).toContain(String(online))
    const total = app.sandbox.world.devicesIn(family().familyId).length
    expect(await app.page.getByTestId('overview-total').textContent()).toContain(String(total))
  })

  it('follows a device going offline, live', async () => {
    const [first] = onlineIds().filter((id) => app.sandbox.world.devices.get(id)?.deviceType === 0)
    app.sandbox.control.setDeviceOnline(first!, false)
    await expect.poll(() => app.page.getByTestId('overview-online').textContent()).toContain(String(onlineIds().length))
    await expect.poll(() => app.page.getByTestId('activity-item').count()).toBeGreaterThan(0)
  })

  it("lists alerts newest first, named as the product's thing model names them, the event id beside", async () => {
    const rows = app.page.getByTestId('alert-row')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => ({
        deviceId: el.getAttribute('data-device-id') ?? '',
        name: el.querySelector('[data-testid="alert-name"]')?.textContent ?? '',
        id: el.querySelector('[data-testid="alert-id"]')?.textContent ?? '',
        at: Date.parse(el.querySelector('time')?.getAttribute('datetime') ?? ''),
      })),
    )
    const times = shown.map((r) => r.at)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    for (const row of shown) {
      const device = app.sandbox.world.devices.get(row.deviceId)!
      const event = app.sandbox.world.products.get(device.productId)!.dataTemplate.events.find((e) => e.id === row.id)
      expect(event, `${row.id} of ${device.productId}`).toBeDefined()
      expect(row.name).toBe(event!.name)
      expect(row.name).not.toBe(row.id)
    }
  })

  it('opens a message in full from the keyboard, and Escape closes it', async () => {
    const first = app.page.getByTestId('message-open').first()
    await first.waitFor()
    const msgId = (await first.getAttribute('data-msg-id'))!
    // The cloud's own inbox (every category), as the core reads it.
    const inbox: Message[] = []
    for (const category of [1, 2, 3]) {
      const page = await app.desk.dispatch('messages.list', { category, limit: 100 })
      if (!page.ok) throw new Error(JSON.stringify(page.error))
      inbox.push(...(page.result as { messages: Message[] }).messages)
    }
    const message = inbox.find((m) => m.msgId === msgId)!
    expect(message).toBeDefined()
    await first.focus()
    await app.page.keyboard.press('Enter')
    const dialog = app.page.locator('.el-dialog[data-testid="message-dialog"], [data-testid="message-dialog"] .el-dialog').first()
    await expect.poll(() => app.page.getByTestId('message-content').isVisible()).toBe(true)
    expect(await app.page.getByTestId('message-content').textContent()).toBe(message.content)
    expect(await dialog.textContent()).toContain(message.title)
    await app.page.keyboard.press('Escape')
    await expect.poll(() => app.page.getByTestId('message-content').isVisible()).toBe(false)
  })

  it('opens the device list filtered to exactly the online devices', async () => {
    const expected = onlineIds()
    await app.page.getByTestId('overview-online').click()
    await app.page.waitForURL(/\/devices\?online=true/)
    expect(decodeURIComponent(app.page.url())).toContain(`/families/${family().familyId}/devices`)
    const rows = app.page.getByTestId('device-row')
    await expect.poll(() => rows.count()).toBe(expected.length)
    const shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id') ?? ''))
    expect(shown.sort()).toEqual(expected)
    expect(await app.page.getByTestId('device-count-total').textContent()).toBe(String(expected.length))
  })

  it('speaks Chinese everywhere after the language switch, and English again after', async () => {
    await app.page.getByTestId('nav-overview').click()
    await app.page.getByTestId('overview-online').waitFor()
    const english = ['Fleet overview', 'Online ratio', 'Devices by product', 'Devices by room', 'Firmware versions', 'Recent alerts and faults', 'Messages', 'Live activity', 'Refresh', 'Offline']
    const body = () => app.page.locator('body').innerText()
    for (const label of english) expect(await body()).toContain(label)

    await app.page.getByTestId('language-switch').click()
    await app.page.getByTestId('language-zh-CN').click()
    await expect.poll(body).toContain('设备总览')
    const text = await body()
    for (const label of english) expect(text, label).not.toContain(label)
    for (const label of ['在线率', '按产品统计', '按房间统计', '最近的告警与故障', '实时动态']) expect(text).toContain(label)

    await app.page.getByTestId('language-switch').click()
    await app.page.getByTestId('language-en').click()
    await expect.poll(body).toContain('Fleet overview')
    for (const label of english) expect(await body()).toContain(label)
  })
})
