/**
 * The cloud's day masks (Days, EffectiveDays, a timer condition's Days): seven 0/1
 * characters, Sunday first ("0111110" is Monday to Friday), and its clock times, which it
 * may print without the leading zero ("9:30").
 */
import { WEEKDAYS, type Weekday } from '../../../shared/schedule'

export function daysToMask(days: readonly Weekday[]): string {
  return WEEKDAYS.map((day) => (days.includes(day) ? '1' : '0')).join('')
}

/** The marked days of a mask; null when it is not seven 0/1 characters. */
export function maskToDays(mask: string): Weekday[] | null {
  if (!/^[01]{7}$/.test(mask)) return null
  return WEEKDAYS.filter((_, i) => mask[i] === '1')
}

/** "H:mm" or "HH:mm" → "HH:mm"; null when it is no clock time. */
export function normalizeClock(text: string): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!match) return null
  const [hours, minutes] = [Number(match[1]), Number(match[2])]
  return hours < 24 && minutes < 60 ? `${String(hours).padStart(2, '0')}:${match[2]}` : null
}
