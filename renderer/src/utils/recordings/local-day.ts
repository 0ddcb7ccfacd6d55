/**
 * The user's calendar days in a given IANA time zone. A day runs from its local midnight to
 * the next one, so it lasts 23 or 25 hours on daylight-saving changes. Keys are "YYYY-MM-DD".
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The browser's zone: the day the user sees on their wall clock. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Wall-clock fields of an instant (ms) in the zone. */
function wallClock(ms: number, timeZone: string): number[] {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k]))
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const [y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallClock(ms, timeZone)
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000
}

const pad = (n: number) => String(n).padStart(2, '0')

function keyOfUtc(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

function utcOfKey(key: string): number {
  const [y = 1970, m = 1, d = 1] = key.split('-').map(Number)
  return Date.UTC(y, m - 1, d)
}

/** The local day (key) holding a Unix second. */
export function dayKeyOf(unixSeconds: number, timeZone: string): string {
  const [y = 1970, mo = 1, d = 1] = wallClock(unixSeconds * 1000, timeZone)
  return `${y}-${pad(mo)}-${pad(d)}`
}

export function addDays(key: string, days: number): string {
  return keyOfUtc(utcOfKey(key) + days * 86_400_000)
}

/** Unix seconds of the day's local midnight. */
export function dayStart(key: string, timeZone: string): number {
  const wall = utcOfKey(key)
  // Two rounds settle on the offset in force at that midnight, also next to a DST change.
  let t = wall - zoneOffsetMs(wall, timeZone)
  t = wall - zoneOffsetMs(t, timeZone)
  return t / 1000
}

export interface DayBounds {
  start: number
  /** Exclusive: the next day's midnight. */
  end: number
}

export function dayBounds(key: string, timeZone: string): DayBounds {
  return { start: dayStart(key, timeZone), end: dayStart(addDays(key, 1), timeZone) }
}

/** Seconds since the day's local midnight, as shown on the timeline's clock labels. */
export function wallSeconds(unixSeconds: number, timeZone: string): number {
  const [, , , h = 0, mi = 0, s = 0] = wallClock(unixSeconds * 1000, timeZone)
  return h * 3600 + mi * 60 + s
}

/** The weekday (0 = Sunday) of a day key; day keys name the same date everywhere. */
export function weekdayOf(key: string): number {
  return new Date(utcOfKey(key)).getUTCDay()
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
