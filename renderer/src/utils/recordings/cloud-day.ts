/**
 * The cloud's recording days. lotVideoDescribeCloudStorageDate/Time name dates
 * ("2021-01-14") without a time zone (docs/api-decisions.md §6.7); the reference's example day
 * (TimeList 1610607600 = 2021-01-14 15:00 +08:00) and the sandbox cut them at midnight
 * China Standard Time (UTC+8, no daylight saving). The app shows the USER's local days, so
 * it maps between the two here and nowhere else.
 */
import { chinaDateStart, CHINA_TIME_ZONE } from '@shared/time/china-time'
import { addDays, dayKeyOf, type DayBounds } from './local-day'

export function cloudDateOf(unixSeconds: number): string {
  return dayKeyOf(unixSeconds, CHINA_TIME_ZONE)
}

/** The cloud dates a local day overlaps (one, or two when the zones differ), oldest first. */
export function cloudDatesOf(day: DayBounds): string[] {
  const first = cloudDateOf(day.start)
  const last = cloudDateOf(day.end - 1)
  const dates = [first]
  while (dates[dates.length - 1] !== last && dates.length < 3) dates.push(addDays(dates[dates.length - 1] as string, 1))
  return dates
}

/**
 * The user's local days a cloud date overlaps up to now: a day with recordings is marked on
 * each. Today's cloud date runs into tomorrow west of China, and nothing there is recorded yet.
 */
export function localDaysOf(date: string, timeZone: string, nowSec: number): string[] {
  const start = chinaDateStart(date)
  const first = dayKeyOf(start, timeZone)
  const last = dayKeyOf(Math.max(start, Math.min(start + 86_399, nowSec)), timeZone)
  return first === last ? [first] : [first, last]
}
