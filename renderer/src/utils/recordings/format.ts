/** Clock and duration labels of the recordings views, in the user's zone and language. */
const clocks = new Map<string, Intl.DateTimeFormat>()

export function formatTimeOfDay(unixSeconds: number, locale: string, timeZone: string, seconds = true): string {
  const key = `${locale}|${timeZone}|${seconds}`
  let f = clocks.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) })
    clocks.set(key, f)
  }
  return f.format(new Date(unixSeconds * 1000))
}

/** "1 h 05 min" / "12 min" / "40 s": how much was recorded. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.round(totalSeconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return `${m} min`
  return `${s} s`
}

export function formatDayLabel(key: string, locale: string): string {
  const [y = 1970, m = 1, d = 1] = key.split('-').map(Number)
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'full' }).format(new Date(Date.UTC(y, m - 1, d)))
}
