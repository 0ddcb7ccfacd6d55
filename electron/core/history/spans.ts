/**
 * Time spans as closed integer intervals [fromMs, toMs], both ends included, because
 * AppGetDeviceDataHistory's MinTime and MaxTime are both inclusive (the sandbox keeps
 * fromMs <= time <= toMs). Two spans touch when one ends the millisecond before the other
 * starts, so splitting at b gives [.., b - 1] and [b, ..]: no point is read twice or missed.
 */

export interface Span {
  fromMs: number
  toMs: number
}

export const spanLength = (span: Span): number => span.toMs - span.fromMs + 1

/** The part of `a` inside `b`, or null when they do not overlap. */
export function intersect(a: Span, b: Span): Span | null {
  const fromMs = Math.max(a.fromMs, b.fromMs)
  const toMs = Math.min(a.toMs, b.toMs)
  return fromMs <= toMs ? { fromMs, toMs } : null
}

/** Sorted, with overlapping and touching spans joined into one. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.fromMs <= s.toMs).sort((a, b) => a.fromMs - b.fromMs)
  const merged: Span[] = []
  for (const span of sorted) {
    const last = merged[merged.length - 1]
    if (last && span.fromMs <= last.toMs + 1) last.toMs = Math.max(last.toMs, span.toMs)
    else merged.push({ ...span })
  }
  return merged
}

/** The parts of `range` no span of `covered` includes, in time order. */
export function uncovered(range: Span, covered: readonly Span[]): Span[] {
  const gaps: Span[] = []
  let next = range.fromMs
  for (const span of mergeSpans(covered)) {
    if (span.toMs < next) continue
    if (span.fromMs > range.toMs) break
    if (span.fromMs > next) gaps.push({ fromMs: next, toMs: span.fromMs - 1 })
    next = span.toMs + 1
  }
  if (next <= range.toMs) gaps.push({ fromMs: next, toMs: range.toMs })
  return gaps
}

/**
 * `span` cut into `parts` consecutive spans of (nearly) equal length that together cover it
 * exactly. Fewer parts when the span has fewer milliseconds than `parts`.
 */
export function splitSpan(span: Span, parts: number): Span[] {
  const length = spanLength(span)
  const count = Math.max(1, Math.min(Math.floor(parts), length))
  const out: Span[] = []
  for (let i = 0; i < count; i++) {
    const fromMs = span.fromMs + Math.floor((i * length) / count)
    const toMs = span.fromMs + Math.floor(((i + 1) * length) / count) - 1
    out.push({ fromMs, toMs })
  }
  return out
}

/**
 * Shares `segments` among `gaps` in proportion to their length (each gap at least one), and
 * never cuts a gap into pieces shorter than `minSegmentMs`: a one-minute gap is one request,
 * however many segments were asked for. `totalMs` is the length the segments are shared
 * over (several properties' gaps share one job's segments).
 */
export function planSegments(gaps: readonly Span[], segments: number, minSegmentMs: number, totalMs = totalLength(gaps)): Span[] {
  const total = totalMs
  return gaps.flatMap((gap) => {
    const share = Math.round((segments * spanLength(gap)) / Math.max(1, total))
    const parts = Math.min(Math.max(1, share), Math.max(1, Math.floor(spanLength(gap) / minSegmentMs)))
    return splitSpan(gap, parts)
  })
}

export function totalLength(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + spanLength(span), 0)
}
