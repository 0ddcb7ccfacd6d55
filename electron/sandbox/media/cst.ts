/**
 * Calendar days of the cloud-storage actions. The reference names dates ("2021-01-14") but
 * no time zone (docs/api-decisions.md §6.7); Tencent's video cloud serves China and its example day
 * (TimeList 1610607600 = 2021-01-14 15:00 +08:00) sits inside 2021-01-14 in China Standard
 * Time, so the sandbox cuts days at midnight UTC+8 (no daylight saving time in China).
 */
export const DAY_SECONDS = 86_400

/** "YYYY-MM-DD" of a CST day (a day number of shared/time/china-time.ts's chinaDayOf). */
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
