/** Cloud times are Unix seconds in most places and milliseconds in a few; accept both. */
export function toMillis(time: number): number {
  return time > 1e12 ? time : time * 1000
}

const formatters = new Map<string, Intl.DateTimeFormat>()

export function formatDateTime(time: number | null | undefined, locale: string): string {
  if (!time) return '—'
  let format = formatters.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    formatters.set(locale, format)
  }
  return format.format(new Date(toMillis(time)))
}

const secondFormatters = new Map<string, Intl.DateTimeFormat>()

/** Date and time to the second (audit entries), from Unix seconds or milliseconds. */
export function formatDateTimeSeconds(time: number | null | undefined, locale: string): string {
  if (!time) return '—'
  let format = secondFormatters.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
    secondFormatters.set(locale, format)
  }
  return format.format(new Date(toMillis(time)))
}

/** HH:mm (24-hour) of a Unix time, for "expires at" notices. */
export function formatClock(time: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(toMillis(time)))
}

/** How long ago, in the largest unit that reads naturally ("3 min", "2 h", "5 d"). */
export interface Age {
  unit: 'justNow' | 'minutes' | 'hours' | 'days'
  count: number
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

export function ageOf(thenMs: number, nowMs: number): Age {
  const ms = Math.max(0, nowMs - thenMs)
  if (ms < MINUTE_MS) return { unit: 'justNow', count: 0 }
  if (ms < HOUR_MS) return { unit: 'minutes', count: Math.floor(ms / MINUTE_MS) }
  if (ms < 2 * DAY_MS) return { unit: 'hours', count: Math.floor(ms / HOUR_MS) }
  return { unit: 'days', count: Math.floor(ms / DAY_MS) }
}
