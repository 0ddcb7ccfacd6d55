/**
 * Timeline arithmetic: wall-clock time (Unix seconds) ↔ pixel position in the visible
 * window ↔ offset into a recording's playlist. A playlist plays its spans back to back
 * (gaps skipped), so the offset of a moment is the recorded time before it.
 */
export interface Span {
  start: number
  /** Exclusive. */
  end: number
}

/** The visible part of the day. */
export interface ViewWindow {
  from: number
  to: number
}

export function timeToX(t: number, view: ViewWindow, width: number): number {
  return ((t - view.from) / (view.to - view.from)) * width
}

export function xToTime(x: number, view: ViewWindow, width: number): number {
  return view.from + (Math.min(Math.max(x, 0), width) / width) * (view.to - view.from)
}

/** The parts of the spans inside [from, to): a span crossing midnight shows on both days. */
export function clipSpans(spans: readonly Span[], from: number, to: number): Span[] {
  return spans.flatMap((s) => (s.end > from && s.start < to ? [{ start: Math.max(s.start, from), end: Math.min(s.end, to) }] : []))
}

/** Seconds of recording before `t` (t inside a gap counts everything before the gap). */
export function offsetAt(spans: readonly Span[], t: number): number {
  let offset = 0
  for (const s of spans) {
    if (t <= s.start) break
    offset += Math.min(t, s.end) - s.start
  }
  return offset
}

/** The moment played at a playlist offset; undefined past the last span. */
export function timeAtOffset(spans: readonly Span[], offset: number): number | undefined {
  let left = Math.max(0, offset)
  for (const s of spans) {
    const length = s.end - s.start
    if (left < length) return s.start + left
    left -= length
  }
  return undefined
}

/** Where playback asked for at `t` starts: t itself when recorded, else the next span's start (gaps are skipped). */
export function playableFrom(spans: readonly Span[], t: number): number | undefined {
  for (const s of spans) {
    if (t < s.start) return s.start
    if (t < s.end) return t
  }
  return undefined
}

/** Narrowest zoom: two minutes across the whole timeline. */
export const MIN_VIEW_SECONDS = 120

/** Zooms by `factor` (< 1 zooms in) around `anchor`, kept within the day. */
export function zoomView(view: ViewWindow, factor: number, anchor: number, day: Span): ViewWindow {
  const full = day.end - day.start
  const length = Math.min(full, Math.max(MIN_VIEW_SECONDS, (view.to - view.from) * factor))
  const ratio = (anchor - view.from) / (view.to - view.from)
  return clampView(anchor - ratio * length, length, day)
}

/** Moves the window by `seconds`, kept within the day. */
export function panView(view: ViewWindow, seconds: number, day: Span): ViewWindow {
  return clampView(view.from + seconds, view.to - view.from, day)
}

function clampView(from: number, length: number, day: Span): ViewWindow {
  const start = Math.min(Math.max(from, day.start), day.end - length)
  return { from: start, to: start + length }
}

/** Tick spacing for about `count` labels across the window: a round number of minutes or hours. */
export function tickStep(view: ViewWindow, count = 8): number {
  const steps = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600]
  const wanted = (view.to - view.from) / count
  return steps.find((s) => s >= wanted) ?? 21600
}
