import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Product } from '@shared/domain'
import RecordingsView from '@/views/RecordingsView.vue'
import { offsetAt } from '@/utils/recordings/timeline'
import { fakeDesk, type FakeDesk } from './fake-desk'
import { hlsInstances, lastHls } from './fake-hls'
import { Blank, mountWithApp } from './mount-app'

vi.mock('hls.js', () => import('./fake-hls'))
// The user's zone, fixed: which local days a cloud (UTC+8) date covers depends on it.
vi.mock('@/utils/recordings/local-day', async (importOriginal) => ({ ...(await importOriginal<object>()), userTimeZone: () => 'UTC' }))

const utc = (iso: string) => Date.parse(iso) / 1000
const CAMERA_ID = 'CAM9V4N7ZE/cam_0001'
const camera: Product = { productId: 'CAM9V4N7ZE', name: 'IP camera', description: '', netType: 'wifi', categoryId: 590, thingModel: { properties: [], actions: [], events: [] } }
// Late in the cloud's (UTC+8) day 2026-03-10, so it lies in the last local day that date covers in any zone.
const SPAN = { start: utc('2026-03-10T15:00:00Z'), end: utc('2026-03-10T15:30:00Z') }
const PLAYLIST = 'http://cloud.test/timeshift/CAM9V4N7ZE/cam_0001/day.m3u8'
const NOTHING_AFTER = 'Nothing was recorded after this moment on this day.'
const routes = [
  { path: '/families/:familyId/devices/:deviceId/recordings', name: 'recordings', component: RecordingsView },
  { path: '/families/:familyId/devices', name: 'devices', component: Blank },
]

/** The day's playlist is held back until the test lets it go; events answer at once. */
function mountHeldBack(eventStart: number) {
  let release!: () => void
  const playlistArrived = new Promise<void>((resolve) => (release = resolve))
  const desk = fakeDesk({
    'products.list': () => [camera],
    'video.recordedDates': () => ({ dates: ['2026-03-10'] }),
    'video.dayRecordings': async ({ date }) => {
      await playlistArrived
      return date === '2026-03-10' ? { videoUrl: PLAYLIST, spans: [SPAN] } : { videoUrl: '', spans: [] }
    },
    'video.events': () => ({ events: [{ start: eventStart, end: eventStart + 10, eventId: 'motion_detect', thumbnail: 'ev.jpg' }], context: '', listover: true }),
    'video.thumbnail': () => ({ url: 'http://cloud.test/ev.jpg' }),
    'video.signUrl': ({ videoUrl }) => ({ url: `${videoUrl}?sign=1`, expireTime: Math.floor(Date.now() / 1000) + 3600, requestId: 'r-1' }),
  })
  const mounting = mountWithApp(RecordingsView, { desk, path: `/families/f-1/devices/${encodeURIComponent(CAMERA_ID)}/recordings`, routes })
  return { desk, mounting, release }
}

const signed = (desk: FakeDesk) => desk.calls.filter((c) => c.command === 'video.signUrl').map((c) => (c.args as { videoUrl: string }).videoUrl)
const toldNothingAfter = () => [...document.querySelectorAll('.el-message')].some((m) => m.textContent?.includes(NOTHING_AFTER))

let mounted: VueWrapper | null = null
beforeEach(() => {
  hlsInstances.length = 0
})
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.querySelectorAll('.el-message').forEach((m) => m.remove())
})

describe('an event clicked before the day’s playlist has arrived', { timeout: 20_000 }, () => {
  it('plays from the event once the playlist arrives, without saying nothing was recorded', async () => {
    const eventStart = SPAN.start + 600
    const { desk, mounting, release } = mountHeldBack(eventStart)
    mounted = (await mounting).wrapper
    await mounted.get('[data-testid="recordings-event"]').trigger('click')
    await flushPromises()
    expect(signed(desk)).toEqual([])
    expect(toldNothingAfter()).toBe(false)

    release()
    await flushPromises()
    expect(signed(desk)).toEqual([PLAYLIST])
    expect(lastHls().config.startPosition).toBe(offsetAt([SPAN], eventStart))
    expect(toldNothingAfter()).toBe(false)
  })

  it('says nothing was recorded after it only when the arrived playlist has nothing after it', async () => {
    const { desk, mounting, release } = mountHeldBack(SPAN.end + 60)
    mounted = (await mounting).wrapper
    await mounted.get('[data-testid="recordings-event"]').trigger('click')
    await flushPromises()
    expect(toldNothingAfter()).toBe(false)

    release()
    await flushPromises()
    expect(toldNothingAfter()).toBe(true)
    expect(signed(desk)).toEqual([])
  })
})

describe('opening the page', { timeout: 20_000 }, () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the newest day with recordings, the day before when today has none yet, and unmarks that empty today', async () => {
    // 00:19 UTC on 11 March is 08:19 in China: its date 2026-03-11 began at 16:00 UTC the day
    // before, and its only recording (02:00 China time) lies in the UTC user's 10 March.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-11T00:19:00Z') })
    const early = { start: utc('2026-03-10T18:00:00Z'), end: utc('2026-03-10T18:20:00Z') }
    const desk = fakeDesk({
      'products.list': () => [camera],
      'video.recordedDates': () => ({ dates: ['2026-03-10', '2026-03-11'] }),
      'video.dayRecordings': ({ date }) => ({ videoUrl: PLAYLIST, spans: date === '2026-03-10' ? [SPAN] : date === '2026-03-11' ? [early] : [] }),
      'video.events': () => ({ events: [], context: '', listover: true }),
    })
    mounted = (await mountWithApp(RecordingsView, { desk, path: `/families/f-1/devices/${encodeURIComponent(CAMERA_ID)}/recordings`, routes })).wrapper
    await flushPromises()
    expect(mounted.find('[data-testid="recordings-day-empty"]').exists()).toBe(false)
    expect(mounted.get('[data-testid="recordings-summary"]').text()).toMatch(/^Tuesday, March 10, 2026 · 2 recordings/)
    const marked = mounted.findAll('[data-testid="recordings-day"][data-recorded="true"]').map((d) => d.attributes('data-day'))
    expect(marked).toEqual(['2026-03-09', '2026-03-10']) // 11 March's mark is gone: it holds nothing yet
  })
})
