import { afterEach, describe, expect, it } from 'vitest'
import { useApi } from '@/api'
import { setDeskClient } from '@/bridge'
import { cloudStorage } from '@/composables/recordings/cloud-storage'
import { dayBounds } from '@/utils/recordings/local-day'
import { fakeDesk, type Handlers } from './fake-desk'

const CAMERA = 'CAM9V4N7ZE/cam_0001'
const utc = (iso: string) => Date.parse(iso) / 1000

function storageAnswering(handlers: Handlers) {
  const desk = fakeDesk(handlers)
  setDeskClient(desk)
  return { desk, storage: cloudStorage(useApi(), CAMERA) }
}

afterEach(() => setDeskClient(null))

describe("a camera's cloud storage, as the recordings view reads it", () => {
  it("marks the user's local days from the cloud's UTC+8 dates", async () => {
    const { desk, storage } = storageAnswering({ 'video.recordedDates': () => ({ dates: ['2026-03-10', '2026-03-12'] }) })
    const days = await storage.recordedDays('Europe/Berlin')
    expect([...days].sort()).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'])
    expect(desk.calls).toEqual([{ command: 'video.recordedDates', args: { deviceId: CAMERA } }])
  })

  it('reads both cloud dates a Berlin day overlaps, each as its own playlist', async () => {
    const span = { start: utc('2026-03-10T02:00:00Z'), end: utc('2026-03-10T02:10:00Z') }
    const answers = [
      { videoUrl: 'http://cloud/a.m3u8', spans: [span] },
      { videoUrl: '', spans: [] },
    ]
    const { desk, storage } = storageAnswering({ 'video.dayRecordings': () => answers.shift()! })
    const sources = await storage.sourcesOf(dayBounds('2026-03-10', 'Europe/Berlin'))
    expect(desk.calls.map((c) => (c.args as { date: string }).date)).toEqual(['2026-03-10', '2026-03-11'])
    expect(sources).toEqual([{ date: '2026-03-10', videoUrl: 'http://cloud/a.m3u8', spans: [span] }])
  })

  it('pages events until the listing is over, oldest first, without duplicates', async () => {
    const ev = (t: number, eventId = 'motion_detect') => ({ start: t, end: t + 10, eventId, thumbnail: `/1/P/cam/events/${t}.jpg` })
    const pages = [
      { events: [ev(300), ev(200)], context: 'c1', listover: false },
      { events: [ev(200), ev(100, 'person_detect')], context: 'c2', listover: true },
    ]
    const { desk, storage } = storageAnswering({ 'video.events': () => pages.shift()! })
    const events = await storage.eventsOf({ start: 0, end: 1000 })
    expect(events.map((e) => [e.start, e.eventId])).toEqual([
      [100, 'person_detect'],
      [200, 'motion_detect'],
      [300, 'motion_detect'],
    ])
    expect(desk.calls.map((c) => c.args)).toEqual([
      { deviceId: CAMERA, fromS: 0, toS: 999, context: undefined, size: 50 },
      { deviceId: CAMERA, fromS: 0, toS: 999, context: 'c1', size: 50 },
    ])
  })

  it('asks main to sign playback links for this camera', async () => {
    const { desk, storage } = storageAnswering({ 'video.signUrl': ({ videoUrl }) => ({ url: `${videoUrl}?sign=1`, expireTime: 99, requestId: 'r-2' }) })
    expect(await storage.sign('http://cloud/a.m3u8')).toEqual({ url: 'http://cloud/a.m3u8?sign=1', expireTime: 99, requestId: 'r-2' })
    expect(desk.calls).toEqual([{ command: 'video.signUrl', args: { deviceId: CAMERA, videoUrl: 'http://cloud/a.m3u8' } }])
  })
})
