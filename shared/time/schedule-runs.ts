/**
 * The moments a timer implies, in China time: a repeating timer runs at its time on every
 * marked day while it is enabled; a one-off runs once, at the first matching minute after
 * it was last changed, and then switches itself off.
 */
import { WEEKDAYS, type Weekday } from '../schedule'
import { CHINA_OFFSET_MS } from './china-time'

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

export interface TimerTiming {
  days: readonly Weekday[]
  /** "HH:mm", China time. */
  time: string
  repeat: boolean
  enabled: boolean
  /** Unix seconds of the last change (a one-off counts from here). */
  updateTime: number
}

/** Unix ms of each run within [fromMs, toMs), at most `limit`. Runs before `nowMs` are those it would have made. */
export function timerRunTimes(timer: TimerTiming, fromMs: number, toMs: number, nowMs: number, limit = 1000): number[] {
  if (!timer.repeat) {
    const once = oneOffRun(timer)
    const happens = once !== null && (once < nowMs || timer.enabled)
    return happens && once >= fromMs && once < toMs ? [once] : []
  }
  if (!timer.enabled) return []
  const runs: number[] = []
  for (let at = firstRunFrom(timer, fromMs); at < toMs && runs.length < limit; at = nextDay(at)) {
    if (timer.days.includes(weekdayAt(at))) runs.push(at)
  }
  return runs
}

/** The one run of a one-off timer: the first minute at its time, on a marked day (any day if none), after its last change. */
function oneOffRun(timer: TimerTiming): number | null {
  const armed = Math.ceil((timer.updateTime * 1000) / MINUTE_MS) * MINUTE_MS
  let at = firstRunFrom(timer, armed)
  for (let i = 0; i < 8; i++, at = nextDay(at)) {
    if (timer.days.length === 0 || timer.days.includes(weekdayAt(at))) return at
  }
  return null
}

/** The first moment at or after `fromMs` at the timer's clock time. */
function firstRunFrom(timer: TimerTiming, fromMs: number): number {
  const [hours = 0, minutes = 0] = timer.time.split(':').map(Number)
  const localMidnight = Math.floor((fromMs + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
  const at = localMidnight + (hours * 60 + minutes) * MINUTE_MS
  return at >= fromMs ? at : nextDay(at)
}

const nextDay = (at: number) => at + DAY_MS

function weekdayAt(ms: number): Weekday {
  return WEEKDAYS[new Date(ms + CHINA_OFFSET_MS).getUTCDay()] as Weekday
}
