import { useI18n } from 'vue-i18n'
import { ageOf } from '@/utils/format'

/**
 * Texts like "2 h ago", shared by every reader and kept per locale: a device list refilled by
 * a filter shows ages already translated, instead of one message with a parameter translated
 * per row (~0.15 ms of a typed search's script for the rows drawn).
 */
const texts = new Map<string, string>()

/** The age of `thenMs` at `nowMs`, in the current locale (read, and so followed, by the caller). */
export function useAgeText(): (thenMs: number, nowMs: number) => string {
  const { t, locale } = useI18n()
  return (thenMs, nowMs) => {
    const { unit, count } = ageOf(thenMs, nowMs)
    const key = `${locale.value} ${unit} ${count}`
    let text = texts.get(key)
    if (text === undefined) texts.set(key, (text = t(`devices.age.${unit}`, { count })))
    return text
  }
}
