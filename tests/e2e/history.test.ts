import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'
import { signIn as cloudSignIn, tokenapi } from '../sandbox/helpers'

/**
 * Support staff reading a device's last 24 hours in Chromium on browser mode: the chart
 * shows the device's reports and events as the cloud has them, and the CSV export of the
 * visible window holds exactly the cloud's points of that range, row for row.
 */
const DAY = 86_400_000

interface CloudPoint {
  Time: string
  Value: string
}

/** Every point of one property over [fromMs, toMs], read straight from the sandbox cloud. */
async function cloudPoints(sb: RunningSandbox, token: string, deviceId: string, field: string, fromMs: number, toMs: number): Promise<CloudPoint[]> {
  const points: CloudPoint[] = []
  let context = ''
  for (;;) {
    const body = await tokenapi(sb, token, 'AppGetDeviceDataHistory', { DeviceId: deviceId, FieldName: field, MinTime: fromMs, MaxTime: toMs, Limit: 500, Context: context })
    points.push(...(body.Response.Results as CloudPoint[]))
    if (body.Response.Listover || !body.Response.Context) return points
    context = body.Response.Context
  }
}

async function cloudEventCount(sb: RunningSandbox, token: string, deviceId: string, fromMs: number, toMs: number): Promise<number> {
  const [productId, deviceName] = deviceId.split('/')
  let count = 0
  let context = ''
  for (;;) {
    const params = { ProductId: productId, DeviceName: deviceName, StartTime: Math.floor(fromMs / 1000), EndTime: Math.floor(toMs / 1000), Size: 100, Context: context }
    const body = await tokenapi(sb, token, 'AppListEventHistory', params)
    count += (body.Response.EventHistory as unknown[]).length
    if (body.Response.Listover || !body.Response.Context) return count
    context = body.Response.Context
  }
}

async function openHistory(app: RunningApp, familyId: string, deviceId: string, properties: string[]): Promise<void> {
  const hash = `#/history?familyId=${encodeURIComponent(familyId)}&devices=${encodeURIComponent(deviceId)}&properties=${properties.join(',')}`
  await navigate(app.page, hash)
}

async function shownWindow(app: RunningApp): Promise<{ from: number; to: number }> {
  const chart = app.page.getByTestId('history-chart')
  return { from: Number(await chart.getAttribute('data-window-from')), to: Number(await chart.getAttribute('data-window-to')) }
}

async function downloadCsv(app: RunningApp): Promise<string[]> {
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('history-export-csv').click()])
  return readFileSync((await download.path())!, 'utf8').trim().split('\r\n')
}

/** The CSV rows the cloud's points make, property after property. */
async function expectedRows(sb: RunningSandbox, token: string, deviceId: string, fields: string[], fromMs: number, toMs: number): Promise<string[]> {
  const rows: string[] = []
  for (const field of fields) {
    for (const p of await cloudPoints(sb, token, deviceId, field, fromMs, toMs)) {
      const value = Number.isFinite(Number(p.Value)) ? String(Number(p.Value)) : p.Value
      rows.push(`${new Date(Number(p.Time)).toISOString()},${deviceId},${field},${value}`)
    }
  }
  return rows
}

