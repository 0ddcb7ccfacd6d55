/**
 * What the cloud answers about a day, in the app's terms. lotVideoDescribeCloudStorageTime
 * gives, per cloud date, the spans and one VideoURL playing them back to back: one
 * "source". A local day takes one or two sources (cloud-day.ts).
 */
import { playableFrom, type Span } from './timeline'

export interface RecordingSource {
  /** The cloud date (UTC+8) it came from. */
  date: string
  videoUrl: string
  /** Oldest first, not overlapping: the playlist's order. */
  spans: Span[]
}

export interface RecordingEvent {
  start: number
  end: number
  eventId: string
  /** The thumbnail's file name, signed on demand (video.thumbnail). */
  thumbnail: string
}

/** Where playback for a click at `t` starts: the source and the moment (gaps skipped forward). */
export function playbackTarget(sources: readonly RecordingSource[], t: number): { source: RecordingSource; at: number } | undefined {
  for (const source of sources) {
    const at = playableFrom(source.spans, t)
    if (at !== undefined) return { source, at }
  }
  return undefined
}
