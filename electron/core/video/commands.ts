/** The recordings commands of the bridge (shared/contracts/video.ts): a camera's cloud storage. */
import type { videoContract } from '../../../shared/contracts/video'
import { readAnswer } from '../api/answers/read'
import { dayRecordingsShape, recordedDatesShape, recordingEventsShape, thumbnailShape } from '../api/answers/video'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import type { DomainHandlers } from '../dispatcher'
import { deviceParams } from '../../../shared/device-id'
import { signVideoUrl } from './signed-video-url'

/**
 * `call` sends cloud-storage actions in the spelling the current cloud answers
 * (video-spelling.ts); `now` and `linkSeconds` decide how long signed links live.
 */
export function videoCommands(call: CloudCall, now: () => number, linkSeconds?: number): DomainHandlers<typeof videoContract> {
  const read = async <T extends Parameters<typeof readAnswer>[0]>(action: string, deviceId: string, params: Params, shape: T) =>
    readAnswer(shape, await call(action, { ...deviceParams(deviceId), ...params }), action)
  return {
    'video.recordedDates': async ({ deviceId }) => ({
      dates: (await read('lotVideoDescribeCloudStorageDate', deviceId, {}, recordedDatesShape)).Data,
    }),
    'video.dayRecordings': async ({ deviceId, date }) => {
      const day = await read('lotVideoDescribeCloudStorageTime', deviceId, { Date: date }, dayRecordingsShape)
      const spans = day.TimeList.map((s) => ({ start: s.StartTime, end: s.EndTime }))
        .filter((s) => s.end > s.start)
        .sort((a, b) => a.start - b.start)
      return { videoUrl: day.VideoURL, spans }
    },
    'video.events': async ({ deviceId, fromS, toS, context, size }) => {
      const params = context ? { Context: context, Size: size } : { StartTime: fromS, EndTime: toS, Size: size }
      const page = await read('lotVideoDescribeCloudStorageEvents', deviceId, params, recordingEventsShape)
      const events = page.Events.map((e) => ({
        start: e.StartTime,
        end: e.EndTime !== null && e.EndTime !== undefined && e.EndTime > e.StartTime ? e.EndTime : e.StartTime + 1,
        eventId: e.EventId,
        thumbnail: e.Thumbnail,
      }))
      return { events, context: page.Context, listover: page.Listover || page.Context === '' || events.length === 0 }
    },
    'video.thumbnail': async ({ deviceId, thumbnail }) => ({
      url: (await read('lotVideoDescribeCloudStorageThumbnail', deviceId, { Thumbnail: thumbnail }, thumbnailShape)).ThumbnailURL,
    }),
    'video.signUrl': async (request) => signVideoUrl(call, request, now(), linkSeconds),
  }
}
