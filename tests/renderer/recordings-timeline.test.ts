import { describe, expect, it } from 'vitest'
import { cloudDatesOf, localDaysOf } from '@/utils/recordings/cloud-day'
import { chinaDateStart } from '@shared/time/china-time'
import { addDays, dayBounds, dayKeyOf, wallSeconds } from '@/utils/recordings/local-day'
import { playbackTarget, type RecordingSource } from '@/utils/recordings/sources'
import { clipSpans, offsetAt, playableFrom, timeAtOffset, timeToX, xToTime, zoomView } from '@/utils/recordings/timeline'

const utc = (iso: string) => Date.parse(iso) / 1000
const BERLIN = 'Europe/Berlin'
const SHANGHAI = 'Asia/Shanghai'
const NEW_YORK = 'America/New_York'

describe('time ↔ pixel position', () => {
  const view = { from: utc('2026-03-10T00:00:00Z'), to: utc('2026-03-10T02:00:00Z') }
  it('maps the window onto the width and back', () => {
    expect(timeToX(view.from, view, 800)).toBe(0)
    expect(timeToX(view.from + 3600, view, 800)).toBe(400)
    expect(xToTime(200, view, 800)).toBe(view.from + 1800)
    for (const x of [0, 37, 512, 800]) expect(timeToX(xToTime(x, view, 800), view, 800)).toBeCloseTo(x, 6)
  })
  it('keeps clicks outside the bar on its edges', () => {
    expect(xToTime(-10, view, 800)).toBe(view.from)
    expect(xToTime(900, view, 800)).toBe(view.to)
  })
  it('zooms around the anchor and never leaves the day', () => {
    const day = { start: view.from, end: view.from + 86_400 }
    const anchor = view.from + 1800
    const zoomed = zoomView(view, 0.5, anchor, day)
    expect(zoomed.to - zoomed.from).toBe(3600)
    expect(timeToX(anchor, zoomed, 800)).toBeCloseTo(timeToX(anchor, view, 800), 6)
    expect(zoomView(view, 100, anchor, day)).toEqual({ from: day.start, to: day.end })
    expect(zoomView(view, 0.0001, anchor, day).to - zoomView(view, 0.0001, anchor, day).from).toBe(120)
  })
})

describe('time ↔ recording offset', () => {
  // Two spans with a 10-minute gap: the playlist plays 0..600 then 600..900.
  const spans = [
    { start: 1000, end: 1600 },
    { start: 2200, end: 2500 },
  ]
  it('counts only recorded seconds, skipping the gap', () => {
    expect(offsetAt(spans, 1000)).toBe(0)
    expect(offsetAt(spans, 1300)).toBe(300)
    expect(offsetAt(spans, 1900)).toBe(600)
    expect(offsetAt(spans, 2300)).toBe(700)
  })
  it('gives back the moment an offset plays, and nothing past the end', () => {
    expect(timeAtOffset(spans, 300)).toBe(1300)
    expect(timeAtOffset(spans, 600)).toBe(2200)
    expect(timeAtOffset(spans, 899.5)).toBe(2499.5)
    expect(timeAtOffset(spans, 900)).toBeUndefined()
    for (const t of [1000, 1599, 2200, 2499]) expect(timeAtOffset(spans, offsetAt(spans, t))).toBe(t)
  })
  it('starts a click in a gap at the next recording', () => {
    expect(playableFrom(spans, 1900)).toBe(2200)
    expect(playableFrom(spans, 1200)).toBe(1200)
    expect(playableFrom(spans, 2600)).toBeUndefined()
  })
})

describe('day boundaries and time zones', () => {
  it("cuts the user's own day in each zone", () => {
    expect(dayBounds('2026-03-10', BERLIN)).toEqual({ start: utc('2026-03-09T23:00:00Z'), end: utc('2026-03-10T23:00:00Z') })
    expect(dayBounds('2026-03-10', SHANGHAI)).toEqual({ start: utc('2026-03-09T16:00:00Z'), end: utc('2026-03-10T16:00:00Z') })
    // New York springs forward on 2026-03-08: that day has 23 hours.
    const short = dayBounds('2026-03-08', NEW_YORK)
    expect(short.end - short.start).toBe(23 * 3600)
    expect(dayKeyOf(utc('2026-03-09T23:30:00Z'), BERLIN)).toBe('2026-03-10')
    expect(dayKeyOf(utc('2026-03-09T23:30:00Z'), SHANGHAI)).toBe('2026-03-10')
    expect(dayKeyOf(utc('2026-03-09T15:30:00Z'), SHANGHAI)).toBe('2026-03-09')
    expect(wallSeconds(utc('2026-03-10T00:30:00Z'), BERLIN)).toBe(5400)
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
  })

  it('splits a span crossing local midnight between the two days', () => {
    const span = { start: utc('2026-03-10T22:30:00Z'), end: utc('2026-03-10T23:20:00Z') } // 23:30–00:20 in Berlin
    const monday = dayBounds('2026-03-10', BERLIN)
    const tuesday = dayBounds('2026-03-11', BERLIN)
    expect(clipSpans([span], monday.start, monday.end)).toEqual([{ start: span.start, end: monday.end }])
    expect(clipSpans([span], tuesday.start, tuesday.end)).toEqual([{ start: tuesday.start, end: span.end }])
    // Clicking Tuesday's first minute plays 30 minutes into the span's playlist.
    const source: RecordingSource = { date: '2026-03-11', videoUrl: 'http://cloud/x.m3u8', spans: [span] }
    const target = playbackTarget([source], tuesday.start)
    expect(target?.at).toBe(tuesday.start)
    expect(offsetAt(source.spans, tuesday.start)).toBe(1800)
  })

  it('asks the cloud for the UTC+8 dates a local day overlaps', () => {
    expect(chinaDateStart('2021-01-14')).toBe(utc('2021-01-13T16:00:00Z'))
    // Shanghai's day is the cloud's day; Berlin's day straddles two cloud dates.
    expect(cloudDatesOf(dayBounds('2026-03-10', SHANGHAI))).toEqual(['2026-03-10'])
    expect(cloudDatesOf(dayBounds('2026-03-10', BERLIN))).toEqual(['2026-03-10', '2026-03-11'])
    const later = utc('2026-04-01T00:00:00Z')
    expect(localDaysOf('2026-03-10', SHANGHAI, later)).toEqual(['2026-03-10'])
    expect(localDaysOf('2026-03-10', BERLIN, later)).toEqual(['2026-03-09', '2026-03-10'])
  })

  it('marks no local day that has not begun: just after China’s midnight, today’s cloud date is still yesterday in Berlin', () => {
    // 2026-03-10 00:30 China time = 2026-03-09 17:30 Berlin: the cloud date has recordings, but Berlin's 10th has not come.
    const justAfter = utc('2026-03-09T16:30:00Z')
    expect(localDaysOf('2026-03-10', BERLIN, justAfter)).toEqual(['2026-03-09'])
    expect(localDaysOf('2026-03-10', 'UTC', justAfter)).toEqual(['2026-03-09'])
    expect(localDaysOf('2026-03-10', SHANGHAI, justAfter)).toEqual(['2026-03-10'])
  })
})
