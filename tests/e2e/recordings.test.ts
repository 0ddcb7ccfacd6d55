import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { navigate, signInAsDemo, startApp, type RunningApp } from '../support/app'

/** Playback links live this long here, so the test outlives several of them. */
const LINK_SECONDS = 8

/** The slices of DOM types these page functions use (the test project has no DOM lib). */
interface VideoLike {
  currentTime: number
  addEventListener(type: string, listener: () => void, options: { once: boolean }): void
}
type PageGlobal = { firstPlaying?: number; location: { hash: string } }

interface Span {
  start: number
  end: number
}

/**
 * A support engineer checks that a camera records and plays back, in Chromium on browser
 * mode against the sandbox: the calendar, the day's timeline, playback from a click, an
 * event's snapshot, and playback that outlives its signed link.
 */
describe('camera recordings', () => {
  let app: RunningApp
  let cameraId = ''

  /** What the cloud says was recorded on a cloud date: the playlist's spans, in order. */
  async function cloudSpans(date: string): Promise<Span[]> {
    const [ProductId, DeviceName] = cameraId.split('/')
    const answer = await app.desk.dispatch('api.call', { action: 'lotVideoDescribeCloudStorageTime', params: { ProductId, DeviceName, Date: date } })
    if (!answer.ok) throw new Error(JSON.stringify(answer.error))
    const data = (answer.result as { data: { TimeList: { StartTime: number; EndTime: number }[] } }).data
    return data.TimeList.map((s) => ({ start: s.StartTime, end: s.EndTime }))
  }

  /** The playlist offset of a moment: recorded seconds before it, in the cloud date (UTC+8) holding it. */
  async function expectedOffset(time: number): Promise<number> {
    const date = new Date((time + 8 * 3600) * 1000).toISOString().slice(0, 10)
    let offset = 0
    for (const s of await cloudSpans(date)) if (time > s.start) offset += Math.min(time, s.end) - s.start
    return offset
  }

  const video = () => app.page.getByTestId('recordings-video')
  const currentTime = () => video().evaluate((v) => (v as unknown as VideoLike).currentTime)
  const playheadTime = async () => Number(await app.page.getByTestId('recordings-playhead').getAttribute('data-time'))
  const status = () => app.page.getByTestId('recordings-player').getAttribute('data-status')

  /** Records the media time at the next 'playing' event (where playback actually started). */
  const armFirstPlaying = () =>
    video().evaluate((element) => {
      const v = element as unknown as VideoLike
      const w = globalThis as unknown as PageGlobal
      delete w.firstPlaying
      v.addEventListener('playing', () => (w.firstPlaying = v.currentTime), { once: true })
    })
  const firstPlaying = () => app.page.evaluate(() => (globalThis as unknown as PageGlobal).firstPlaying ?? null)

  beforeAll(async () => {
    app = await startApp({ desk: { videoLinkSeconds: LINK_SECONDS } })
    await signInAsDemo(app.page)
    await app.page.getByTestId('family-row').first().waitFor()
    const { world } = app.sandbox
    const camera = world
      .familiesOf(DEMO_ACCOUNT.userId)
      .flatMap(({ family }) => world.devicesIn(family.familyId).map((device) => ({ family, device })))
      .find(({ device }) => world.products.get(device.productId)?.kind === 'camera' && device.online && device.properties.get('record_enable')?.value === 1)
    if (!camera) throw new Error('the demo account has no camera recording to the cloud')
    cameraId = camera.device.deviceId
    const path = `/families/${encodeURIComponent(camera.family.familyId)}/devices/${encodeURIComponent(cameraId)}/recordings`
    await navigate(app.page, path)
  })
  afterAll(async () => {
    await app?.close()
  })

  it("marks the camera's recorded days and shows a picked day's recordings on the timeline", async () => {
    const recorded = app.page.locator('[data-testid="recordings-day"][data-recorded="true"]')
    await expect.poll(() => recorded.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    // Pick the day before the latest (a whole recorded day), or the only one.
    const count = await recorded.count()
    await recorded.nth(Math.max(0, count - 2)).click()
    await expect.poll(() => app.page.getByTestId('recordings-span').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect(app.page.getByTestId('recordings-summary').textContent()).resolves.toMatch(/recorded/)
  })

  it('plays from the clicked moment of a span, and the playhead follows', async () => {
    const bar = app.page.getByTestId('recordings-timeline-bar')
    const spans = await app.page.getByTestId('recordings-span').evaluateAll((els) =>
      els.map((el) => ({ start: Number(el.getAttribute('data-start')), end: Number(el.getAttribute('data-end')), box: el.getBoundingClientRect().toJSON() as { x: number; width: number } })),
    )
    const widest = spans.reduce((a, b) => (b.box.width > a.box.width ? b : a))
    const barBox = (await bar.boundingBox())!
    const from = Number(await bar.getAttribute('data-from'))
    const to = Number(await bar.getAttribute('data-to'))
    const x = Math.round(widest.box.x + widest.box.width / 2)
    const y = Math.round(barBox.y + barBox.height / 2)
    const clicked = Math.round(from + ((x - barBox.x) / barBox.width) * (to - from))
    expect(clicked).toBeGreaterThanOrEqual(widest.start)
    expect(clicked).toBeLessThan(widest.end)

    await armFirstPlaying()
    await app.page.mouse.click(x, y)
    await expect.poll(status, { timeout: 20_000 }).toBe('playing')
    await expect.poll(firstPlaying).not.toBeNull()
    expect(Math.abs((await firstPlaying())! - (await expectedOffset(clicked)))).toBeLessThanOrEqual(1)

    const t0 = await currentTime()
    const p0 = await playheadTime()
    expect(Math.abs(p0 - clicked)).toBeLessThanOrEqual(2)
    await expect.poll(currentTime, { timeout: 10_000 }).toBeGreaterThan(t0 + 1.5)
    await expect.poll(playheadTime, { timeout: 10_000 }).toBeGreaterThan(p0 + 1)
  })

  it("shows an event's snapshot and seeks playback to it", async () => {
    const rows = app.page.getByTestId('recordings-event')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const now = await playheadTime()
    const starts = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-start'))))) as number[]
    // An event away from where we are, so the seek is visible.
    const start = starts.find((s) => Math.abs(s - now) > 60) ?? starts[0]!
    await armFirstPlaying()
    await app.page.locator(`[data-testid="recordings-event"][data-start="${start}"]`).click()

    const thumbnail = app.page.getByTestId('recordings-thumbnail')
    await expect.poll(() => thumbnail.getAttribute('data-start'), { timeout: 10_000 }).toBe(String(start))
    await expect.poll(() => thumbnail.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0)

    const offset = await expectedOffset(start)
    await expect.poll(async () => Math.abs((await currentTime()) - offset) < 3 && (await status()) === 'playing', { timeout: 20_000 }).toBe(true)
    const landed = await playheadTime()
    expect(landed).toBeGreaterThanOrEqual(start - 1)
    expect(landed).toBeLessThan(start + 4)
  })

  it('re-signs the playback link before it expires, without interrupting playback', async () => {
    const signResults = () =>
      app.traffic.received
        .map((text) => JSON.parse(text) as { type: string; result?: { ok: boolean; result?: { url?: string; expireTime?: number } } })
        .filter((m) => m.type === 'result' && typeof m.result?.result?.url === 'string' && typeof m.result?.result?.expireTime === 'number')
        .map((m) => m.result!.result as { url: string; expireTime: number })
    const first = signResults().at(-1)!
    expect(first.expireTime - Date.now() / 1000).toBeLessThanOrEqual(LINK_SECONDS)
    const start = await currentTime()
    const seen = new Set<string>()
    // Play on well past the link's expiry; the player must never fail meanwhile.
    await expect
      .poll(
        async () => {
          seen.add(String(await status()))
          return (await currentTime()) - start
        },
        { timeout: 40_000, interval: 250 },
      )
      .toBeGreaterThan(LINK_SECONDS * 2)
    expect(seen).not.toContain('error')
    expect(Date.now() / 1000).toBeGreaterThan(first.expireTime + 1)
    expect(Number(await app.page.getByTestId('recordings-player').getAttribute('data-resigns'))).toBeGreaterThan(0)
    expect(signResults().length).toBeGreaterThan(1)
    // The first link really is dead now: the cloud refuses it.
    expect((await fetch(first.url)).status).toBe(403)
  })

  /** Chromium headless is never hidden by itself: the page is told so, as a minimised window would be. */
  const setVisibility = (state: 'hidden' | 'visible') =>
    app.page.evaluate((value) => {
      const doc = (globalThis as unknown as { document: { dispatchEvent(e: unknown): void } }).document
      Object.defineProperty(doc, 'visibilityState', { value, configurable: true })
      doc.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('visibilitychange'))
    }, state)
  const hasStream = () => video().evaluate((v) => Boolean((v as unknown as { src: string }).src))

  it('plays faster, steps to the next event and saves the frame as a PNG', async () => {
    await expect.poll(status, { timeout: 15_000 }).toBe('playing')
    await app.page.getByTestId('recordings-speed').click()
    await app.page.getByRole('option', { name: '2×' }).click()
    await expect.poll(() => video().evaluate((v) => (v as unknown as { playbackRate: number }).playbackRate)).toBe(2)

    const here = await playheadTime()
    const starts = (await app.page.getByTestId('recordings-event').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-start'))))) as number[]
    // The next event, or the previous one when this was the day's last.
    const next = starts.find((s) => s > here + 1)
    const target = next ?? [...starts].reverse().find((s) => s < here - 1)
    expect(target).toBeDefined()
    await app.page.getByTestId(next !== undefined ? 'recordings-next-event' : 'recordings-previous-event').click()
    await expect.poll(async () => Math.abs((await playheadTime()) - target!) < 6, { timeout: 15_000 }).toBe(true)

    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('recordings-snapshot').click()])
    expect(download.suggestedFilename()).toMatch(/^recording-.*\.png$/)
    const chunks: Buffer[] = []
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  })

  it('lets the stream go while the window is hidden, and comes back paused where it was', async () => {
    await expect.poll(status).toBe('playing')
    const before = await playheadTime()
    await setVisibility('hidden')
    await expect.poll(status).toBe('idle')
    expect(await hasStream()).toBe(false)
    await setVisibility('visible')
    await expect.poll(status, { timeout: 15_000 }).toBe('paused')
    expect(await hasStream()).toBe(true)
    expect(Math.abs((await playheadTime()) - before)).toBeLessThanOrEqual(2)
  })

  it('stops fetching the recording once the user leaves the view', async () => {
    await app.page.getByTestId('recordings-play').click()
    await expect.poll(status, { timeout: 15_000 }).toBe('playing')
    const fetched: string[] = []
    app.page.on('request', (request) => {
      if (request.url().includes('/timeshift/')) fetched.push(request.url())
    })
    await app.page.getByRole('button', { name: 'Back to devices' }).click()
    await app.page.getByTestId('recordings-view').waitFor({ state: 'detached' })
    const afterLeaving = fetched.length
    await new Promise((resolve) => setTimeout(resolve, 5000))
    expect(fetched.length).toBe(afterLeaving)
  })
})
