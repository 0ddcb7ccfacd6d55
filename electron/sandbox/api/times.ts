/** Date strings as the reference prints them (SEED-NOTES 4.6); everything else is Unix seconds or ms. */

const CHINA_OFFSET_MS = 8 * 3_600_000

/** `2019-12-17T19:39:21+08:00` (AppListUserShareDevices CreateTime): seconds, China Standard Time. */
export function rfc3339China(ms: number): string {
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

/**
 * `2019-11-27T11:52:01.42Z` (AppGetMessages CreateAt): UTC with the fraction's trailing
 * zeros dropped, and no fraction at all on a whole second, as Go's RFC3339Nano prints it.
 */
export function rfc3339Utc(ms: number): string {
  const iso = new Date(ms).toISOString()
  const fraction = iso.slice(20, 23).replace(/0+$/, '')
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`
}
