/**
 * Date strings as the reference prints them; everything else is Unix seconds or ms. China
 * time ones (AppListUserShareDevices CreateTime) come from shared/time/china-time.ts.
 */

/**
 * `2019-11-27T11:52:01.42Z` (AppGetMessages CreateAt): UTC with the fraction's trailing
 * zeros dropped, and no fraction at all on a whole second, as Go's RFC3339Nano prints it.
 */
export function rfc3339Utc(ms: number): string {
  const iso = new Date(ms).toISOString()
  const fraction = iso.slice(20, 23).replace(/0+$/, '')
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`
}
