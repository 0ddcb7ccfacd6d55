/**
 * HLS playlists of recorded spans, built at request time. Every SEGMENT_SECONDS of a span
 * is one segment; the segment starting at absolute time t plays fixture (t / 4) mod 3, so
 * consecutive segments play consecutive fixtures and their timestamps run on. Where they
 * do not (a gap between spans, or the wrap from the last fixture back to the first) an
 * EXT-X-DISCONTINUITY tells the player; a gap also restates the wall-clock time
 * (EXT-X-PROGRAM-DATE-TIME, UTC+8), so a player can map playback to the timeline.
 * A playlist's duration is therefore exactly the recorded time it covers.
 */
import { chinaRfc3339 } from '../../../shared/time/china-time'
import { VIDEO_SEGMENTS } from './fixtures'
import { SEGMENT_SECONDS, type Span } from './recordings'
import { segmentName, type StreamKind } from './urls'

export function fixtureIndexAt(t: number): number {
  return Math.floor(t / SEGMENT_SECONDS) % VIDEO_SEGMENTS.length
}

/** `query(t)` gives the signed query of the segment starting at t. */
export function buildPlaylist(spans: readonly Span[], kind: StreamKind, query: (t: number) => string): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ]
  let previous: number | undefined
  for (const span of spans) {
    for (let t = span.start; t < span.end; t += SEGMENT_SECONDS) {
      const gap = previous === undefined || t !== previous + SEGMENT_SECONDS
      if (previous !== undefined && (gap || fixtureIndexAt(t) === 0)) lines.push('#EXT-X-DISCONTINUITY')
      if (gap) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${chinaRfc3339(t * 1000, true)}`)
      lines.push(`#EXTINF:${SEGMENT_SECONDS.toFixed(3)},`, `${segmentName(kind, t)}?${query(t)}`)
      previous = t
    }
  }
  lines.push('#EXT-X-ENDLIST', '')
  return lines.join('\n')
}
