/**
 * The cloud-storage calls of one camera, through the bridge's api.call (main sends them in
 * the spelling the cloud answers, core/video/video-spelling.ts) and video.signUrl.
 */
import type { DeskClient } from '@/bridge'
import { cloudDatesOf, localDaysOf } from '@/utils/recordings/cloud-day'
import { chinaDateStart } from '@shared/time/china-time'
import type { DayBounds } from '@/utils/recordings/local-day'
import { eventOf, spansOf, type RecordingEvent, type RecordingSource } from '@/utils/recordings/sources'
import type { CloudStorageEvent, CloudStorageTimeInfo } from '@shared/api/action-types'
import { deviceParams } from '@shared/device-id'

/** Events per page asked for; the cloud may answer fewer (5 ≤ N ≤ 10 for 10, reference). */
const EVENT_PAGE_SIZE = 50
/** A day's events are read to the end, but never more pages than this. */
const MAX_EVENT_PAGES = 40

export function cloudStorage(desk: DeskClient, deviceId: string) {
  const camera = deviceParams(deviceId)
  const call = (action: string, params: Record<string, unknown> = {}) => desk.call('api.call', { action, params: { ...camera, ...params } })

  /** The user's local days with recordings. */
  async function recordedDays(timeZone: string): Promise<Set<string>> {
    const { data } = await call('lotVideoDescribeCloudStorageDate')
    const dates = Array.isArray(data.Data) ? data.Data.filter((d): d is string => typeof d === 'string') : []
    return new Set(dates.flatMap((d) => localDaysOf(d, timeZone)))
  }

  /** The day's playlists (one per cloud date it overlaps), each with its spans. */
  async function sourcesOf(day: DayBounds): Promise<RecordingSource[]> {
    const sources: RecordingSource[] = []
    for (const date of cloudDatesOf(day)) {
      // Cloud dates wholly outside the day would list nothing of it: skip the call.
      if (chinaDateStart(date) >= day.end) continue
      const { data } = await call('lotVideoDescribeCloudStorageTime', { Date: date })
      const spans = spansOf(data.TimeList as CloudStorageTimeInfo[] | undefined)
      const videoUrl = typeof data.VideoURL === 'string' ? data.VideoURL : ''
      if (spans.length && videoUrl) sources.push({ date, videoUrl, spans })
    }
    return sources
  }

  /** Every event of the day, oldest first: paged by Context until Listover, an empty Context or an empty page. */
  async function eventsOf(day: DayBounds, onPage?: (events: RecordingEvent[]) => void): Promise<RecordingEvent[]> {
    const all: RecordingEvent[] = []
    let context = ''
    for (let page = 0; page < MAX_EVENT_PAGES; page++) {
      const params = context ? { Context: context, Size: EVENT_PAGE_SIZE } : { StartTime: day.start, EndTime: day.end - 1, Size: EVENT_PAGE_SIZE }
      const { data } = await call('lotVideoDescribeCloudStorageEvents', params)
      const items = (Array.isArray(data.Events) ? (data.Events as CloudStorageEvent[]) : []).map(eventOf).filter((e) => e !== undefined)
      all.push(...items)
      onPage?.(sortEvents(all))
      context = typeof data.Context === 'string' ? data.Context : ''
      if (data.Listover === true || data.Listover === 'true' || !context || items.length === 0) break
    }
    return sortEvents(all)
  }

  async function thumbnailUrl(thumbnail: string): Promise<string> {
    const { data } = await call('lotVideoDescribeCloudStorageThumbnail', { Thumbnail: thumbnail })
    return typeof data.ThumbnailURL === 'string' ? data.ThumbnailURL : ''
  }

  const sign = (videoUrl: string) => desk.call('video.signUrl', { deviceId, videoUrl })

  return { recordedDays, sourcesOf, eventsOf, thumbnailUrl, sign }
}

function sortEvents(events: RecordingEvent[]): RecordingEvent[] {
  const seen = new Set<string>()
  return [...events]
    .sort((a, b) => a.start - b.start)
    .filter((e) => {
      const key = `${e.start}|${e.eventId}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}
