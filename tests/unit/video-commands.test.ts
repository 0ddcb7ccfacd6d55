import { describe, expect, it } from 'vitest'
import { scriptedCloud, type Answer } from '../support/scripted-cloud'
import { videoCommands } from '../../electron/core/video/commands'

/** The commands under test on a scripted cloud. */
function cloudAnswering(answers: Record<string, Answer[]>) {
  const { call, sent } = scriptedCloud(answers)
  return { commands: videoCommands(call, () => 0), sent }
}

const camera = { ProductId: 'CAM9V4N7ZE', DeviceName: 'cam_0001' }
const deviceId = 'CAM9V4N7ZE/cam_0001'

describe("the recordings commands read a camera's cloud storage", () => {
  it('lists the recorded cloud dates', async () => {
    const { commands, sent } = cloudAnswering({ lotVideoDescribeCloudStorageDate: [{ Data: ['2026-03-10', '2026-03-12'] }] })
    expect(await commands['video.recordedDates']({ deviceId })).toEqual({ dates: ['2026-03-10', '2026-03-12'] })
    expect(sent).toEqual([{ action: 'lotVideoDescribeCloudStorageDate', params: camera }])
  })

  it("reads a date's spans in order, numbers given as text, empty spans dropped", async () => {
    const { commands } = cloudAnswering({
      lotVideoDescribeCloudStorageTime: [{ VideoURL: 'http://cloud/a.m3u8', TimeList: [{ StartTime: '200', EndTime: 300 }, { StartTime: 100, EndTime: 150 }, { StartTime: 400, EndTime: 400 }] }],
    })
    expect(await commands['video.dayRecordings']({ deviceId, date: '2026-03-10' })).toEqual({
      videoUrl: 'http://cloud/a.m3u8',
      spans: [
        { start: 100, end: 150 },
        { start: 200, end: 300 },
      ],
    })
  })

  it('asks a page of events by time, then by cursor, and says when the listing is over', async () => {
    const { commands, sent } = cloudAnswering({
      lotVideoDescribeCloudStorageEvents: [
        { Events: [{ StartTime: 300, EndTime: 310, EventId: 'motion', Thumbnail: 't.jpg' }], Context: 'c1', Listover: false },
        { Events: [{ StartTime: 5, EventId: 'x', Thumbnail: 't' }], Context: '', Listover: 'false' },
        { Events: [], Context: 'more', Listover: false },
      ],
    })
    const first = await commands['video.events']({ deviceId, fromS: 0, toS: 999, size: 50 })
    expect(first).toEqual({ events: [{ start: 300, end: 310, eventId: 'motion', thumbnail: 't.jpg' }], context: 'c1', listover: false })
    const second = await commands['video.events']({ deviceId, fromS: 0, toS: 999, context: 'c1', size: 50 })
    // An empty cursor ends the listing whatever Listover says; an event without an end lasts a second.
    expect(second).toEqual({ events: [{ start: 5, end: 6, eventId: 'x', thumbnail: 't' }], context: '', listover: true })
    expect((await commands['video.events']({ deviceId, fromS: 0, toS: 999, context: 'c2', size: 50 })).listover).toBe(true)
    expect(sent.map((s) => s.params)).toEqual([
      { ...camera, StartTime: 0, EndTime: 999, Size: 50 },
      { ...camera, Context: 'c1', Size: 50 },
      { ...camera, Context: 'c2', Size: 50 },
    ])
  })

  it('refuses an answer whose events are not a list, naming the action and RequestId', async () => {
    const { commands } = cloudAnswering({ lotVideoDescribeCloudStorageEvents: [{ Events: 'none', Context: '' }] })
    await expect(commands['video.events']({ deviceId, fromS: 0, toS: 1, size: 50 })).rejects.toMatchObject({
      code: 'Desk.MalformedResponse',
      action: 'lotVideoDescribeCloudStorageEvents',
      requestId: 'r-1',
    })
  })
})
