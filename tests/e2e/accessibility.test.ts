import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OtaCheck, RolloutSummary } from '../../shared/rollout'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { seriousViolations } from '../support/axe'

/**
 * Every page of the app, in the light and the dark theme, checked with axe-core in Chromium
 * on browser mode against the sandbox's demo data: no critical or serious violation (contrast,
 * names of inputs, roles, landmarks), and nothing the page asks for is missing (404).
 */

interface PageCheck {
  name: string
  /** The hash route, computed once the demo data is known. */
  hash: () => string
  /** A selector that exists once the page shows its content. */
  ready: string
  /** What the user does on the page before it is checked (open a tab). */
  then?: () => Promise<void>
}

interface Found {
  page: string
  theme: string
  rule: string
  impact: string
  targets: string[]
}

describe('accessibility', () => {
  let app: RunningApp
  const missing: string[] = []
  const ids = { familyId: '', lightId: '', cameraId: '', rolloutId: '' }
  const enc = encodeURIComponent

  const pages: PageCheck[] = [
    { name: 'families', hash: () => '#/families', ready: '[data-testid="family-row"]' },
    { name: 'home', hash: () => `#/families/${ids.familyId}/home`, ready: '[data-testid="room-device"]' },
    { name: 'overview', hash: () => '#/overview', ready: '[data-testid="overview-online"]' },
    {
      name: 'overview message',
      hash: () => '#/overview',
      ready: '[data-testid="message-open"]',
      then: async () => {
        await app.page.getByTestId('message-open').first().click()
        await app.page.getByTestId('message-content').waitFor()
      },
    },
    { name: 'devices', hash: () => `#/families/${ids.familyId}/devices`, ready: '[data-testid="device-row"]' },
    { name: 'device', hash: () => `#/families/${ids.familyId}/devices/${enc(ids.lightId)}`, ready: '[data-testid="property-row"]' },
    {
      name: 'device actions',
      hash: () => `#/families/${ids.familyId}/devices/${enc(ids.lightId)}`,
      ready: '[data-testid="property-row"]',
      then: async () => {
        await app.page.getByRole('tab', { name: 'Actions' }).click()
        await app.page.getByTestId('action-card').first().waitFor()
      },
    },
    { name: 'history', hash: () => `#/history?familyId=${ids.familyId}&devices=${enc(ids.lightId)}`, ready: '[data-testid="history-chart"]' },
    { name: 'recordings', hash: () => `#/families/${ids.familyId}/devices/${enc(ids.cameraId)}/recordings`, ready: '[data-testid="recordings-summary"]' },
    { name: 'firmware', hash: () => `#/families/${ids.familyId}/devices/${enc(ids.lightId)}/firmware`, ready: '[data-testid="fw-current"]' },
    { name: 'rollouts', hash: () => '#/rollouts', ready: '[data-testid="rollout-row"]' },
    { name: 'rollout plan', hash: () => `#/rollouts/new?familyId=${ids.familyId}`, ready: '[data-testid="plan-preview"]' },
    { name: 'rollout board', hash: () => `#/rollouts/${enc(ids.rolloutId)}`, ready: '[data-testid="rollout-board"][data-state]' },
    { name: 'API console', hash: () => '#/console', ready: '[data-testid="console-action"]' },
    { name: 'audit log', hash: () => '#/audit', ready: '[data-testid="audit-row"]' },
    { name: 'settings', hash: () => '#/settings', ready: '[data-testid="settings-data-dir"]' },
  ]

  async function violations(page: string, theme: string): Promise<Found[]> {
    return (await seriousViolations(app.page)).map((v) => ({ page, theme, ...v }))
  }

  async function setTheme(theme: 'light' | 'dark'): Promise<void> {
    await app.page.emulateMedia({ colorScheme: theme })
    await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
  }

  beforeAll(async () => {
    app = await startApp()
    app.page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`)
    })
    const { world } = app.sandbox
    const { family } = world.familiesOf(DEMO_ACCOUNT.userId).find(({ family }) =>
      world.devicesIn(family.familyId).some((d) => world.products.get(d.productId)?.kind === 'camera' && d.properties.get('record_enable')?.value === 1),
    )!
    const devices = world.devicesIn(family.familyId)
    ids.familyId = family.familyId
    ids.lightId = devices.find((d) => d.productId === PRODUCT_IDS.light && d.online)!.deviceId
    ids.cameraId = devices.find((d) => world.products.get(d.productId)?.kind === 'camera' && d.properties.get('record_enable')?.value === 1)!.deviceId
  })
  afterAll(async () => {
    await app?.close()
  })

  it('finds no serious violation on the sign-in page, in either theme', async () => {
    await app.page.getByTestId('signin-submit').waitFor()
    const found = [...(await violations('sign-in', 'light'))]
    await setTheme('dark')
    found.push(...(await violations('sign-in', 'dark')))
    await setTheme('light')
    expect(found).toEqual([])
  })

  /** Signs in once and starts a one-device upgrade, so the rollout pages have something to show. */
  async function signInWithRollout(): Promise<void> {
    if (ids.rolloutId) return
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const check = await app.desk.dispatch('ota.check', { deviceId: ids.lightId })
    if (!check.ok) throw new Error(JSON.stringify(check.error))
    const started = await app.desk.dispatch('ota.upgradeDevice', { deviceId: ids.lightId, targetVersion: (check.result as OtaCheck).targetVersion })
    if (!started.ok) throw new Error(JSON.stringify(started.error))
    ids.rolloutId = (started.result as RolloutSummary).rolloutId
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`finds no serious violation on any page in the ${theme} theme`, { timeout: 240_000 }, async () => {
      await signInWithRollout()
      await setTheme(theme)
      const found: Found[] = []
      for (const page of pages) {
        await navigate(app.page, page.hash())
        await app.page.locator(page.ready).first().waitFor({ timeout: 30_000 })
        await page.then?.()
        found.push(...(await violations(page.name, theme)))
      }
      expect(found).toEqual([])
    })
  }

  it('serves every file the pages asked for, the app icon included', async () => {
    expect(await app.page.locator('link[rel="icon"]').count()).toBe(1)
    const icon = await app.page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href
      const response = await fetch(href)
      return { status: response.status, type: response.headers.get('content-type') }
    })
    expect(icon).toEqual({ status: 200, type: expect.stringContaining('image/') })
    expect(missing).toEqual([])
  })
})
