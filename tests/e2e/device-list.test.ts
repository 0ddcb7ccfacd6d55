import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { PRODUCT_IDS } from '../../electron/sandbox/world/products'
import { signInAsDemo, startApp, type RunningApp } from '../support/app'

/**
 * The device list as a technician narrows it down, in Chromium on browser mode: filters by
 * product and online state give exactly the sandbox's matching devices, the filter lives in
 * the URL, and a multi-selection goes on to history comparison or a rollout plan.
 */
/** The app routes in the URL's hash: its query is the part after the hash's '?'. */
function routeQuery(url: string): URLSearchParams {
  const hash = new URL(url).hash
  return new URLSearchParams(hash.slice(hash.indexOf('?') + 1))
}

describe('device list', () => {
  let app: RunningApp
  const family = () => app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const shownIds = async () =>
    (await app.page.getByTestId('device-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-device-id') ?? ''))).sort()

  const choose = (select: string, option: string) => app.page.getByTestId(select).selectOption({ label: option })

  beforeAll(async () => {
    app = await startApp()
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().click()
    await app.page.getByTestId('device-row').first().waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows the underscore of a device name: its ink lies inside the cell\'s visible box', async () => {
    const clipped = await app.page.getByTestId('device-row').evaluateAll((rows) => {
      const ctx = document.createElement('canvas').getContext('2d')!
      const out: { text: string; inkBottom: number; clipBottom: number }[] = []
      for (const row of rows) {
        for (const el of Array.from(row.querySelectorAll<HTMLElement>('.ellipsis'))) {
          if (!el.textContent?.includes('_')) continue
          const style = getComputedStyle(el)
          ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
          // The baseline: the bottom of an empty inline-block sits on it.
          const mark = document.createElement('span')
          mark.style.cssText = 'display:inline-block;height:0;width:0'
          el.appendChild(mark)
          const baseline = mark.getBoundingClientRect().bottom
          mark.remove()
          const inkBottom = baseline + ctx.measureText('_').actualBoundingBoxDescent
          // The visible box: the tightest bottom of every clipping box up to the row.
          let clipBottom = Infinity
          for (let at: HTMLElement | null = el; at && at !== row; at = at.parentElement) {
            const s = getComputedStyle(at)
            if (s.overflowY !== 'visible' || s.overflowX !== 'visible') clipBottom = Math.min(clipBottom, at.getBoundingClientRect().bottom)
          }
          out.push({ text: el.textContent, inkBottom, clipBottom })
        }
      }
      return out
    })
    expect(clipped.length).toBeGreaterThan(0)
    for (const name of clipped) expect(name.inkBottom, name.text).toBeLessThanOrEqual(name.clipBottom)
  })

  it('cuts a name or room too long for its column at the cell, never drawing it over the next one', async () => {
    const world = app.sandbox.world
    const first = await app.page.getByTestId('device-row').first().getAttribute('data-device-id')
    const device = world.devicesIn(family().familyId).find((d) => d.deviceId === first)!
    const room = world.rooms.get(device.roomId)!
    const was = [device.aliasName, room.name] as const
    const long = (what: string) => `${what} with a name far longer than its column is wide`
    const row = app.page.locator(`[data-testid="device-row"][data-device-id="${device.deviceId}"]`)
    // Sorted by name: a long name starting "Device" still sorts among the first rows drawn.
    const refresh = async () => {
      await app.page.getByTestId('devices-refresh').click()
      await expect.poll(() => row.textContent()).toContain(device.aliasName || device.deviceName)
    }
    Object.assign(device, { aliasName: long('Device') })
    Object.assign(room, { name: long('Room') })
    try {
      await refresh()
      const spills = await row.evaluate((element) => {
        const drawnPast: string[] = []
        const cut: string[] = []
        for (const cell of Array.from(element.children) as HTMLElement[]) {
          const right = cell.getBoundingClientRect().right + 0.5
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
          for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const range = document.createRange()
            range.selectNodeContents(text)
            if (!text.textContent?.trim() || range.getBoundingClientRect().right <= right) continue
            // Drawn past the cell unless a box inside it, ending within it, clips the text.
            let clipped = false
            for (let at = text.parentElement; at && !clipped; at = at === cell ? null : at.parentElement)
              clipped = getComputedStyle(at).overflowX !== 'visible' && at.getBoundingClientRect().right <= right
            ;(clipped ? cut : drawnPast).push(text.textContent.trim())
          }
        }
        return { drawnPast, cut }
      })
      expect(spills.drawnPast).toEqual([])
      expect(spills.cut).toEqual(expect.arrayContaining([long('Device'), long('Room')]))
    } finally {
      Object.assign(device, { aliasName: was[0] })
      Object.assign(room, { name: was[1] })
      await refresh()
    }
  })

  it('fits a 1280 px window: every column, the history links too, without scrolling sideways', async () => {
    const before = app.page.viewportSize()
    await app.page.setViewportSize({ width: 1280, height: 800 })
    try {
      const fit = await app.page.getByTestId('device-table').evaluate((table) => {
        const box = table.getBoundingClientRect()
        const links = Array.from(table.querySelectorAll('[data-testid="history-link"]'), (a) => a.getBoundingClientRect())
        return { overflow: table.scrollWidth - table.clientWidth, links: links.length, outside: links.filter((r) => r.right > box.right || r.width === 0).length }
      })
      expect(fit).toEqual({ overflow: 0, links: expect.any(Number), outside: 0 })
      expect(fit.links).toBeGreaterThan(0)
    } finally {
      if (before) await app.page.setViewportSize(before)
    }
  })

  it("marks an offline device's last values as stale, with their age", async () => {
    const devices = app.sandbox.world.devicesIn(family().familyId)
    const offline = devices.find((d) => !app.sandbox.world.isOnline(d.deviceId) && d.properties.size > 0)!
    const online = devices.find((d) => app.sandbox.world.isOnline(d.deviceId) && d.properties.size > 0)!
    const reportedMs = Math.max(...[...offline.properties.values()].map((p) => p.lastUpdateMs))
    const ageAt = (nowMs: number) => {
      const hours = (nowMs - reportedMs) / 3_600_000
      return hours < 48 ? `${Math.floor(hours)} h ago` : `${Math.floor(hours / 24)} d ago`
    }
    const values = (id: string) => app.page.locator(`[data-testid="device-row"][data-device-id="${id}"] [data-testid="device-values"]`)
    await expect.poll(() => values(offline.deviceId).getAttribute('data-stale')).toBe('true')
    // The page's clock moves once a minute: its age is now's, or a minute earlier's.
    expect([ageAt(Date.now()), ageAt(Date.now() - 60_000)]).toContain(await values(offline.deviceId).getByTestId('device-values-age').textContent())
    expect(await values(offline.deviceId).getByTestId('device-prop').count()).toBeGreaterThan(0)
    expect(await values(online.deviceId).getAttribute('data-stale')).toBe('false')
    expect(await values(online.deviceId).getByTestId('device-values-age').count()).toBe(0)
  })

  it('filters by product and online state to exactly the matching devices', async () => {
    const light = app.sandbox.world.products.get(PRODUCT_IDS.light)!
    const devices = app.sandbox.world.devicesIn(family().familyId).filter((d) => d.productId === light.productId)
    await choose('product-select', light.name)
    await expect.poll(shownIds).toEqual(devices.map((d) => d.deviceId).sort())
    await expect.poll(() => app.page.url()).toContain(`product=${light.productId}`)

    await choose('online-select', 'Offline')
    const offline = devices.filter((d) => !app.sandbox.world.isOnline(d.deviceId)).map((d) => d.deviceId).sort()
    await expect.poll(shownIds).toEqual(offline)
    await expect.poll(() => app.page.url()).toContain('online=false')
    expect(await app.page.getByTestId('device-count-total').textContent()).toBe(String(offline.length))

    await choose('online-select', 'Online')
    const online = devices.filter((d) => app.sandbox.world.isOnline(d.deviceId)).map((d) => d.deviceId).sort()
    expect(online.length).toBeGreaterThan(0)
    await expect.poll(shownIds).toEqual(online)
  })

  it('keeps the filter across a reload, since it lives in the URL', async () => {
    const before = await shownIds()
    await app.page.reload()
    await app.page.getByTestId('device-row').first().waitFor()
    await expect.poll(shownIds).toEqual(before)
  })

  it('sends the chosen devices to "Compare history"', async () => {
    await app.page.goto(app.page.url().replace(/\?.*$/, ''))
    await app.page.getByTestId('device-row').first().waitFor()
    const rows = app.page.getByTestId('device-row')
    const chosen = [await rows.nth(0).getAttribute('data-device-id'), await rows.nth(2).getAttribute('data-device-id')]
    await rows.nth(0).getByTestId('device-select').click()
    await rows.nth(2).getByTestId('device-select').click()
    expect(await app.page.getByTestId('selection-count').textContent()).toContain('2')
    await app.page.getByTestId('compare-history').click()
    await app.page.waitForURL(/\/history\?/)
    const query = routeQuery(app.page.url())
    expect(query.get('familyId')).toBe(family().familyId)
    expect(query.get('devices')?.split(',')).toEqual(chosen)
  })

  it('selects from the keyboard and plans a rollout for the selection', async () => {
    await app.page.goBack()
    await app.page.getByTestId('device-row').first().waitFor()
    const rows = app.page.getByTestId('device-row')
    const chosen = [await rows.nth(0).getAttribute('data-device-id'), await rows.nth(1).getAttribute('data-device-id')]
    await rows.nth(0).focus()
    await app.page.keyboard.press(' ')
    await app.page.keyboard.press('ArrowDown')
    await app.page.keyboard.press(' ')
    await app.page.getByTestId('plan-rollout').click()
    await app.page.waitForURL(/\/rollouts\/new\?/)
    const query = routeQuery(app.page.url())
    expect(query.get('familyId')).toBe(family().familyId)
    expect(query.get('devices')?.split(',')).toEqual(chosen)
  })

  it('opens a device with Enter', async () => {
    await app.page.goBack()
    const row = app.page.getByTestId('device-row').first()
    await row.waitFor()
    const id = await row.getAttribute('data-device-id')
    await row.focus()
    await app.page.keyboard.press('Enter')
    await app.page.waitForURL(/\/devices\/[^/?]+$/)
    expect(decodeURIComponent(app.page.url())).toContain(`/devices/${id}`)
  })
})
