/**
 * A camera's cloud storage as it stands now, coherent with the rest of the world:
 * - the last `historyDays` CST days (none before the camera was bound, nothing in the future,
 *   nothing after it went offline: its last report);
 * - only while cloud recording was on: the `record_enable` history (backfilled, then every
 *   report, so AppControlDeviceData switching it off stops the timeline from then on);
 * - the generated spans of each day (media/recordings.ts), plus a one-minute clip around
 *   each event the camera posted itself (its thing-model `motion_alarm`, the same events
 *   AppListEventHistory lists), as event-triggered recording does;
 * - event markers: those posted events, and the generated video-analytics detections inside
 *   the spans, the motion ones only while `motion_detect` was on.
 */
import type { CloudState } from '../actions/registry'
import type { Device } from '../world/model'
import { chinaDayOf, chinaDayStart } from '../../../shared/time/china-time'
import { ANALYTICS_NEED_MOTION_DETECT, ceilToGrid, floorToGrid, recordedDay, type CloudEvent, type Span } from './recordings'
import { isWithin, onIntervals, type Interval } from './switch-intervals'

/** A posted event's clip: this long before it and after it. */
const CLIP_BEFORE = 8
const CLIP_AFTER = 52
/** How long a posted event's marker lasts (the device reports an instant). */
const POSTED_EVENT_SECONDS = 30

type ArchiveCloud = Pick<CloudState, 'options' | 'world' | 'history'>

export class CameraArchive {
  /** Recorded spans, oldest first, on the segment grid, never overlapping. */
  readonly spans: readonly Span[]
  /** Events inside the spans, oldest first, one per StartTime. */
  readonly events: readonly CloudEvent[]

  constructor(cloud: ArchiveCloud, device: Readonly<Device>, nowSec: number) {
    const days = cloud.options.historyDays
    const today = chinaDayOf(nowSec)
    const firstDay = days > 0 ? today - days + 1 : chinaDayOf(cloud.history.startMs / 1000)
    const from = Math.max(days > 0 ? chinaDayStart(firstDay) : cloud.history.startMs / 1000, device.createTime)
    const to = Math.min(nowSec, device.online ? Infinity : lastSeen(device))
    const recording = clipIntervals(switchHistory(cloud, device, 'record_enable', to), from, to)
    const detecting = switchHistory(cloud, device, 'motion_detect', to)
    const generated: Span[] = []
    const events: CloudEvent[] = []
    for (let day = firstDay; day <= today; day++) {
      const recorded = recordedDay(cloud.world.seed, device.deviceId, day)
      generated.push(...recorded.spans.flatMap((s) => intersect(s, recording)))
      events.push(...recorded.events.filter((e) => !ANALYTICS_NEED_MOTION_DETECT.has(e.eventId) || isWithin(detecting, e.start)))
    }
    const posted = postedEvents(cloud, device, from, to).filter((e) => isWithin(recording, e.start))
    const clips = posted.flatMap((e) => intersect({ start: e.start - CLIP_BEFORE, end: e.start + CLIP_AFTER }, recording))
    this.spans = merge([...generated, ...clips])
    this.events = markers([...events, ...posted], this.spans)
  }

  /** CST days with at least one recorded span, oldest first. */
  days(): number[] {
    return [...new Set(this.spans.map((s) => chinaDayOf(s.start)))]
  }

  /** The recorded parts of [from, to), widened to the segment grid. */
  spansBetween(from: number, to: number): Span[] {
    return this.spans.flatMap((span) => intersect(span, [{ start: floorToGrid(from), end: ceilToGrid(to) }]))
  }

  /** Events starting in [from, to], oldest first. */
  eventsBetween(from: number, to: number): CloudEvent[] {
    return this.events.filter((e) => e.start >= from && e.start <= to)
  }

  eventStartingAt(start: number): CloudEvent | undefined {
    return this.events.find((e) => e.start === start)
  }

  /** Whether a segment starting at `t` was recorded. */
  hasSegment(t: number): boolean {
    return t === floorToGrid(t) && this.spans.some((s) => t >= s.start && t < s.end)
  }
}

function switchHistory(cloud: ArchiveCloud, device: Readonly<Device>, propertyId: string, to: number): Interval[] {
  const points = cloud.history.propertyPoints(device as Device, propertyId, 0, to * 1000)
  const current = device.properties.get(propertyId)
  return onIntervals(points, current === undefined || Number(current.value) === 1)
}

/** The events the camera posted (backfilled history, then live reports). */
function postedEvents(cloud: ArchiveCloud, device: Readonly<Device>, from: number, to: number): CloudEvent[] {
  return cloud.history.events(device as Device, from * 1000, to * 1000).map((e) => {
    const start = Math.floor(e.timeMs / 1000)
    return { eventId: e.eventId, start, end: start + POSTED_EVENT_SECONDS }
  })
}

/** The device's last report: an offline camera uploaded nothing since. */
function lastSeen(device: Readonly<Device>): number {
  let lastMs = 0
  for (const state of device.properties.values()) lastMs = Math.max(lastMs, state.lastUpdateMs)
  return lastMs > 0 ? lastMs / 1000 : device.updateTime
}

function clipIntervals(intervals: readonly Interval[], from: number, to: number): Interval[] {
  return intervals.map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) })).filter((i) => i.end > i.start)
}

/** The parts of a span inside the intervals, shrunk to the segment grid. */
function intersect(span: Span, intervals: readonly Interval[]): Span[] {
  const out: Span[] = []
  for (const i of intervals) {
    const start = ceilToGrid(Math.max(span.start, i.start))
    const end = floorToGrid(Math.min(span.end, i.end))
    if (end > start) out.push({ start, end })
  }
  return out
}

function merge(spans: Span[]): Span[] {
  const out: Span[] = []
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1]
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else out.push({ ...span })
  }
  return out
}

/** Events starting inside a span, ending with it at the latest; one per second (thumbnails are named by it). */
function markers(events: CloudEvent[], spans: readonly Span[]): CloudEvent[] {
  const seen = new Set<number>()
  const out: CloudEvent[] = []
  for (const e of events.sort((a, b) => a.start - b.start)) {
    const span = spans.find((s) => e.start >= s.start && e.start < s.end)
    if (!span || seen.has(e.start)) continue
    seen.add(e.start)
    out.push({ ...e, end: Math.min(e.end, span.end) })
  }
  return out
}
