/**
 * Clock times of timers and automations. The reference gives TimePoint and the effective
 * window as "HH:mm" without a time zone; the sandbox reads them in China Standard Time
 * (UTC+8, no daylight saving), the zone of Tencent's mainland cloud and of the push Time
 * stamps the reference prints ("+08:00").
 */
import { CHINA_OFFSET_MS } from '../../../shared/time/china-time'

export const MINUTE_MS = 60_000
const MINUTES_PER_DAY = 1440

/** One minute of the sandbox clock, seen in China Standard Time. */
export interface LocalMinute {
  /** Minutes since the Unix epoch (UTC), the engines' key. */
  epochMinute: number
  /** 0 Sunday … 6 Saturday: the index into a Days mask. */
  weekday: number
  /** Minutes after local midnight. */
  minuteOfDay: number
}

export function localMinute(epochMinute: number): LocalMinute {
  const local = epochMinute * MINUTE_MS + CHINA_OFFSET_MS
  const minuteOfDay = ((Math.floor(local / MINUTE_MS) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY
  return { epochMinute, weekday: new Date(local).getUTCDay(), minuteOfDay }
}

/** "HH:mm" or "H:mm" (the reference's AppModifyTimer example sends "9:30") → minutes; undefined if malformed. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!match) return undefined
  const [hours, minutes] = [Number(match[1]), Number(match[2])]
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined
}

/** Minutes → "HH:mm", as AppGetTimerList answers ("09:30"). */
export function formatClock(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

/** A Days / EffectiveDays mask: exactly seven 0/1 characters, Sunday first. */
export function isDayMask(text: string): boolean {
  return /^[01]{7}$/.test(text)
}

export function dayMarked(mask: string, weekday: number): boolean {
  return mask[weekday] === '1'
}

/** Within [begin, end], minutes included; a window with begin > end runs past midnight. */
export function inClockWindow(minuteOfDay: number, begin: number, end: number): boolean {
  return begin <= end ? minuteOfDay >= begin && minuteOfDay <= end : minuteOfDay >= begin || minuteOfDay <= end
}
