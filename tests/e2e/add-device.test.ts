import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { seriousViolations } from '../support/axe'

/**
 * Adding devices in Chromium against the sandbox, the device side played through the
 * sandbox's control port as a technician demoing it would (`npm run device`): one device by
 * each method lands live in its room; malformed and expired payloads say why and bind nothing.
 */
describe('Add device', () => {
  let app: RunningApp
  let familyId = ''
  const TOKEN_DEVICE = `${PRODUCT_IDS.light}/light_e2e_token`
  const SIGNED_DEVICE = `${PRODUCT_IDS.camera}/cam_e2e_signed`

  const input = (id: string) => app.page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`)
  const world = () => app.sandbox.world
  const roomNamed = (name: string) => world().roomsOf(familyId).find((r) => r.name === name)!.roomId
  const productLabel = (productId: string) => `${world().products.get(productId)!.name} (${productId})`
  const boundRow = (deviceId: string) => app.page.locator(`[data-testid="bound-device"][data-device-id="${deviceId}"]`)
  /** The device side, through the loopback control endpoint (what `npm run device` sends). */
  async function device(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`${app.sandbox.url}/_sandbox/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = (await response.json()) as Record<string, unknown>
    if (!json.ok) throw new Error(String(json.error))
    return json
  }

  async function choose(select: string, option: string): Promise<void> {
    await app.page.getByTestId(select).click()
    await app.page.getByRole('option', { name: option, exact: true }).click()
  }

  async function pick(productId: string, room: string, method?: string): Promise<void> {
    await app.page.getByTestId('product-step').waitFor()
    await choose('product-select', productLabel(productId))
    await choose('room-select', room)
    if (method) await app.page.getByTestId(`method-${method}`).click()
    await app.page.getByTestId('product-next').click()
  }

  async function expectLiveInRoom(deviceId: string, room: string): Promise<void> {
    const row = boundRow(deviceId)
    await row.waitFor()
    await expect.poll(() => row.getByTestId('bound-room').textContent()).toBe(room)
    await expect.poll(() => row.getByTestId('bound-online').textContent()).toMatch(/Online/)
    expect(world().devices.get(deviceId)).toMatchObject({ familyId, roomId: roomNamed(room) })
  }

  beforeAll(async () => {
    app = await startApp({ sandbox: { unboundSubDevices: 2 } })
    familyId = world().familiesOf(DEMO_ACCOUNT.userId).find(({ family, role }) => role === 1 && family.name === 'Home')!.family.familyId
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('opens from the Home page (and is offered on the home\'s device list)', async () => {
    await navigate(app.page, `#/families/${familyId}/devices`)
    expect(await app.page.getByTestId('devices-add-device').getAttribute('href')).toBe(`#/families/${familyId}/add-device`)
    await navigate(app.page, `#/families/${familyId}/home`)
    await app.page.getByTestId('home-add-device').click()
    await app.page.getByTestId('product-step').waitFor()
  })

  it('binds a light by Wi-Fi token once the device reports it, and shows it live in its room', { timeout: 30_000 }, async () => {
    await pick(PRODUCT_IDS.light, 'Bedroom', 'token')
    await app.page.getByTestId('token-create').click()
    const token = (await app.page.getByTestId('token-text').textContent())!.trim()
    expect(await app.page.getByTestId('token-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    await expect.poll(() => app.page.getByTestId('token-state').getAttribute('data-phase')).toBe('waiting')
    await input('token-device-name').fill(TOKEN_DEVICE.split('/')[1]!)
    // On the sandbox the page says how to play the device.
    expect(await app.page.getByTestId('token-demo-command').textContent()).toBe(
      `npm run device -- --sandbox ${app.sandbox.url} use-token ${token} ${TOKEN_DEVICE}`,
    )
    await device({ command: 'device.useBindToken', token, deviceId: TOKEN_DEVICE })
    await expect.poll(() => app.page.getByTestId('token-state').getAttribute('data-phase'), { timeout: 10_000 }).toBe('used')
    await app.page.getByTestId('token-bind').click()
    await expectLiveInRoom(TOKEN_DEVICE, 'Bedroom')
    const values = boundRow(TOKEN_DEVICE).getByTestId('bound-values')
    await expect.poll(() => values.textContent()).toContain('%')
    // Live: what the device reports next shows without a reload.
    await device({ command: 'device.report', deviceId: TOKEN_DEVICE, data: { brightness: 77 } })
    await expect.poll(() => values.textContent()).toContain('77 %')
  })

  it('says why a malformed and an expired signed payload cannot be used, and binds nothing', async () => {
    await app.page.getByTestId('add-another').click()
    await pick(PRODUCT_IDS.camera, 'Kitchen', 'signature')
    const area = app.page.getByTestId('signature-payload')
    const problem = app.page.getByTestId('signature-problem')
    await area.fill('{"ProductId":"CAM9V4N7ZE","DeviceName":"cam_e2e_signed"')
    await area.press('Enter')
    await expect.poll(() => problem.textContent()).toContain('This is not a signed payload')
    const stale = await device({ command: 'device.signPayload', deviceId: SIGNED_DEVICE, ageSeconds: 900 })
    await area.fill(String(stale.payload))
    await area.press('Enter')
    await expect.poll(() => problem.textContent()).toMatch(/This payload has expired: the device signed it 9\d\d s ago/)
    // The same reason in Chinese.
    await app.page.getByTestId('language-switch').click()
    await app.page.getByTestId('language-zh-CN').click()
    await area.press('Enter')
    await expect.poll(() => problem.textContent()).toMatch(/签名数据已过期：设备在 9\d\d 秒前签名/)
    await app.page.getByTestId('language-switch').click()
    await app.page.getByTestId('language-en').click()
    expect(world().devices.has(SIGNED_DEVICE)).toBe(false)
    const audit = await app.desk.dispatch('audit.list', { action: 'AppSigBindDeviceInFamily' })
    expect(audit).toMatchObject({ ok: true, result: { entries: [] } })
  })

  it('binds a camera by the payload it prints, as a barcode scanner types it', async () => {
    const printed = await device({ command: 'device.signPayload', deviceId: SIGNED_DEVICE })
    const area = app.page.getByTestId('signature-payload')
    await area.fill('')
    await area.pressSequentially(String(printed.payload), { delay: 0 })
    await area.press('Enter')
    await expectLiveInRoom(SIGNED_DEVICE, 'Kitchen')
  })

  it('adds a sub-device waiting on a gateway and places it in its room', async () => {
    await app.page.getByTestId('add-another').click()
    await pick(PRODUCT_IDS.sensor, 'Study')
    const gateway = world().devicesIn(familyId).find((d) => d.deviceType === 1 && d.online)!
    await choose('gateway-select', gateway.aliasName || gateway.deviceName)
    const waiting = `${PRODUCT_IDS.sensor}/th_${gateway.deviceName}_new1`
    const item = app.page.locator(`[data-testid="gateway-sub-device"][data-device-id="${waiting}"]`)
    await item.getByTestId('gateway-add').click()
    await expectLiveInRoom(waiting, 'Study')
    await expect.poll(() => boundRow(waiting).getByTestId('bound-values').textContent()).toContain('°C')
  })

  it('shows every added device in its room on the Home page', async () => {
    await navigate(app.page, `#/families/${familyId}/home`)
    for (const [deviceId, room] of [[TOKEN_DEVICE, 'Bedroom'], [SIGNED_DEVICE, 'Kitchen'], [`${PRODUCT_IDS.sensor}/`, 'Study']] as const) {
      const card = app.page.locator(`[data-testid="room-card"][data-room-id="${roomNamed(room)}"]`)
      await card.locator(`[data-device-id^="${deviceId}"]`).first().waitFor()
    }
  })

  it('has no critical or serious accessibility violation, in the light and the dark theme', { timeout: 40_000 }, async () => {
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: theme })
      await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
      await navigate(app.page, '#/families')
      await app.page.getByTestId('family-row').first().waitFor()
      await navigate(app.page, `#/families/${familyId}/add-device`)
      await app.page.getByTestId('product-step').waitFor()
      for (const v of await seriousViolations(app.page, '[data-testid="add-device-page"]')) found.push(`${theme} step 1 ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
      await pick(PRODUCT_IDS.light, 'Bedroom', 'token')
      await app.page.getByTestId('token-create').click()
      await app.page.getByTestId('token-qr').waitFor()
      for (const v of await seriousViolations(app.page, '[data-testid="add-device-page"]')) found.push(`${theme} token ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
    }
    expect(found).toEqual([])
  })
})
