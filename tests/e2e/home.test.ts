import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { seriousViolations } from '../support/axe'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/**
 * Setting a home up in Chromium against the sandbox: rooms and moves (drag and drop and
 * keyboard), inviting the neighbour, sharing a device with him and revoking it. The
 * neighbour works on a second desk signed in to the same sandbox, so what he sees is checked
 * as he would see it.
 */
describe('the Home page', () => {
  let app: RunningApp
  let neighbour: DeskUnderTest
  let familyId = ''
  let roomId = ''
  const moved: string[] = []
  const ROOM = 'Workshop'

  const device = (deviceId: string) => app.page.locator(`[data-testid="room-device"][data-device-id="${deviceId}"]`)
  const room = (id: string) => app.page.locator(`[data-testid="room-card"][data-room-id="${id}"]`)
  /** Element Plus puts a test id on the input itself or on its wrapper, depending on the component. */
  const input = (id: string) => app.page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`)
  const worldRoomOf = (deviceId: string) => app.sandbox.world.devices.get(deviceId)?.roomId

  beforeAll(async () => {
    app = await startApp()
    neighbour = await deskOnSandbox({ sharedSandbox: app.sandbox })
    await neighbour.signInAs(NEIGHBOUR_ACCOUNT)
    const { world } = app.sandbox
    familyId = world.familiesOf(DEMO_ACCOUNT.userId).find(({ family, role }) => role === 1 && world.devicesIn(family.familyId).length >= 4)!.family.familyId
    await signInAsDemo(app.page)
  }, 60_000)
  afterAll(async () => {
    await neighbour?.close()
    await app?.close()
  })

  it('opens from the Families page', async () => {
    await app.page.locator(`[data-testid="family-row"][data-family-id="${familyId}"] [data-testid="family-home"]`).click()
    await app.page.getByTestId('room-card').first().waitFor()
    expect(await app.page.getByTestId('home-name').textContent()).toBe(app.sandbox.world.families.get(familyId)!.name)
  })

  it('creates a room, and moves two devices into it by drag and drop and one by keyboard', { timeout: 60_000 }, async () => {
    await input('new-room-name').fill(ROOM)
    await app.page.getByTestId('new-room-add').click()
    await expect.poll(() => app.sandbox.world.roomsOf(familyId).find((r) => r.name === ROOM)?.roomId).toBeTruthy()
    roomId = app.sandbox.world.roomsOf(familyId).find((r) => r.name === ROOM)!.roomId
    await room(roomId).waitFor()
    moved.push(...app.sandbox.world.devicesIn(familyId).slice(0, 3).map((d) => d.deviceId))

    for (const id of moved.slice(0, 2)) {
      await device(id).dragTo(room(roomId))
      await expect.poll(() => worldRoomOf(id)).toBe(roomId)
      await room(roomId).locator(`[data-device-id="${id}"]`).waitFor()
    }

    const third = device(moved[2]!)
    await third.focus()
    await app.page.keyboard.press('Space')
    const announcement = app.page.getByTestId('room-announcement')
    for (let i = 0; i < 50 && !(await announcement.textContent())?.includes(`Target: ${ROOM}.`); i++) await app.page.keyboard.press('ArrowRight')
    await app.page.keyboard.press('Enter')
    await expect.poll(() => worldRoomOf(moved[2]!)).toBe(roomId)
    await room(roomId).locator(`[data-device-id="${moved[2]}"]`).waitFor()
    // Focus follows the device into its new room, so the next move can start from there.
    await expect.poll(() => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.deviceId)).toBe(moved[2])
    expect(await room(roomId).getByTestId('room-device').count()).toBe(3)
  })

  it('refuses a member already in the home, then invites the neighbour, who joins and sees the home', async () => {
    const contact = input('invite-contact')
    await contact.fill(DEMO_ACCOUNT.userId)
    await app.page.getByTestId('invite-submit').click()
    await app.page.getByTestId('invite-problem').waitFor()
    await contact.fill(NEIGHBOUR_ACCOUNT.userId)
    await app.page.getByTestId('invite-submit').click()
    const invitation = () =>
      app.sandbox.world.messages.find((m) => m.userId === NEIGHBOUR_ACCOUNT.userId && m.familyId === familyId && m.attachments?.ShareToken)
    await expect.poll(() => Boolean(invitation())).toBe(true)
    await neighbour.run('members.join', { shareToken: String(invitation()!.attachments!.ShareToken) })
    expect((await neighbour.run('families.list')).map((f) => f.familyId)).toContain(familyId)
    await neighbour.run('members.leave', { familyId })
  })

  it('shares a device with a share code; the neighbour takes it, and loses it when access is revoked', { timeout: 60_000 }, async () => {
    const shared = app.sandbox.world.devicesIn(familyId)[3]!
    await app.page.getByTestId('share-device').click()
    await app.page.getByTestId(`share-device-${shared.deviceId}`).click()
    await app.page.getByTestId('share-submit').click()
    const token = (await app.page.getByTestId('share-token').textContent())!.trim()
    expect(await app.page.getByTestId('share-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    expect(await app.page.getByTestId('share-link').textContent()).toContain(token)

    await neighbour.run('sharing.accept', { token, deviceId: shared.deviceId })
    expect((await neighbour.run('sharing.received')).map((d) => d.deviceId)).toContain(shared.deviceId)

    await app.page.getByTestId('shares-refresh').click()
    const row = app.page.locator(`[data-testid="share-row"][data-device-id="${shared.deviceId}"][data-user-id="${NEIGHBOUR_ACCOUNT.userId}"]`)
    await row.getByTestId('share-revoke').click()
    const confirm = app.page.locator('.el-message-box')
    expect(await confirm.textContent()).toContain(app.sandbox.world.families.get(familyId)!.name)
    await confirm.getByRole('button', { name: 'Revoke' }).click()
    await row.waitFor({ state: 'detached' })
    expect((await neighbour.run('sharing.received')).map((d) => d.deviceId)).not.toContain(shared.deviceId)
  })

  it('has no critical or serious accessibility violation, in the light and the dark theme', async () => {
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: theme })
      await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
      // Opened afresh in the theme, as accessibility.test.ts does: mid-fade colours are neither theme's.
      await navigate(app.page, '#/families')
      await app.page.getByTestId('family-row').first().waitFor()
      await navigate(app.page, `#/families/${familyId}/home`)
      await app.page.getByTestId('room-device').first().waitFor()
      for (const v of await seriousViolations(app.page, '[data-testid="home-page"]')) found.push(`${theme} ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
    }
    expect(found).toEqual([])
  })

  it('creates a home from the Families page, renames it, and deletes it once its name is typed', { timeout: 60_000 }, async () => {
    const { world } = app.sandbox
    const mine = () => world.familiesOf(DEMO_ACCOUNT.userId).map(({ family }) => family)
    await app.page.getByTestId('nav-families').click()
    await app.page.getByTestId('home-create').click()
    await input('new-home-name').fill('Flat 3B')
    await app.page.getByTestId('new-home-save').click()
    await expect.poll(() => mine().some((f) => f.name === 'Flat 3B')).toBe(true)
    const created = mine().find((f) => f.name === 'Flat 3B')!.familyId
    await expect.poll(() => app.page.getByTestId('home-name').textContent()).toBe('Flat 3B')

    await app.page.getByTestId('home-rename').click()
    await input('home-name-input').fill('Flat 3C')
    await app.page.getByTestId('home-rename-save').click()
    await expect.poll(() => world.families.get(created)?.name).toBe('Flat 3C')

    await app.page.getByTestId('home-delete').click()
    await input('home-delete-name').fill('Flat 3B')
    await app.page.getByTestId('home-delete-confirm').click()
    await app.page.getByTestId('home-problem').waitFor()
    expect(world.families.has(created)).toBe(true)
    await input('home-delete-name').fill('Flat 3C')
    await app.page.getByTestId('home-delete-confirm').click()
    await app.page.getByTestId('families-page').waitFor()
    expect(world.families.has(created)).toBe(false)
  })
})
