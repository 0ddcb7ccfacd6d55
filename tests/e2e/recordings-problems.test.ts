import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Route } from 'playwright-core'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

const CORS = { 'access-control-allow-origin': '*' }

/**
 * What the recordings view says when things go wrong, in Chromium against the sandbox: a
 * device that is not a camera, a day without recordings, a playback link the cloud
 * refuses as expired, and a network that drops the stream (then recovers on "Try again").
 */
describe('recordings when something is wrong', () => {
  let app: RunningApp
  const ids = { familyId: '', cameraId: '', lightId: '' }

  async function open(deviceId: string): Promise<void> {
    const path = `/families/${encodeURIComponent(ids.familyId)}/devices/${encodeURIComponent(deviceId)}/recordings`
    await navigate(app.page, path)
  }
  const problem = () => app.page.getByTestId('recordings-player-problem').getAttribute('data-problem')

  /** Picks a recorded day and clicks the middle of its widest span. */
  async function clickASpan(): Promise<void> {
    const recorded = app.page.locator('[data-testid="recordings-day"][data-recorded="true"]')
    await expect.poll(() => recorded.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await recorded.nth(Math.max(0, (await recorded.count()) - 2)).click()
    const spans = app.page.getByTestId('recordings-span')
    await expect.poll(() => spans.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const boxes = await spans.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }))
    const widest = boxes.reduce((a, b) => (b.width > a.width ? b : a))
    await app.page.mouse.click(widest.x + widest.width / 2, widest.y + widest.height / 2)
  }

  beforeAll(async () => {
    app = await startApp()
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const { world } = app.sandbox
    for (const { family } of world.familiesOf(DEMO_ACCOUNT.userId)) {
      const devices = world.devicesIn(family.familyId)
      const kind = (d: (typeof devices)[number]) => world.products.get(d.productId)?.kind
      const camera = devices.find((d) => kind(d) === 'camera' && d.online && d.properties.get('record_enable')?.value === 1)
      const light = devices.find((d) => kind(d) === 'light')
      if (camera && light) Object.assign(ids, { familyId: family.familyId, cameraId: camera.deviceId, lightId: light.deviceId })
    }
    if (!ids.cameraId) throw new Error('no family with a recording camera and a light')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('says a light is not a camera', async () => {
    await open(ids.lightId)
    await app.page.getByTestId('recordings-not-camera').waitFor()
    expect(await app.page.getByTestId('recordings-not-camera').textContent()).toMatch(/only cameras record/)
  })

  it('says when a day has no recordings', async () => {
    await open(ids.cameraId)
    const days = app.page.locator('[data-testid="recordings-day"][data-recorded="true"]')
    await expect.poll(() => days.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    // Next month: nothing is recorded in the future.
    await app.page.getByTestId('recordings-month-next').click()
    await app.page.locator('[data-testid="recordings-day"][data-recorded="false"]').first().click()
    await app.page.getByTestId('recordings-day-empty').waitFor()
    expect(await app.page.getByTestId('recordings-day-empty').textContent()).toMatch(/No recordings on/)
    await app.page.getByTestId('recordings-month-previous').click()
  })

  it('says when the cloud refuses the playback link as expired', async () => {
    const expired = (route: Route) =>
      route.fulfill({ status: 403, headers: CORS, contentType: 'application/xml', body: '<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>' })
    await app.page.route('**/timeshift/**', expired)
    await open(ids.cameraId)
    await clickASpan()
    await expect.poll(problem, { timeout: 20_000 }).toBe('expired')
    expect(await app.page.getByTestId('recordings-player-problem').textContent()).toMatch(/link expired/)
    await app.page.unroute('**/timeshift/**', expired)
  })

  it('says when the network fails, and plays again on "Try again"', async () => {
    const down = (route: Route) => route.abort('internetdisconnected')
    await app.page.route('**/timeshift/**', down)
    await clickASpan()
    await expect.poll(problem, { timeout: 40_000 }).toBe('network')
    expect(await app.page.getByTestId('recordings-player-problem').textContent()).toMatch(/network failure/)
    await app.page.unroute('**/timeshift/**', down)
    await app.page.getByTestId('recordings-player-retry').click()
    await expect.poll(() => app.page.getByTestId('recordings-player').getAttribute('data-status'), { timeout: 20_000 }).toBe('playing')
  })
})
