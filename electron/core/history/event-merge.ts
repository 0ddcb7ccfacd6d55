/** A device's events from the cache and from the cloud, as one time-ordered list. */
import type { HistoryEventMark } from '../../../shared/history'
import type { Span } from './spans'

/** The events of one span. */
export interface EventPiece {
  span: Span
  events: HistoryEventMark[]
}

/** Ordered by time (stable: a second's events keep the cloud's order), exact repeats dropped. */
export function mergeEventPieces(pieces: readonly EventPiece[]): HistoryEventMark[] {
  const all = [...pieces].sort((a, b) => a.span.fromMs - b.span.fromMs).flatMap((piece) => piece.events)
  all.sort((a, b) => a.timeMs - b.timeMs)
  const seen = new Set<string>()
  return all.filter((e) => {
    const key = `${e.timeMs}\n${e.eventId}\n${e.type}\n${e.data}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
