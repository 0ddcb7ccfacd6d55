/**
 * Calendar days of the cloud-storage actions. The reference names dates ("2021-01-14") but
 * no time zone (SEED-NOTES 6.7); Tencent's video cloud serves China and its example day
 * (TimeList 1610607600 = 2021-01-14 15:00 +08:00) sits inside 2021-01-14 in China Standard
 * Time, so the sandbox cuts days at midnight UTC+8 (no daylight saving time in China).
 */
export const DAY_SECONDS = 86_400
export const CST_OFFSET_SECONDS = 8 * 3600

/** Days since 1970-01-01 in UTC+8. */
export function cstDayOf(unixSeconds: number): number {
  return Math.floor((unixSeconds + CST_OFFSET_SECONDS) / DAY_SECONDS)
}

/** Unix seconds of the day's midnight in UTC+8. */
export function cstDayStart(day: number): number {
  return day * DAY_SECONDS - CST_OFFSET_SECONDS
}

/** "YYYY-MM-DD" of a CST day. */
export function formatCstDate(day: number): string {
  return new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10)
}

/** The CST day of a strict "YYYY-MM-DD" calendar date; undefined if malformed or not a real date. */
export function parseCstDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, day)
  if (formatCstDate(ms / 1000 / DAY_SECONDS) !== text) return undefined
  return ms / 1000 / DAY_SECONDS
}

/** ISO 8601 with the +08:00 offset, for #EXT-X-PROGRAM-DATE-TIME. */
export function cstIso(unixSeconds: number): string {
  const local = new Date((unixSeconds + CST_OFFSET_SECONDS) * 1000).toISOString()
  return `${local.slice(0, 23)}+08:00`
}