describe("a device's 24 h history", () => {
  let app: RunningApp
  let token: string
  let familyId: string
  let light: string
  let sensor: string
  const chart = () => app.page.getByTestId('history-chart')

  beforeAll(async () => {
    app = await startApp()
    token = await cloudSignIn(app.sandbox)
    const home = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
    familyId = home.familyId
    const ofKind = (kind: string) => app.sandbox.world.devicesIn(familyId).filter((d) => app.sandbox.world.products.get(d.productId)?.kind === kind)
    // The light of the demo home with the most events in the last day: the chart must mark them.
    const lights = ofKind('light')
    const now = Date.now()
    const counts = await Promise.all(lights.map((d) => cloudEventCount(app.sandbox, token, d.deviceId, now - DAY, now)))
    const best = counts.indexOf(Math.max(...counts))
    light = lights[best]!.deviceId
    expect(counts[best]).toBeGreaterThan(0)
    // A sensor reports every 5 minutes: a dense day to check the CSV against.
    sensor = ofKind('sensor')[0]!.deviceId
  })
  afterAll(async () => {
    await app?.close()
  })

  it("opens a light's last 24 h from the device list, with its reports and events as the cloud has them", async () => {
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().click()
    await app.page.locator(`[data-testid="device-row"][data-device-id="${light}"] [data-testid="history-link"]`).click()
    await expect.poll(() => chart().getAttribute('data-rendered'), { timeout: 15_000 }).toBe('true')
    await expect.poll(() => chart().getAttribute('data-point-count')).not.toBe('0')
    const { from, to } = await shownWindow(app)
    expect(to - from).toBe(DAY)
    expect(Math.abs(to - Date.now())).toBeLessThan(60_000)
    expect(await app.page.getByTestId('history-preset-24h').locator('input').isChecked()).toBe(true)

    // With no properties in the link, the light's numbers are charted: brightness and colour temperature.
    expect(await chart().getAttribute('data-series-count')).toBe('2')
    const rows = await expectedRows(app.sandbox, token, light, ['brightness', 'color_temp'], from, to)
    expect(Number(await chart().getAttribute('data-point-count'))).toBe(rows.length)
    const events = await cloudEventCount(app.sandbox, token, light, from, to)
    expect(events).toBeGreaterThan(0)
    expect(Number(await chart().getAttribute('data-event-count'))).toBe(events)
    await expect.poll(() => app.page.getByTestId('history-summary').textContent()).toContain(`${rows.length} points, ${events} events`)
  })

  it('charts on/off and enum properties too, and exports exactly their points', async () => {
    await openHistory(app, familyId, light, ['power_switch', 'brightness', 'color'])
    await expect.poll(() => chart().getAttribute('data-series-count')).toBe('3')
    await expect.poll(() => chart().getAttribute('data-rendered'), { timeout: 15_000 }).toBe('true')
    const { from, to } = await shownWindow(app)
    const rows = await expectedRows(app.sandbox, token, light, ['power_switch', 'brightness', 'color'], from, to)
    await expect.poll(async () => Number(await chart().getAttribute('data-point-count'))).toBe(rows.length)
    expect((await downloadCsv(app)).slice(1)).toEqual(rows)
  })

  it("exports a sensor's visible day as CSV rows that match the cloud, point for point", async () => {
    await openHistory(app, familyId, sensor, ['temperature', 'humidity'])
    await expect.poll(() => chart().getAttribute('data-series-count')).toBe('2')
    await expect.poll(() => chart().getAttribute('data-rendered'), { timeout: 15_000 }).toBe('true')
    const { from, to } = await shownWindow(app)
    const expected = await expectedRows(app.sandbox, token, sensor, ['temperature', 'humidity'], from, to)
    expect(expected.length).toBeGreaterThan(500)
    await expect.poll(async () => Number(await chart().getAttribute('data-point-count'))).toBe(expected.length)
    const csv = await downloadCsv(app)
    expect(csv[0]).toBe('time,device,property,value')
    expect(csv.slice(1)).toEqual(expected)
  })

  it('zooms with the keyboard and exports only what is visible', async () => {
    const total = Number(await chart().getAttribute('data-point-count'))
    await chart().focus()
    await app.page.keyboard.press('+')
    await app.page.keyboard.press('+')
    await expect.poll(async () => (await shownWindow(app)).to - (await shownWindow(app)).from).toBeLessThan(DAY / 2)
    const { from, to } = await shownWindow(app)
    const rows = (await downloadCsv(app)).slice(1)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(total)
    expect(rows).toEqual(await expectedRows(app.sandbox, token, sensor, ['temperature', 'humidity'], from, to))
    await app.page.getByTestId('history-reset-zoom').click()
    await expect.poll(async () => (await shownWindow(app)).to - (await shownWindow(app)).from).toBe(DAY)
  })

  it('zooms to a range brushed across the chart', async () => {
    const box = (await chart().boundingBox())!
    await app.page.getByTestId('history-brush').click()
    const y = box.y + box.height / 2
    await app.page.mouse.move(box.x + box.width * 0.4, y)
    await app.page.mouse.down()
    await app.page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 })
    await app.page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 })
    await app.page.mouse.up()
    await expect.poll(async () => (await shownWindow(app)).to - (await shownWindow(app)).from).toBeLessThan(DAY / 3)
    const { from, to } = await shownWindow(app)
    expect(to - from).toBeGreaterThan(DAY / 10)
    await app.page.getByTestId('history-reset-zoom').click()
    await expect.poll(async () => (await shownWindow(app)).to - (await shownWindow(app)).from).toBe(DAY)
  })

  it('compares two devices, one series per device and property', async () => {
    const other = app.sandbox.world.devicesIn(familyId).find((d) => d.deviceId !== sensor && app.sandbox.world.products.get(d.productId)?.kind === 'sensor')!
    await navigate(app.page, `#/history?familyId=${encodeURIComponent(familyId)}&devices=${encodeURIComponent(`${sensor},${other.deviceId}`)}&properties=temperature`)
    await expect.poll(() => chart().getAttribute('data-series-count'), { timeout: 15_000 }).toBe('2')
    await expect.poll(() => chart().getAttribute('data-rendered')).toBe('true')
    const { from, to } = await shownWindow(app)
    const expected = [
      ...(await expectedRows(app.sandbox, token, sensor, ['temperature'], from, to)),
      ...(await expectedRows(app.sandbox, token, other.deviceId, ['temperature'], from, to)),
    ]
    await expect.poll(async () => Number(await chart().getAttribute('data-point-count'))).toBe(expected.length)
    expect(await app.page.getByTestId('history-devices').locator('.el-tag').count()).toBe(2)
    expect((await downloadCsv(app)).slice(1)).toEqual(expected)
  })

  it('exports the chart as a PNG image', async () => {
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('history-export-png').click()])
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(bytes.length).toBeGreaterThan(5_000)
  })

  it('takes a custom range from the date picker', async () => {
    await app.page.getByTestId('history-preset-custom').click()
    await app.page.getByTestId('history-custom-range').locator('input').first().click()
    await app.page.locator('.el-picker-panel__shortcut', { hasText: '1 h' }).click()
    await expect.poll(async () => (await shownWindow(app)).to - (await shownWindow(app)).from, { timeout: 10_000 }).toBe(3_600_000)
    await expect.poll(() => chart().getAttribute('data-rendered')).toBe('true')
    const { from, to } = await shownWindow(app)
    const expected = await expectedRows(app.sandbox, token, sensor, ['temperature'], from, to)
    const other = app.sandbox.world.devicesIn(familyId).find((d) => d.deviceId !== sensor && app.sandbox.world.products.get(d.productId)?.kind === 'sensor')!
    expected.push(...(await expectedRows(app.sandbox, token, other.deviceId, ['temperature'], from, to)))
    await expect.poll(async () => Number(await chart().getAttribute('data-point-count'))).toBe(expected.length)
  })

  it('redraws the chart in the dark theme', async () => {
    await app.page.getByTestId('theme-toggle').click()
    await app.page.getByRole('menuitem', { name: 'Dark' }).click()
    await expect.poll(() => chart().getAttribute('data-theme')).toBe('dark')
    await expect.poll(() => chart().getAttribute('data-rendered')).toBe('true')
    expect(await app.page.locator('html').getAttribute('class')).toContain('dark')
    await app.page.getByTestId('theme-toggle').click()
    await app.page.getByRole('menuitem', { name: 'Light' }).click()
    await expect.poll(() => chart().getAttribute('data-theme')).toBe('light')
  })

  it('shows what the cache holds, and clears it', async () => {
    await app.page.getByTestId('history-cache-button').click()
    const stats = app.page.getByTestId('history-cache-stats')
    await expect.poll(async () => Number(await stats.getAttribute('data-points'))).toBeGreaterThan(0)
    await app.page.getByTestId('history-cache-clear').click()
    await expect.poll(async () => Number(await stats.getAttribute('data-points'))).toBe(0)
    await app.page.getByTestId('history-cache-button').click()
  })

  it('shows progress while the cloud is slow, and cancels on request', async () => {
    app.sandbox.control.setLatency(1_500)
    try {
      await app.page.getByTestId('history-preset-30d').click()
      const progress = app.page.getByTestId('history-progress')
      await progress.waitFor()
      expect(await progress.textContent()).toMatch(/\d+\/\d+ segments/)
      await app.page.getByTestId('history-cancel').click()
      await app.page.getByTestId('history-cancelled').waitFor()
      expect(await progress.count()).toBe(0)
    } finally {
      app.sandbox.control.setLatency(0)
    }
  })

  it("shows the cloud's error with its code and RequestId when the fetch fails", async () => {
    app.sandbox.control.setErrorRate(1)
    try {
      await app.page.getByTestId('history-refresh').click()
      const error = app.page.getByTestId('history-error')
      await error.waitFor({ timeout: 15_000 })
      expect(await error.getByTestId('error-code').textContent()).not.toBe('')
      expect(await error.getByTestId('error-request-id').textContent()).toMatch(/\S+/)
    } finally {
      app.sandbox.control.setErrorRate(0)
    }
    await app.page.getByTestId('history-error').getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => app.page.getByTestId('history-error').count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(() => chart().getAttribute('data-rendered')).toBe('true')
  })

  it('compares a light with a plug: each is charted with its own properties, and a left-out one is named', async () => {
    const plug = app.sandbox.world.devicesIn(familyId).find((d) => app.sandbox.world.products.get(d.productId)?.kind === 'plug')!
    const both = encodeURIComponent(`${light},${plug.deviceId}`)
    await navigate(app.page, `#/history?familyId=${encodeURIComponent(familyId)}&devices=${both}`)
    // The light's two numbers and the plug's two: four series, from both devices.
    await expect.poll(() => chart().getAttribute('data-series-count'), { timeout: 15_000 }).toBe('4')
    await expect.poll(() => chart().getAttribute('data-rendered')).toBe('true')
    const { from, to } = await shownWindow(app)
    const expected = [
      ...(await expectedRows(app.sandbox, token, light, ['brightness', 'color_temp'], from, to)),
      ...(await expectedRows(app.sandbox, token, plug.deviceId, ['power', 'energy'], from, to)),
    ]
    await expect.poll(async () => Number(await chart().getAttribute('data-point-count'))).toBe(expected.length)
    expect(await app.page.getByTestId('history-left-out').count()).toBe(0)

    // The picker says whose each property is.
    await app.page.getByTestId('history-properties').click()
    const groups = app.page.locator('.el-select-group__title')
    await expect.poll(() => groups.allTextContents()).toEqual(['Smart Light · Smart Plug', 'Smart Light', 'Smart Plug'])
    await app.page.keyboard.press('Escape')

    // A light-only choice leaves the plug off the chart, and the view says so.
    await navigate(app.page, `#/history?familyId=${encodeURIComponent(familyId)}&devices=${both}&properties=brightness`)
    await expect.poll(() => chart().getAttribute('data-series-count'), { timeout: 15_000 }).toBe('1')
    const notice = app.page.getByTestId('history-left-out-device')
    await expect.poll(() => notice.count()).toBe(1)
    expect(await notice.getAttribute('data-device-id')).toBe(plug.deviceId)
    expect(await notice.textContent()).toContain('none of the chosen properties belongs to its product')
    expect(await notice.textContent()).toContain('Smart Plug')
  })
})
