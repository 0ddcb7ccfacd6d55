/**
 * Timers between the app's terms and the cloud's: days as a Days mask, the values as Data
 * (JSON text), repeat as Repeat 0/1, enabled as Status 0/1. The only place that knows them.
 */
import { deviceParams, joinDeviceId } from '../../../shared/device-id'
import type { Timer, TimerSettings } from '../../../shared/schedule'
import type { TimerItem } from '../api/answers/schedule'
import type { Params } from '../api/cloud-client'
import { daysToMask, maskToDays, normalizeClock } from './week-mask'

/** What AppCreateTimer and AppModifyTimer both take. */
export function timerParams(deviceId: string, settings: TimerSettings): Params {
  return {
    ...deviceParams(deviceId),
    TimerName: settings.name,
    Days: daysToMask(settings.days),
    TimePoint: settings.time,
    Repeat: settings.repeat ? 1 : 0,
    Data: JSON.stringify(settings.values),
  }
}

/** A listed timer; null with the reason when the cloud's Days or TimePoint cannot be read. */
export function readTimer(item: TimerItem): { timer: Timer } | { problem: string } {
  const days = maskToDays(item.Days)
  if (!days) return { problem: `timer ${item.TimerId} has Days "${item.Days}", not seven 0/1 characters` }
  const time = normalizeClock(item.TimePoint)
  if (!time) return { problem: `timer ${item.TimerId} has TimePoint "${item.TimePoint}", not HH:mm` }
  return {
    timer: {
      timerId: item.TimerId,
      deviceId: joinDeviceId(item.ProductId, item.DeviceName),
      name: item.TimerName,
      days,
      time,
      repeat: item.Repeat === 1,
      values: readData(item.Data),
      enabled: item.Status === 1,
      createTime: item.CreateTime,
      updateTime: item.UpdateTime,
    },
  }
}

/** Data as an object of values; {} when it is not a JSON object (shown as "no values"). */
export function readData(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
