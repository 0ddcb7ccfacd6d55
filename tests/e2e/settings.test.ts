import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage } from '../../shared/domain'
import type { HistoryCacheStats } from '../../shared/history'
import type { SettingsView } from '../../shared/contracts/settings'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { seriousViolations } from '../support/axe'
import { unzip } from '../support/unzip'
import { readFileSync } from 'node:fs'

/** The Settings page in browser mode: each choice reaches the core, and clearing the cache keeps the audit log. */
describe('settings page', () => {
  let app: RunningApp
  let lightId = ''

  async function core<T>(command: string, args: unknown = {}): Promise<T> {
    const result = await app.desk.dispatch(command, args)
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    return result.result as T
  }
  const settings = async () => (await core<SettingsView>('settings.get')).settings

  beforeAll(async () => {
    app = await startApp({ locale: 'en-US' })
    const { world } = app.sandbox
    const { family } = world.familiesOf(DEMO_ACCOUNT.userId)[0]!
    lightId = world.devicesIn(family.familyId).find((d) => d.productId === PRODUCT_IDS.light)!.deviceId
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    // An audited change and some cached history, for the cache-clearing check.
    await core('device.rename', { deviceId: lightId, aliasName: 'Hall light' })
    const now = Date.now()
    await core('history.fetch', { deviceId: lightId, properties: ['power_switch'], fromMs: now - 6 * 3600_000, toMs: now })
    await app.page.getByTestId('nav-settings').click()
    await app.page.getByTestId('settings-page').waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the data folder and says a browser cannot open it', async () => {
    const dataDir = (await core<SettingsView>('settings.get')).dataDir
    await expect.poll(() => app.page.getByTestId('settings-data-dir').inputValue()).toBe(dataDir)
    expect(await app.page.getByTestId('settings-open-folder').count()).toBe(0)
    expect(await app.page.getByTestId('settings-cannot-open').textContent()).toContain('copy the path')
  })

  it('changes the language and the theme, and the core keeps both', async () => {
    await app.page.getByTestId('settings-language-zh-CN').click()
    await expect.poll(() => app.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    await expect.poll(() => app.page.getByTestId('nav-settings').textContent()).toContain('设置')
    await expect.poll(async () => (await settings()).language).toBe('zh-CN')

    await app.page.getByTestId('settings-theme-dark').click()
    await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    await expect.poll(async () => (await settings()).theme).toBe('dark')

    await app.page.getByTestId('settings-language-en').click()
    await app.page.getByTestId('settings-theme-light').click()
    await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false)
    await expect.poll(async () => (await settings()).language).toBe('en')
  })

  it('sets a manual proxy (refusing an address with a password) and clears it again', async () => {
    await app.page.getByTestId('settings-proxy-manual').click()
    const url = app.page.getByTestId('settings-proxy-url')
    await url.fill('http://user:pw@proxy.example:3128')
    expect(await app.page.getByTestId('settings-proxy-save').isDisabled()).toBe(true)
    expect(await app.page.getByTestId('settings-proxy-hint').textContent()).toContain('without a user name or password')
    await url.fill('http://proxy.example:3128')
    await url.press('Enter')
    await expect.poll(async () => (await settings()).proxy).toEqual({ mode: 'manual', url: 'http://proxy.example:3128' })

    await app.page.getByTestId('settings-proxy-none').click()
    await expect.poll(async () => (await settings()).proxy).toEqual({ mode: 'none' })
  })

  it('clears the local cache and keeps every audit entry', async () => {
    const auditBefore = await core<AuditPage>('audit.list', {})
    expect(auditBefore.total).toBeGreaterThan(0)
    expect((await core<HistoryCacheStats>('history.cacheStats')).points).toBeGreaterThan(0)

    await app.page.getByTestId('settings-clear-cache').click()
    await app.page.locator('.el-message-box').getByRole('button', { name: 'Clear' }).click()
    await app.page.getByText(/Cache cleared: \d+ points removed/).waitFor()

    expect((await core<HistoryCacheStats>('history.cacheStats')).points).toBe(0)
    const auditAfter = await core<AuditPage>('audit.list', {})
    expect(auditAfter.total).toBe(auditBefore.total)
    expect(auditAfter.entries.map((e) => e.requestId)).toEqual(auditBefore.entries.map((e) => e.requestId))
  })

  it('lists the support bundle before the page downloads it (Help → Support bundle)', async () => {
    await app.page.getByTestId('help-menu').click()
    await app.page.getByTestId('help-support-bundle').click()
    const dialog = app.page.getByTestId('support-bundle-dialog')
    await dialog.getByText('audit.json').waitFor()
    expect(await dialog.textContent()).toContain('audit log entries')
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('support-bundle-save').click()])
    expect(download.suggestedFilename()).toMatch(/^explorer-desk-support-.*\.zip$/)
    const files = await unzip(readFileSync((await download.path())!))
    expect(JSON.parse(files.get('audit.json')!.toString('utf8'))).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'AppUpdateDeviceInFamily' })]))
  })

  it('has no serious accessibility violation in either theme', async () => {
    await navigate(app.page, '#/settings')
    await app.page.getByTestId('settings-proxy-manual').click()
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: theme })
      await app.page.getByTestId('settings-theme').getByText(/Follow system/).click()
      await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
      for (const v of await seriousViolations(app.page)) found.push(`${theme} ${v.rule}: ${v.targets.join(', ')}`)
    }
    expect(found).toEqual([])
  })
})
