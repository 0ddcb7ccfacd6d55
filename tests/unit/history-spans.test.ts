import { describe, expect, it } from 'vitest'
import { intersect, mergeSpans, planSegments, splitSpan, spanLength, totalLength, uncovered, type Span } from '../../electron/core/history/spans'

const s = (fromMs: number, toMs: number): Span => ({ fromMs, toMs })

/** Every millisecond of `range` lies in exactly one of `parts`, and parts are in order. */
function expectExactCover(range: Span, parts: Span[]): void {
  expect(parts[0]?.fromMs).toBe(range.fromMs)
  expect(parts[parts.length - 1]?.toMs).toBe(range.toMs)
  for (let i = 1; i < parts.length; i++) expect(parts[i]!.fromMs).toBe(parts[i - 1]!.toMs + 1)
  for (const part of parts) expect(part.fromMs).toBeLessThanOrEqual(part.toMs)
}

describe('history spans (closed intervals, both ends included)', () => {
  it('merges overlapping and touching spans, not ones a millisecond apart', () => {
    expect(mergeSpans([s(10, 20), s(0, 5), s(6, 8), s(21, 21), s(30, 40), s(35, 36)])).toEqual([s(0, 8), s(10, 21), s(30, 40)])
    expect(mergeSpans([s(0, 5), s(7, 9)])).toEqual([s(0, 5), s(7, 9)])
    expect(mergeSpans([])).toEqual([])
  })

  it('finds the gaps a range has around covered spans', () => {
    expect(uncovered(s(0, 100), [])).toEqual([s(0, 100)])
    expect(uncovered(s(0, 100), [s(0, 100)])).toEqual([])
    expect(uncovered(s(0, 100), [s(-50, 10), s(40, 59), s(60, 70), s(95, 500)])).toEqual([s(11, 39), s(71, 94)])
    expect(uncovered(s(10, 20), [s(0, 5), s(30, 40)])).toEqual([s(10, 20)])
    // A widened range: only the two new ends are gaps.
    expect(uncovered(s(0, 1000), [s(200, 800)])).toEqual([s(0, 199), s(801, 1000)])
  })

  it('intersects', () => {
    expect(intersect(s(0, 10), s(5, 20))).toEqual(s(5, 10))
    expect(intersect(s(0, 10), s(10, 20))).toEqual(s(10, 10))
    expect(intersect(s(0, 10), s(11, 20))).toBeNull()
  })

  it('splits a span into equal parts that cover it exactly, with no shared boundary', () => {
    for (const [range, parts] of [
      [s(0, 99), 8],
      [s(1_700_000_000_000, 1_700_604_800_000), 8],
      [s(5, 7), 8],
      [s(3, 3), 4],
      [s(0, 1000), 1],
    ] as [Span, number][]) {
      const pieces = splitSpan(range, parts)
      expectExactCover(range, pieces)
      expect(pieces.length).toBe(Math.min(parts, spanLength(range)))
      const lengths = pieces.map(spanLength)
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1)
    }
  })

  it('shares segments among gaps by length and never cuts below the minimum', () => {
    const gaps = [s(0, 5_999), s(10_000, 11_999)]
    const plan = planSegments(gaps, 8, 100)
    expect(plan.filter((p) => p.toMs < 6_000)).toHaveLength(6)
    expect(plan.filter((p) => p.fromMs >= 10_000)).toHaveLength(2)
    expect(totalLength(plan)).toBe(totalLength(gaps))
    // A 150 ms gap with a 100 ms minimum is one segment, whatever was asked.
    expect(planSegments([s(0, 149)], 8, 100)).toEqual([s(0, 149)])
    // Several properties share the job's segments: half the length, half the segments.
    expect(planSegments([s(0, 9_999)], 8, 1, 20_000)).toHaveLength(4)
  })
})
