/** Time to the millisecond in the user's locale and time zone: history points are exact. */
const formats = new Map<string, Intl.DateTimeFormat>()

export function exactTime(ms: number, locale: string): string {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
    })
    formats.set(locale, format)
  }
  return format.format(new Date(ms))
}
