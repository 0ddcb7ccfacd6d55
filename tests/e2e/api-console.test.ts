import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * Support staff in the API console, in Chromium: a reading call shows its RequestId; a
 * changing call asks first, happens in the cloud, and shows up in the audit log.
 */
describe('API console', () => {
  let app: RunningApp
  let familyId: string
  let familyName: string

  async function pick(action: string): Promise<void> {
    await app.page.getByTestId('console-search').fill(action)
    await app.page.locator(`[data-testid="console-action"][data-action="${action}"]`).click()
    await app.page.getByTestId('console-form').waitFor()
  }

  const goTo = (hash: string) => navigate(app.page, hash)

  beforeAll(async () => {
    app = await startApp()
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().click()
    await app.page.getByTestId('device-row').first().waitFor()
    const home = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
    familyId = home.familyId
    familyName = home.name
    await goTo('#/console')
    await app.page.getByTestId('api-console').waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('calls a reading action and shows its answer with the RequestId', async () => {
    await pick('AppGetRoomList')
    // The family being worked on is pre-filled, and named beside its id.
    await expect.poll(() => app.page.getByTestId('console-input-FamilyId').inputValue()).toBe(familyId)
    await expect.poll(() => app.page.getByTestId('console-name-FamilyId').textContent()).toBe(familyName)
    await app.page.getByTestId('console-send').click()
    const result = app.page.getByTestId('console-result')
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('ok')
    expect((await app.page.getByTestId('console-request-id').textContent())?.trim()).toMatch(/\S{8,}/)
    const rooms = app.sandbox.world.roomsOf(familyId)
    expect(await app.page.getByTestId('console-response').textContent()).toContain(rooms[0]!.name)
    await expect.poll(() => app.page.getByTestId('console-history-item').count()).toBe(1)
  })

  it('shows a refused call with its code and RequestId', async () => {
    // An id can still be typed; one that is not the account's is said to be so.
    await app.page.getByTestId('console-input-FamilyId').fill('no-such-family')
    await expect.poll(async () => (await app.page.getByTestId('console-name-FamilyId').textContent())?.trim()).toBe('Not one of yours')
    await app.page.getByTestId('console-send').click()
    await expect.poll(() => app.page.getByTestId('console-result').getAttribute('data-outcome')).toBe('error')
    expect(await app.page.getByTestId('error-code').textContent()).toMatch(/\S/)
    expect((await app.page.getByTestId('error-request-id').textContent())?.trim()).toMatch(/\S{8,}/)
  })

  it('asks before a changing call, makes it, and the audit log records it', async () => {
    await pick('AppCreateRoom')
    await app.page.getByTestId('console-input-Name').fill('Console room')
    await app.page.getByTestId('console-input-Name').press('Enter')
    const dialog = app.page.locator('.el-message-box')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('AppCreateRoom')
    // It names the home it acts in, not just its id.
    expect(await dialog.getByTestId('console-confirm').textContent()).toContain(`Send AppCreateRoom in '${familyName}'?`)
    expect(app.sandbox.world.roomsOf(familyId).some((r) => r.name === 'Console room')).toBe(false)
    await dialog.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => app.page.getByTestId('console-result').getAttribute('data-outcome')).toBe('ok')
    expect(app.sandbox.world.roomsOf(familyId).some((r) => r.name === 'Console room')).toBe(true)
    const requestId = (await app.page.getByTestId('console-request-id').textContent())!.trim()

    await goTo('#/audit')
    const row = app.page.locator(`[data-testid="audit-row"][data-request-id="${requestId}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('AppCreateRoom')
    expect(await row.getAttribute('data-outcome')).toBe('ok')
  })

  it('keeps the session history when coming back, and re-opens a call', async () => {
    await goTo('#/console')
    const items = app.page.getByTestId('console-history-item')
    await expect.poll(() => items.count()).toBe(3)
    await items.last().getByTestId('console-reopen').click()
    await expect.poll(() => app.page.getByTestId('console-result').getAttribute('data-outcome')).toBe('ok')
    await expect.poll(() => app.page.getByTestId('console-input-FamilyId').inputValue()).toBe(familyId)
  })

  it('cancelling the confirmation sends nothing', async () => {
    const before = app.sandbox.world.roomsOf(familyId).length
    await pick('AppCreateRoom')
    await app.page.getByTestId('console-input-Name').fill('Never made')
    await app.page.getByTestId('console-send').click()
    const dialog = app.page.locator('.el-message-box')
    await dialog.waitFor()
    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(app.sandbox.world.roomsOf(familyId).length).toBe(before)
    await expect.poll(() => app.page.getByTestId('console-history-item').count()).toBe(3)
  })

  it('picks a device by name, names it and its home before controlling it, and the audit log finds it by name', async () => {
    const lamp = app.sandbox.world.devicesIn(familyId).find((d) => app.sandbox.world.products.get(d.productId)?.kind === 'light' && d.aliasName)!
    await pick('AppControlDeviceData')
    const nameField = app.page.getByTestId('console-input-DeviceName')
    await nameField.fill('')
    await nameField.fill(lamp.aliasName.slice(0, 6))
    const option = app.page.locator(`[data-testid="console-option-DeviceName"][data-value="${lamp.deviceName}"]`).first()
    await option.waitFor()
    expect(await option.textContent()).toContain(lamp.deviceName)
    await option.click()
    await expect.poll(() => app.page.getByTestId('console-input-ProductId').inputValue()).toBe(lamp.productId)
    expect(await nameField.inputValue()).toBe(lamp.deviceName)
    expect(await app.page.getByTestId('console-name-DeviceName').textContent()).toBe(lamp.aliasName)
    await app.page.getByTestId('console-input-Data').fill('{"power_switch":1}')
    await app.page.getByTestId('console-send').click()

    const dialog = app.page.locator('.el-message-box')
    await dialog.waitFor()
    const question = (await dialog.getByTestId('console-confirm').textContent())!
    expect(question).toContain(`Send AppControlDeviceData in '${familyName}'?`)
    expect(question).toContain(`It acts on the device '${lamp.aliasName}' (${lamp.productId}/${lamp.deviceName}).`)
    await dialog.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => app.page.getByTestId('console-result').getAttribute('data-outcome')).toBe('ok')
    const requestId = (await app.page.getByTestId('console-request-id').textContent())!.trim()

    // The audit log: found by any part of the device's name, in any case, with its full parameters.
    await goTo('#/audit')
    await app.page.getByTestId('audit-page').waitFor()
    await app.page.locator('input[data-testid="audit-filter-text"]').fill(lamp.aliasName.slice(1).toUpperCase())
    const row = app.page.locator(`[data-testid="audit-row"][data-request-id="${requestId}"]`)
    await row.waitFor()
    // Only the change to that device matches (the room created before does not).
    await expect.poll(() => app.page.getByTestId('audit-row').count()).toBe(1)
    expect((await row.getByTestId('audit-device').textContent())?.trim()).toBe(lamp.aliasName)
    await row.getByTestId('audit-params-toggle').click()
    const params = app.page.getByTestId('audit-params')
    await params.waitFor()
    expect(JSON.parse((await params.textContent())!)).toEqual({ ProductId: lamp.productId, DeviceName: lamp.deviceName, Data: '{"power_switch":1}' })
    // A part of the action name finds it too.
    await app.page.locator('input[data-testid="audit-filter-text"]').fill('controldevice')
    await row.waitFor()
    await goTo('#/console')
  })
})
