/**
 * The cloud's recording days. lotVideoDescribeCloudStorageDate/Time name dates
 * ("2021-01-14") without a time zone (SEED-NOTES 7); the reference's example day
 * (TimeList 1610607600 = 2021-01-14 15:00 +08:00) and the sandbox cut them at midnight
 * China Standard Time (UTC+8, no daylight saving). The app shows the USER's local days, so
 * it maps between the two here and nowhere else.
 */
import { addDays, dayKeyOf, type DayBounds } from './local-day'

export const CLOUD_TIME_ZONE = 'Asia/Shanghai'
const CLOUD_OFFSET_SECONDS = 8 * 3600

/** Unix seconds of a cloud date's midnight (UTC+8). */
export function cloudDateStart(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 1000 - CLOUD_OFFSET_SECONDS
}

export function cloudDateOf(unixSeconds: number): string {
  return dayKeyOf(unixSeconds, CLOUD_TIME_ZONE)
}

/** The cloud dates a local day overlaps (one, or two when the zones differ), oldest first. */
export function cloudDatesOf(day: DayBounds): string[] {
  const first = cloudDateOf(day.start)
  const last = cloudDateOf(day.end - 1)
  const dates = [first]
  while (dates[dates.length - 1] !== last && dates.length < 3) dates.push(addDays(dates[dates.length - 1] as string, 1))
  return dates
}

/** The user's local days a cloud date overlaps: a day with recordings is marked on each. */
export function localDaysOf(date: string, timeZone: string): string[] {
  const start = cloudDateStart(date)
  const first = dayKeyOf(start, timeZone)
  const last = dayKeyOf(start + 86_399, timeZone)
  return first === last ? [first] : [first, last]
}
