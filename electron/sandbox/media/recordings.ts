/**
 * What a camera uploaded to cloud storage: per CST day, several recorded spans with gaps
 * between them and video-analytics event markers (motion, person, sound) inside the spans. A day is a pure
 * function of (seed, deviceId, day), generated on first use and cached, so recordings cost
 * nothing until someone looks and are the same on every run with the same seed.
 *
 * Spans start and end on the SEGMENT_SECONDS grid of absolute time: the playlists the
 * sandbox serves are that many seconds per segment, so what the timeline reports is
 * exactly what plays (the segment durations add up to the span).
 */
import { Rng } from '../prng'
import { hashKey } from '../sim/seed-hash'
import { DAY_SECONDS } from './cst'
import { chinaDayStart } from '../../../shared/time/china-time'

/** Duration of every served segment (the fixtures are cut at this length). */
export const SEGMENT_SECONDS = 4

export interface Span {
  /** Unix seconds, on the segment grid. */
  start: number
  /** Exclusive, on the segment grid. */
  end: number
}

/**
 * Event identifiers. The reference's EventId filter ("a specific event") and its example
 * (every item "id1_data") read as an event-type identifier, not a per-occurrence id; an
 * occurrence is identified by camera + StartTime (its thumbnail name carries both). The
 * generated ones are the cloud's video analytics; the camera's own thing-model events
 * (motion_alarm) join them in camera-archive.ts.
 */
export const ANALYTICS_EVENT_IDS = ['motion_detect', 'person_detect', 'sound_detect'] as const
/** Detections that only run while the camera's motion detection (motion_detect) is on. */
export const ANALYTICS_NEED_MOTION_DETECT: ReadonlySet<string> = new Set(['motion_detect'])

export interface CloudEvent {
  eventId: string
  start: number
  end: number
}

export interface DayRecording {
  spans: Span[]
  events: CloudEvent[]
}

const MINUTE = 60
const EVENT_WEIGHTS: Readonly<Record<(typeof ANALYTICS_EVENT_IDS)[number], number>> = { motion_detect: 60, person_detect: 25, sound_detect: 15 }

const cache = new Map<string, DayRecording>()
/** Bounds the cache (10 000 devices x history); regeneration is cheap and identical. */
const CACHE_LIMIT = 50_000

export function recordedDay(seed: number, deviceId: string, day: number): DayRecording {
  const key = `${seed}|${deviceId}|${day}`
  let record = cache.get(key)
  if (!record) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    record = generateDay(new Rng(hashKey(seed, 'cloud-video', deviceId, day)), chinaDayStart(day))
    cache.set(key, record)
  }
  return record
}

/** Spans of 2..40 minutes separated by 30..240 minutes: about 3 recorded hours a day. */
function generateDay(rng: Rng, dayStart: number): DayRecording {
  const spans: Span[] = []
  const events: CloudEvent[] = []
  const dayEnd = dayStart + DAY_SECONDS
  let t = dayStart + floorToGrid(rng.int(0, 90 * MINUTE))
  for (;;) {
    const length = floorToGrid(rng.int(2 * MINUTE, 40 * MINUTE))
    if (t + length > dayEnd) break
    const span = { start: t, end: t + length }
    spans.push(span)
    events.push(...eventsIn(rng, span))
    t = span.end + floorToGrid(rng.int(30 * MINUTE, 240 * MINUTE))
  }
  return { spans, events }
}

/** One to one per five minutes, one per equal slot of the span, so they never overlap. */
function eventsIn(rng: Rng, span: Span): CloudEvent[] {
  const length = span.end - span.start
  const count = rng.int(1, Math.ceil(length / (5 * MINUTE)))
  const slot = Math.floor(length / Math.max(count, 1))
  const out: CloudEvent[] = []
  for (let i = 0; i < count; i++) {
    const slotStart = span.start + i * slot
    const start = slotStart + rng.int(0, Math.max(0, slot - 10))
    const end = Math.min(start + rng.int(6, 60), slotStart + slot)
    out.push({ eventId: rng.weighted(EVENT_WEIGHTS), start, end: Math.max(end, start + 1) })
  }
  return out
}

export function floorToGrid(t: number): number {
  return Math.floor(t / SEGMENT_SECONDS) * SEGMENT_SECONDS
}

export function ceilToGrid(t: number): number {
  return Math.ceil(t / SEGMENT_SECONDS) * SEGMENT_SECONDS
}
