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
