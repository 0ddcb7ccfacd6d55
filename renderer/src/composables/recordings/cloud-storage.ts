/** One camera's cloud storage, through the video domain of the bridge. */
import type { DeskApi } from '@/api'
import { cloudDatesOf, localDaysOf } from '@/utils/recordings/cloud-day'
import { chinaDateStart } from '@shared/time/china-time'
import type { DayBounds } from '@/utils/recordings/local-day'
import type { RecordingEvent, RecordingSource } from '@/utils/recordings/sources'

/** Events per page asked for; the cloud may answer fewer (5 ≤ N ≤ 10 for 10, reference). */
const EVENT_PAGE_SIZE = 50
/** A day's events are read to the end, but never more pages than this. */
const MAX_EVENT_PAGES = 40

export function cloudStorage(api: DeskApi, deviceId: string) {
  /** The user's local days with recordings. */
  async function recordedDays(timeZone: string): Promise<Set<string>> {
    const { dates } = await api.video.recordedDates({ deviceId })
    const nowSec = Date.now() / 1000
    return new Set(dates.flatMap((d) => localDaysOf(d, timeZone, nowSec)))
  }

  /** The day's playlists (one per cloud date it overlaps), each with its spans. */
  async function sourcesOf(day: DayBounds): Promise<RecordingSource[]> {
    const sources: RecordingSource[] = []
    for (const date of cloudDatesOf(day)) {
      // Cloud dates wholly outside the day would list nothing of it: skip the call.
      if (chinaDateStart(date) >= day.end) continue
      const { videoUrl, spans } = await api.video.dayRecordings({ deviceId, date })
      if (spans.length && videoUrl) sources.push({ date, videoUrl, spans })
    }
    return sources
  }

  /** Every event of the day, oldest first: paged until the listing is over. */
  async function eventsOf(day: DayBounds, onPage?: (events: RecordingEvent[]) => void): Promise<RecordingEvent[]> {
    const all: RecordingEvent[] = []
    let context = ''
    for (let page = 0; page < MAX_EVENT_PAGES; page++) {
      const answer = await api.video.events({ deviceId, fromS: day.start, toS: day.end - 1, context: context || undefined, size: EVENT_PAGE_SIZE })
      all.push(...answer.events)
      onPage?.(sortEvents(all))
      context = answer.context
      if (answer.listover) break
    }
    return sortEvents(all)
  }

  async function thumbnailUrl(thumbnail: string): Promise<string> {
    return (await api.video.thumbnail({ deviceId, thumbnail })).url
  }

  const sign = (videoUrl: string) => api.video.signUrl({ deviceId, videoUrl })

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
