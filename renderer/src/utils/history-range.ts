/** Time ranges of the history view: presets counted back from now, or a custom range. */
export type RangePreset = '1h' | '24h' | '7d' | '30d' | 'custom'

const HOUR = 3_600_000
export const PRESET_MS: Readonly<Record<Exclude<RangePreset, 'custom'>, number>> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
}
export const PRESETS = Object.keys(PRESET_MS) as Exclude<RangePreset, 'custom'>[]

export interface TimeRange {
  fromMs: number
  toMs: number
}

export function isPreset(value: unknown): value is RangePreset {
  return value === 'custom' || (typeof value === 'string' && value in PRESET_MS)
}

/** The range a preset means at `nowMs` (whole seconds, so repeated opens hit the same cache spans). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, nowMs: number): TimeRange {
  const toMs = Math.floor(nowMs / 1000) * 1000
  return { fromMs: toMs - PRESET_MS[preset], toMs }
}

/** Ids from a query like `devices` or `properties`: comma separated, trimmed, no repeats. */
export function parseIdList(query: unknown): string[] {
  const text = Array.isArray(query) ? query.join(',') : typeof query === 'string' ? query : ''
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))]
}
