/**
 * China Standard Time (UTC+8, no daylight saving): the zone of Tencent's mainland cloud.
 * The reference prints its date strings in it ("2023-07-13T14:19:48+08:00"), and names
 * cloud-storage days ("2021-01-14") and timer clock times without a zone, meaning it.
 * The app, its renderer and the sandbox take the offset from here and nowhere else.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai'
export const CHINA_OFFSET_SECONDS = 8 * 3600
export const CHINA_OFFSET_MS = CHINA_OFFSET_SECONDS * 1000
const DAY_SECONDS = 86_400

/** RFC 3339 in China time: `2023-07-13T14:19:48+08:00`, with `.SSS` when `millis`. */
export function chinaRfc3339(ms: number, millis = false): string {
  const local = new Date(ms + CHINA_OFFSET_MS).toISOString()
  return `${local.slice(0, millis ? 23 : 19)}+08:00`
}

/** Days since 1970-01-01 in China time. */
export function chinaDayOf(unixSeconds: number): number {
  return Math.floor((unixSeconds + CHINA_OFFSET_SECONDS) / DAY_SECONDS)
}

/** Unix seconds of a China-time day's midnight. */
export function chinaDayStart(day: number): number {
  return day * DAY_SECONDS - CHINA_OFFSET_SECONDS
}

/** Unix seconds of the midnight that starts a China date ("2021-01-14"). */
export function chinaDateStart(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 1000 - CHINA_OFFSET_SECONDS
}
