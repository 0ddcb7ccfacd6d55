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
