import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandName, CommandResult } from '../../shared/contracts'
import { bindPlaintext, bindSignature, devicePsk, NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type ProductKind } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { seriousViolations } from '../support/axe'
import { pdfHolds, pdfText } from '../support/pdf-text'

const FAST_ROLLOUT = { pollMs: 150, retryDelayMs: 100, reconcileDelayMs: 200, waitPollMs: 150, progressMs: 100, onlineFreshMs: 2_000 }

/**
 * Commissioning a fresh home in Chromium against the sandbox. The setup works as the
 * technician would, through the same core the page uses (so the audit log knows the test
 * controls): a home and a room, devices bound by their signed payloads (AppSigBindDeviceInFamily
 * through the API console's command, as the demo user), one left in no room and all with their
 * factory names; later they are named, placed, test-controlled, upgraded, a camera event
 * recorded, and the neighbour invited.
 */
describe('commissioning a home', () => {
  let app: RunningApp
  let familyId = ''
  let roomId = ''
  const bound: Record<'light' | 'camera' | 'plug', string> = { light: '', camera: '', plug: '' }

  async function run<C extends CommandName>(command: C, args: unknown): Promise<CommandResult<C>> {
    const result = await app.desk.dispatch(command, args)
    if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
    return result.result as CommandResult<C>
  }

  /** The device signs its binding payload with its PSK, as a real one would print it. */
  async function bind(kind: ProductKind, deviceName: string, room: string): Promise<string> {
    const productId = PRODUCT_IDS[kind]
    const deviceTimestamp = Math.floor(app.sandbox.options.clock() / 1000)
    const claim = { productId, deviceName, deviceTimestamp, connId: 'c1' }
    const Signature = bindSignature(devicePsk(app.sandbox.options.seed, `${productId}/${deviceName}`), bindPlaintext('wifi_sign', claim))
    const params = { FamilyId: familyId, RoomId: room, ProductId: productId, DeviceName: deviceName, DeviceTimestamp: deviceTimestamp, ConnId: 'c1', Signature, BindType: 'wifi_sign' }
    await run('api.call', { action: 'AppSigBindDeviceInFamily', params })
    return `${productId}/${deviceName}`
  }

  const item = (kind: string, deviceId: string) => app.page.locator(`[data-testid="check-item"][data-kind="${kind}"][data-device-id="${deviceId}"]`)
  const homeDeviceIds = () => app.sandbox.world.devicesIn(familyId).map((d) => d.deviceId)

  async function openHome(): Promise<void> {
    await navigate(app.page, '#/families')
    await app.page.getByTestId('family-row').first().waitFor()
    await navigate(app.page, `#/families/${familyId}/home`)
    await app.page.getByTestId('checklist-summary').waitFor()
  }

  beforeAll(async () => {
    app = await startApp({ sandbox: { otaDurationMs: 300 }, desk: { rollout: FAST_ROLLOUT } })
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    familyId = (await run('home.create', { name: 'Handover flat', address: 'Main St 1' })).familyId
    roomId = (await run('home.createRoom', { familyId, name: 'Living room' })).roomId
    bound.camera = await bind('camera', 'handover_cam', roomId)
    bound.light = await bind('light', 'handover_light', roomId)
    bound.plug = await bind('plug', 'handover_plug', '')
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('shows what is left on the Home page, each unmet item leading to what fixes it', async () => {
    await openHome()
    expect(await item('named', bound.light).getAttribute('data-status')).toBe('unmet')
    expect(await item('control', bound.light).getAttribute('data-status')).toBe('unmet')
    // A fix on the Home page itself: the plug's tile on the room board takes the focus.
    await item('room', bound.plug).getByTestId('check-fix').click()
    await expect.poll(() => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.deviceId)).toBe(bound.plug)
    // A fix on another page, by keyboard: the light's page, where it is renamed and controlled.
    await item('named', bound.light).getByTestId('check-fix').focus()
    await app.page.keyboard.press('Enter')
    await expect.poll(() => app.page.evaluate(() => location.hash)).toBe(`#/families/${familyId}/devices/${encodeURIComponent(bound.light)}`)
  })

  it('turns fully green once the home is commissioned', { timeout: 60_000 }, async () => {
    await run('home.moveDevice', { familyId, deviceId: bound.plug, roomId })
    const names = { light: 'Ceiling light', camera: 'Door camera', plug: 'Kettle plug' } as const
    for (const kind of ['light', 'camera', 'plug'] as const) await run('device.rename', { deviceId: bound[kind], aliasName: names[kind] })
    await run('device.control', { deviceId: bound.light, values: { power_switch: 1 } })
    await run('device.control', { deviceId: bound.plug, values: { power_switch: 1 } })
    await run('device.control', { deviceId: bound.camera, values: { record_enable: 1 } })
    // A motion event the camera posts is recorded as a clip around it.
    app.sandbox.control.raiseEvent(bound.camera, 'motion_alarm')
    for (const deviceId of Object.values(bound)) {
      const check = await run('ota.check', { deviceId })
      if (check.upgradable) await run('ota.upgradeDevice', { deviceId, targetVersion: check.targetVersion })
    }
    for (const deviceId of Object.values(bound)) await expect.poll(async () => (await run('ota.check', { deviceId })).upgradable, { timeout: 15_000 }).toBe(false)
    await run('members.invite', { familyId, userId: NEIGHBOUR_ACCOUNT.userId })

    await openHome()
    const summary = app.page.getByTestId('checklist-summary')
    // The clip needs a few seconds of recording after the camera was bound: refresh until the cloud has it.
    await expect
      .poll(
        async () => {
          await app.page.getByTestId('checklist-refresh').click()
          await app.page.waitForFunction(() => document.querySelector('[data-testid="checklist"]')?.getAttribute('aria-busy') === 'false')
          return summary.textContent()
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toMatch(/^\s*(\d+) of \1 met\s*$/)
    const statuses = await app.page.getByTestId('check-item').evaluateAll((items) => items.map((i) => `${(i as HTMLElement).dataset.kind} ${(i as HTMLElement).dataset.status}`))
    expect(statuses.filter((s) => !s.endsWith(' met'))).toEqual([])
    // Every rule had something to check: 3 devices × (room, name, online, control, firmware) + the camera's recording + bound + invited.
    expect(statuses).toHaveLength(3 * 5 + 3)
    await app.page.getByTestId('checklist-all-met').waitFor()
  })

  it("saves a report whose PDF holds every device of the home, and only the report", { timeout: 60_000 }, async () => {
    await app.page.getByTestId('handover-open').click()
    await app.page.getByTestId('report-device').first().waitFor()
    expect(await app.page.getByTestId('report-device').count()).toBe(homeDeviceIds().length)
    // Browser mode: the core says to print, and the page opens the browser's print dialog.
    await app.page.evaluate(() => {
      const w = window as unknown as { print: () => void; printed: number }
      w.printed = 0
      w.print = () => (w.printed += 1)
    })
    await app.page.getByTestId('report-save-pdf').click()
    await expect.poll(() => app.page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

    // Chromium's print pipeline, the one Electron's printToPDF uses.
    const text = await pdfText(await app.page.pdf({ format: 'A4', preferCSSPageSize: true }))
    const missing = [...homeDeviceIds(), 'Ceiling light', 'Door camera', 'Kettle plug', 'Living room', 'Handover flat', 'Demo installer', 'Confirmed'].filter((s) => !pdfHolds(text, s))
    expect(missing).toEqual([])
    // The app's frame is left out: no navigation, no toolbar.
    expect(pdfHolds(text, 'Audit log')).toBe(false)
    expect(pdfHolds(text, 'Save as PDF')).toBe(false)
  })

  it('prints black on white in either theme, without the app around the report', async () => {
    const printed = () =>
      app.page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!)
        return {
          title: style('.handover-report__title').color,
          cell: style('[data-testid="report-test"]').color,
          page: style('.handover-report').backgroundColor,
          nav: style('.shell__aside').display,
          toolbar: style('.handover__toolbar').display,
        }
      })
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ media: 'print', colorScheme })
      expect(await printed()).toEqual({ title: 'rgb(0, 0, 0)', cell: 'rgb(0, 0, 0)', page: 'rgb(255, 255, 255)', nav: 'none', toolbar: 'none' })
    }
    await app.page.emulateMedia({ media: 'screen', colorScheme: 'light' })
  })

  it('writes the report in the language chosen for it', async () => {
    await app.page.getByTestId('report-language').selectOption('zh-CN')
    await expect.poll(() => app.page.getByTestId('handover-report').getAttribute('lang')).toBe('zh-CN')
    const text = await pdfText(await app.page.pdf({ format: 'A4' }))
    expect(['交付报告', '安装人员', '已确认', ...homeDeviceIds()].filter((s) => !pdfHolds(text, s))).toEqual([])
    await app.page.getByTestId('report-language').selectOption('en')
  })

  it('has no critical or serious accessibility violation on the checklist and the report, in the light and the dark theme', { timeout: 60_000 }, async () => {
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: theme })
      await expect.poll(() => app.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark')
      await openHome()
      await app.page.getByTestId('check-item').first().waitFor()
      for (const v of await seriousViolations(app.page, '[data-testid="checklist"]')) found.push(`${theme} checklist ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
      await navigate(app.page, `#/families/${familyId}/handover`)
      await app.page.getByTestId('report-device').first().waitFor()
      // The pointer rests where "Save as PDF" was clicked: measure the button as it shows unhovered.
      await app.page.mouse.move(0, 0)
      for (const v of await seriousViolations(app.page, '[data-testid="handover-page"]')) found.push(`${theme} report ${v.rule}: ${v.targets.slice(0, 3).join(', ')}`)
    }
    expect(found).toEqual([])
  })
})
