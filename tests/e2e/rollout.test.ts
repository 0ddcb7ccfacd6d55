import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, PRODUCT_IDS, type Device } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * Firmware upgrades as support staff run them, in Chromium on browser mode against a sandbox
 * whose upgrades take a fraction of a second: one device from its firmware page, then a
 * two-wave rollout of one product, watched to its end on the board, whose CSV report is
 * checked against the sandbox's own record of what it was sent and what devices now run.
 */

/** The engine's polls and waits shortened to the sandbox's compressed upgrades. */
const FAST = { pollMs: 150, retryDelayMs: 100, reconcileDelayMs: 200, waitPollMs: 150, progressMs: 100, onlineFreshMs: 2_000 }

/** A minimal RFC 4180 reader: the report quotes cells with commas, quotes or line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endCell = () => {
    row.push(cell)
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      cell += c
    } else if (c === ',') {
      endCell()
    } else if (c === '\n') {
      endCell()
      rows.push(row)
      row = []
    }
  }
  const [header, ...body] = rows
  return body.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])))
}

describe('firmware upgrades', () => {
  let app: RunningApp
  /** The devices of the homes the demo account administers (only those may be upgraded by it). */
  const demoDevices = (): Device[] =>
    app.sandbox.world
      .familiesOf(DEMO_ACCOUNT.userId)
      .filter(({ role }) => role === 1)
      .flatMap(({ family }) => [...app.sandbox.world.devicesIn(family.familyId)])
  const memberHome = () => app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).find(({ role }) => role === 0)!.family
  const newest = (productId: string) => app.sandbox.ota.firmwareOf(productId).at(-1)!.version
  const open = (hash: string) => navigate(app.page, hash)

  /** An Element Plus input by its test id (on the input itself or on its wrapper). */
  const field = (id: string) => app.page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first()

  beforeAll(async () => {
    app = await startApp({ sandbox: { devices: 40, otaDurationMs: 600 }, desk: { rollout: FAST } })
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('one device: shows current and available version, upgrades after confirmation and ends on the new version', { timeout: 60_000 }, async () => {
    const device = demoDevices().find((d) => d.deviceType === 0 && d.online && app.sandbox.ota.versionOf(d.deviceId) !== newest(d.productId))!
    expect(device).toBeDefined()
    const before = app.sandbox.ota.versionOf(device.deviceId)!
    const target = newest(device.productId)
    await open(`/families/${device.familyId}/devices/${encodeURIComponent(device.deviceId)}/firmware`)

    const page = app.page
    await expect.poll(() => page.getByTestId('fw-current').getAttribute('data-version')).toBe(before)
    expect(await page.getByTestId('fw-available').getAttribute('data-version')).toBe(target)
    expect(await page.getByTestId('fw-current').textContent()).toContain(before)
    expect(await page.getByTestId('fw-available').textContent()).toContain(target)
    expect(await page.getByTestId('fw-details').textContent()).toContain(app.sandbox.ota.firmwareOf(device.productId).at(-1)!.md5)

    // Nothing is sent before the user confirms.
    await page.getByTestId('fw-upgrade').click()
    await page.getByTestId('fw-confirm').waitFor()
    expect(app.sandbox.ota.publishesOf(device.deviceId)).toHaveLength(0)
    await page.getByTestId('fw-confirm').click()

    await expect.poll(() => page.getByTestId('fw-now-on').getAttribute('data-version'), { timeout: 20_000 }).toBe(target)
    expect(await page.getByTestId('fw-now-on').textContent()).toContain(`Now on ${target}`)
    expect(app.sandbox.ota.versionOf(device.deviceId)).toBe(target)
    expect(app.sandbox.ota.publishesOf(device.deviceId)).toHaveLength(1)
    // The page asked the cloud again: the device's current version is the new one, nothing newer on offer.
    await expect.poll(() => page.getByTestId('fw-current').getAttribute('data-version')).toBe(target)
    expect(await page.getByTestId('fw-available').getAttribute('data-version')).toBe('')
    expect(await page.getByTestId('fw-current').textContent()).toContain(target)
    expect(await page.getByTestId('fw-available').textContent()).toContain('No newer firmware')
    expect(await page.getByTestId('fw-status-words').textContent()).toContain('Update completed')
  })

  it('plans a two-wave rollout of one product, watches it finish and downloads a report the sandbox confirms', { timeout: 90_000 }, async () => {
    const page = app.page
    const lights = demoDevices().filter((d) => d.productId === PRODUCT_IDS.light)
    const eligible = lights.filter((d) => app.sandbox.ota.versionOf(d.deviceId) !== newest(PRODUCT_IDS.light))
    expect(eligible.length).toBeGreaterThan(2)
    const sentBefore = new Set(app.sandbox.ota.allPublishes().keys())

    await page.getByTestId('nav-rollouts').click()
    await page.getByTestId('rollouts-page').waitFor()
    await page.getByTestId('rollout-new').click()
    await page.getByTestId('plan-preview').waitFor({ timeout: 30_000 })
    // No home is being worked in: every home the account administers, and the member home said to be left out.
    const adminHomes = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).filter(({ role }) => role === 1).map(({ family }) => `'${family.name}'`)
    expect((await page.getByTestId('plan-scope').textContent())?.trim()).toBe(`Every home where you may upgrade: ${adminHomes.sort().join(', ')}`)
    const cottage = memberHome()
    const cottageCount = app.sandbox.world.devicesIn(cottage.familyId).length
    expect((await page.getByTestId('plan-left-out-home').textContent())?.trim()).toBe(`${cottageCount} devices in '${cottage.name}' left out: you are a member there`)

    // One product, chosen the way a user does.
    await page.getByTestId('plan-product').click()
    await page.locator('.el-select-dropdown__item', { hasText: 'Smart Light' }).click()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('plan-preview').getAttribute('data-upgradable')).toBe(String(eligible.length))

    // A canary of one, then everyone else: two waves, sized as the engine will run them.
    await field('plan-name').fill('Lights e2e')
    await field('plan-steps').fill('100')
    await expect.poll(() => page.getByTestId('plan-wave').evaluateAll((els) => els.map((el) => el.getAttribute('data-size')))).toEqual(['1', String(eligible.length - 1)])
    expect(await page.getByTestId('plan-scope').textContent()).toContain('only Smart Light')
    await page.getByTestId('plan-create-start').click()

    // Nothing starts before the user has read what it acts on and confirmed.
    const confirm = page.locator('.el-message-box')
    await confirm.getByTestId('plan-confirm').waitFor()
    const homesOfLights = [...new Set(eligible.map((d) => d.familyId))].map((id) => app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).find((f) => f.family.familyId === id)!.family.name)
    const scopeLine = (await confirm.getByTestId('plan-confirm-scope').textContent())!
    expect(scopeLine).toMatch(new RegExp(`^Upgrade ${eligible.length} devices in `))
    for (const home of homesOfLights) expect(scopeLine).toContain(`'${home}'`)
    expect(scopeLine).not.toContain(cottage.name)
    expect(await confirm.getByTestId('plan-confirm-targets').textContent()).toBe(`Smart Light to ${newest(PRODUCT_IDS.light)} (${eligible.length} devices)`)
    expect(await confirm.getByTestId('plan-confirm-wave').textContent()).toBe('The first wave upgrades 1 device at once.')
    expect(await confirm.getByTestId('plan-confirm-left-out').textContent()).toContain(`in '${cottage.name}' left out`)
    expect([...app.sandbox.ota.allPublishes().keys()].filter((id) => !sentBefore.has(id))).toEqual([])
    await confirm.getByRole('button', { name: `Start upgrading ${eligible.length} devices` }).click()

    const board = page.getByTestId('rollout-board')
    await board.waitFor()

    // A look at the device list of a home with such lights while the rollout runs, then back to the board.
    const boardHash = new URL(page.url()).hash
    const home = (eligible.find((d) => app.sandbox.world.isOnline(d.deviceId)) ?? eligible[0]!).familyId
    const listed = eligible.filter((d) => d.familyId === home)
    const versionCell = (deviceId: string) => page.locator(`[data-testid="device-row"][data-device-id="${deviceId}"] [data-testid="device-version"]`)
    await open(`/families/${home}/devices`)
    for (const d of listed) await expect.poll(() => versionCell(d.deviceId).textContent(), { timeout: 20_000 }).toMatch(/^\d/)
    await open(boardHash)
    await board.waitFor()
    await expect.poll(() => board.getAttribute('data-state'), { timeout: 45_000 }).toBe('completed')
    await expect.poll(() => page.getByTestId('board-wave').count()).toBe(2)
    const waves = await page.getByTestId('board-wave').evaluateAll((els) => els.map((el) => [el.getAttribute('data-size'), el.getAttribute('data-ended')]))
    expect(waves).toEqual([
      ['1', '1'],
      [String(eligible.length - 1), String(eligible.length - 1)],
    ])
    await page.getByTestId('board-completed').waitFor()

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('board-export').click()])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''))

    // Every eligible light has its row, and nothing else does.
    expect(rows.map((r) => r.device_id).sort()).toEqual(eligible.map((d) => d.deviceId).sort())
    expect(rows.filter((r) => r.wave === '1')).toHaveLength(1)
    for (const row of rows) {
      const sent = app.sandbox.ota.publishesOf(row.device_id!)
      expect(row.rollout).toBe('Lights e2e')
      expect(row.target_version).toBe(newest(PRODUCT_IDS.light))
      if (row.state === 'done') {
        // The sandbox was sent exactly this one upgrade, and the device now runs the target.
        expect(sent).toHaveLength(1)
        expect(row.request_id).toBe(sent[0]!.requestId)
        expect(app.sandbox.ota.versionOf(row.device_id!)).toBe(row.target_version)
        expect(row.final_version).toBe(row.target_version)
      } else {
        // Offline at its turn (the plan skips those): never sent anything.
        expect(row).toMatchObject({ state: 'skipped', reason: 'offline' })
        expect(sent).toHaveLength(0)
      }
    }
    // The rollout sent nothing to any device outside the report.
    const published = [...app.sandbox.ota.allPublishes().keys()].filter((id) => !sentBefore.has(id))
    expect(published.sort()).toEqual(rows.filter((r) => r.state === 'done').map((r) => r.device_id).sort())
    expect(rows.filter((r) => r.state === 'done').length).toBeGreaterThan(0)

    // Back on the list (no reload): every light shows the version it now runs, as the board does.
    await page.getByTestId('nav-devices').click()
    await page.waitForURL(new RegExp(`/families/${home}/devices`))
    for (const d of listed) await expect.poll(() => versionCell(d.deviceId).textContent(), { timeout: 10_000 }).toBe(app.sandbox.ota.versionOf(d.deviceId))
    expect(listed.some((d) => app.sandbox.ota.versionOf(d.deviceId) === newest(PRODUCT_IDS.light))).toBe(true)
  })

  it('pauses by itself when the canary fails, says why, and retries the chosen failed device to the end', { timeout: 90_000 }, async () => {
    const page = app.page
    // A selection handed over from the device list: three devices of one product that can upgrade.
    const candidates = demoDevices().filter((d) => d.deviceType === 0 && d.online && d.productId !== PRODUCT_IDS.light && app.sandbox.ota.versionOf(d.deviceId) !== newest(d.productId))
    const product = [...new Set(candidates.map((d) => d.productId))].find((id) => candidates.filter((d) => d.productId === id).length >= 3)
    const chosen = candidates.filter((d) => d.productId === product).slice(0, 3)
    expect(chosen).toHaveLength(3)
    await open(`/rollouts/new?devices=${chosen.map((d) => encodeURIComponent(d.deviceId)).join(',')}`)
    await expect.poll(() => page.getByTestId('plan-preview').getAttribute('data-upgradable'), { timeout: 30_000 }).toBe('3')
    expect(await page.getByTestId('plan-scope').textContent()).toContain('3 devices chosen in the device list')
    await field('plan-name').fill('Threshold e2e')
    await field('plan-steps').fill('100')
    await page.getByTestId('plan-create').click()

    // A draft shows its plan order: the canary is the one device of wave 1. Its upgrade will fail.
    const board = page.getByTestId('rollout-board')
    await expect.poll(() => board.getAttribute('data-state')).toBe('draft')
    const canaryRow = page.getByTestId('board-row').filter({ hasText: 'Canary' })
    const canaryId = (await canaryRow.getByTestId('board-device').getAttribute('data-device-id'))!
    app.sandbox.ota.failNextUpgrade(canaryId)
    await page.getByTestId('board-start').click()

    await expect.poll(() => board.getAttribute('data-state'), { timeout: 30_000 }).toBe('paused')
    const reason = page.getByTestId('board-paused-threshold')
    expect(await reason.textContent()).toContain('Paused by itself: wave 1 failed 100% of its devices, more than the 10% allowed.')
    // Nothing past the canary was sent.
    expect(chosen.filter((d) => d.deviceId !== canaryId).flatMap((d) => app.sandbox.ota.publishesOf(d.deviceId))).toEqual([])

    await canaryRow.locator('.el-checkbox').click()
    await expect.poll(() => page.getByTestId('board-retry').textContent()).toContain('Retry chosen (1)')
    await page.getByTestId('board-retry').click()
    await page.getByTestId('board-resume').click()
    await expect.poll(() => board.getAttribute('data-state'), { timeout: 30_000 }).toBe('completed')
    await page.getByTestId('board-completed').waitFor()
    expect(await page.getByTestId('board-completed').textContent()).toContain('Finished: 3 done, 0 failed, 0 skipped.')
    for (const d of chosen) {
      expect(app.sandbox.ota.versionOf(d.deviceId)).toBe(newest(d.productId))
      expect(app.sandbox.ota.publishesOf(d.deviceId)).toHaveLength(d.deviceId === canaryId ? 2 : 1)
    }
  })

  it('lists the rollout with its state, product and target version', async () => {
    await app.page.getByTestId('nav-rollouts').click()
    const row = app.page.getByTestId('rollout-row').filter({ hasText: 'Lights e2e' })
    await row.waitFor()
    expect(await row.getByTestId('rollout-state').getAttribute('data-state')).toBe('completed')
    expect(await row.textContent()).toMatch(new RegExp(`Smart Light\\s*→ ${newest(PRODUCT_IDS.light).replaceAll('.', '\\.')}`))
  })

  it('opens the planner on the home being worked in, naming it', async () => {
    const page = app.page
    const home = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).find(({ role }) => role === 1)!.family
    await open('/families')
    await page.locator('[data-testid="family-row"]', { hasText: home.name }).first().click()
    await page.getByTestId('device-row').first().waitFor()
    await open('/rollouts/new')
    await page.getByTestId('plan-preview').waitFor({ timeout: 30_000 })
    const count = app.sandbox.world.devicesIn(home.familyId).length
    await expect.poll(async () => (await page.getByTestId('plan-scope').textContent())?.trim()).toBe(`${count} devices in '${home.name}'`)
    expect(await page.getByTestId('plan-left-out').count()).toBe(0)
  })
})
