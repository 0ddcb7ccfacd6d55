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
    familyId = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family.familyId
    await goTo('#/console')
    await app.page.getByTestId('api-console').waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('calls a reading action and shows its answer with the RequestId', async () => {
    await pick('AppGetRoomList')
    // The family being worked on is pre-filled.
    await expect.poll(() => app.page.getByTestId('console-input-FamilyId').inputValue()).toBe(familyId)
    await app.page.getByTestId('console-send').click()
    const result = app.page.getByTestId('console-result')
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('ok')
    expect((await app.page.getByTestId('console-request-id').textContent())?.trim()).toMatch(/\S{8,}/)
    const rooms = app.sandbox.world.roomsOf(familyId)
    expect(await app.page.getByTestId('console-response').textContent()).toContain(rooms[0]!.name)
    await expect.poll(() => app.page.getByTestId('console-history-item').count()).toBe(1)
  })

  it('shows a refused call with its code and RequestId', async () => {
    await app.page.getByTestId('console-input-FamilyId').fill('no-such-family')
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
})
