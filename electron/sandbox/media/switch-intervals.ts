/**
 * When a camera's on/off setting (record_enable, motion_detect) was on, read from its
 * property history: every report holds until the next; before the first report the value
 * is taken to be the first report's (the history's settings are steady).
 */
import type { HistoryPoint } from '../history/device-history'

export interface Interval {
  /** Unix seconds; -Infinity / Infinity for "since ever" / "still on". */
  start: number
  end: number
}

/** The on-intervals, in time order, not clipped. `current` serves when there is no report at all. */
export function onIntervals(points: Iterable<HistoryPoint>, current: boolean): Interval[] {
  const out: Interval[] = []
  let state: boolean | undefined
  let openedAt = -Infinity
  for (const point of points) {
    const on = Number(point.value) === 1
    // Whole seconds, as event times are: a motion in the same second as the switch counts as after it.
    const t = Math.floor(point.timeMs / 1000)
    if (state === undefined) state = on
    else if (on && !state) openedAt = t
    else if (!on && state) out.push({ start: openedAt, end: t })
    state = on
  }
  if (state ?? current) out.push({ start: openedAt, end: Infinity })
  return out
}

export function isWithin(intervals: readonly Interval[], t: number): boolean {
  return intervals.some((i) => t >= i.start && t < i.end)
}
