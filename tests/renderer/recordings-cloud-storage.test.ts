import { describe, expect, it } from 'vitest'
import { cloudStorage } from '@/composables/recordings/cloud-storage'
import { dayBounds } from '@/utils/recordings/local-day'
import { fakeDesk } from './fake-desk'

const CAMERA = 'CAM9V4N7ZE/cam_0001'
const utc = (iso: string) => Date.parse(iso) / 1000

type Answer = Record<string, unknown>

/** A desk whose api.call answers per action from a list (one answer per call, in order). */
function deskAnswering(answers: Record<string, Answer[]>) {
  const desk = fakeDesk({
    'api.call': ({ action }) => {
      const next = answers[action]?.shift()
      if (!next) throw new Error(`unexpected ${action}`)
      return { action, requestId: 'r-1', data: next }
    },
  })
  const params = (action: string) => desk.calls.filter((c) => (c.args as { action: string }).action === action).map((c) => (c.args as { params: Answer }).params)
  return { desk, params }
}

describe("a camera's cloud storage, as the recordings view reads it", () => {
  it("marks the user's local days from the cloud's UTC+8 dates", async () => {
    const { desk, params } = deskAnswering({ lotVideoDescribeCloudStorageDate: [{ Data: ['2026-03-10', '2026-03-12'] }] })
    const days = await cloudStorage(desk, CAMERA).recordedDays('Europe/Berlin')
    expect([...days].sort()).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'])
    expect(params('lotVideoDescribeCloudStorageDate')).toEqual([{ ProductId: 'CAM9V4N7ZE', DeviceName: 'cam_0001' }])
  })

  it('reads both cloud dates a Berlin day overlaps, each as its own playlist', async () => {
    const { desk, params } = deskAnswering({
      lotVideoDescribeCloudStorageTime: [
        { VideoURL: 'http://cloud/a.m3u8', TimeList: [{ StartTime: utc('2026-03-10T02:00:00Z'), EndTime: utc('2026-03-10T02:10:00Z') }] },
        { VideoURL: '', TimeList: [] },
      ],
    })
    const sources = await cloudStorage(desk, CAMERA).sourcesOf(dayBounds('2026-03-10', 'Europe/Berlin'))
    expect(params('lotVideoDescribeCloudStorageTime').map((p) => p.Date)).toEqual(['2026-03-10', '2026-03-11'])
    expect(sources).toEqual([{ date: '2026-03-10', videoUrl: 'http://cloud/a.m3u8', spans: [{ start: utc('2026-03-10T02:00:00Z'), end: utc('2026-03-10T02:10:00Z') }] }])
  })

  it('pages events by Context until Listover, oldest first, without duplicates', async () => {
    const ev = (t: number, id = 'motion_detect') => ({ StartTime: t, EndTime: t + 10, EventId: id, Thumbnail: `/1/P/cam/events/${t}.jpg` })
    const { desk, params } = deskAnswering({
      lotVideoDescribeCloudStorageEvents: [
        { Events: [ev(300), ev(200)], Context: 'c1', Listover: false },
        { Events: [ev(200), ev(100, 'person_detect')], Context: 'c2', Listover: true },
      ],
    })
    const events = await cloudStorage(desk, CAMERA).eventsOf({ start: 0, end: 1000 })
    expect(events.map((e) => [e.start, e.eventId])).toEqual([
      [100, 'person_detect'],
      [200, 'motion_detect'],
      [300, 'motion_detect'],
    ])
    expect(params('lotVideoDescribeCloudStorageEvents')).toEqual([
      { ProductId: 'CAM9V4N7ZE', DeviceName: 'cam_0001', StartTime: 0, EndTime: 999, Size: 50 },
      { ProductId: 'CAM9V4N7ZE', DeviceName: 'cam_0001', Context: 'c1', Size: 50 },
    ])
  })

  it('stops paging on an empty Context or an empty page, whatever Listover says', async () => {
    const { desk } = deskAnswering({
      lotVideoDescribeCloudStorageEvents: [{ Events: [{ StartTime: 5, EndTime: 6, EventId: 'x', Thumbnail: 't' }], Context: '', Listover: false }],
    })
    expect(await cloudStorage(desk, CAMERA).eventsOf({ start: 0, end: 10 })).toHaveLength(1)
    const empty = deskAnswering({ lotVideoDescribeCloudStorageEvents: [{ Events: [], Context: 'more', Listover: false }] })
    expect(await cloudStorage(empty.desk, CAMERA).eventsOf({ start: 0, end: 10 })).toEqual([])
  })

  it('asks main to sign playback links for this camera', async () => {
    const desk = fakeDesk({ 'video.signUrl': ({ videoUrl }) => ({ url: `${videoUrl}?sign=1`, expireTime: 99, requestId: 'r-2' }) })
    expect(await cloudStorage(desk, CAMERA).sign('http://cloud/a.m3u8')).toEqual({ url: 'http://cloud/a.m3u8?sign=1', expireTime: 99, requestId: 'r-2' })
    expect(desk.calls).toEqual([{ command: 'video.signUrl', args: { deviceId: CAMERA, videoUrl: 'http://cloud/a.m3u8' } }])
  })
})
