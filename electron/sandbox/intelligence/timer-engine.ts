/**
 * Everything that happens at a clock time: device timers and the timer conditions of
 * automations. One loop (see ./index.ts) calls checkDue every second; checkDue handles
 * each minute of the sandbox clock once, in China Standard Time, so tests can move a
 * clock and call it directly instead of waiting.
 */
import type { CloudState } from '../actions/registry'
import { controlDevice } from '../sim/device-behaviour'
import { triggerAutomationAt } from './automation-engine'
import { dayMarked, localMinute, MINUTE_MS, type LocalMinute } from './china-time'
import { controlValues } from './control-data'
import type { DeviceTimer } from './model'
import { scheduleNow } from './schedule-clock'
import { intelligenceOf, type IntelligenceStore } from './store'

/** How often the loop (./index.ts) looks at the clock; every minute is handled once whatever the period. */
export const CHECK_PERIOD_MS = 1000

/**
 * Minutes handled late when the loop was held up (a busy event loop, a clock moved by a
 * test). Older minutes are not caught up: a cloud that missed 07:00 does not switch the
 * light on at noon.
 */
export const CATCH_UP_MINUTES = 5

/** Handles every minute from the last one handled up to the one `nowMs` falls in. */
export function checkDue(cloud: CloudState, nowMs: number = scheduleNow(cloud)): void {
  const store = intelligenceOf(cloud.world)
  const current = Math.floor(nowMs / MINUTE_MS)
  const last = store.lastCheckedMinute
  const from = last === undefined ? current : Math.max(last + 1, current - catchUpMinutes(cloud) + 1)
  for (let minute = from; minute <= current; minute++) {
    // Marked first: a minute that fails half-way is not handled twice.
    store.lastCheckedMinute = minute
    const local = localMinute(minute)
    fireTimers(cloud, store, local)
    triggerAutomationAt(cloud, local)
  }
}

/** A sped-up clock passes several minutes between two looks at it: those are not missed. */
function catchUpMinutes(cloud: CloudState): number {
  return CATCH_UP_MINUTES + Math.ceil((cloud.options.simSpeed * CHECK_PERIOD_MS) / MINUTE_MS)
}

function fireTimers(cloud: CloudState, store: IntelligenceStore, at: LocalMinute): void {
  for (const timer of [...store.timers.values()]) {
    if (!cloud.world.devices.has(timer.deviceId)) {
      // The device was deleted or unbound: its timers go with it.
      store.timers.delete(timer.timerId)
      continue
    }
    if (isDue(timer, at)) fire(cloud, timer, at)
  }
}

/** Enabled, armed before this minute, at its TimePoint on a marked day (a one-off with no day marked: any day). */
export function isDue(timer: DeviceTimer, at: LocalMinute): boolean {
  if (timer.status !== 1 || at.epochMinute * MINUTE_MS < timer.armedMs || at.minuteOfDay !== timer.timePoint) return false
  const anyDay = timer.repeat === 0 && !timer.days.includes('1')
  return anyDay || dayMarked(timer.days, at.weekday)
}

/**
 * Controls the device (skipped while it is offline). A one-off timer has had its turn
 * either way and disables itself, as Tencent's app shows a spent one-off timer switched off.
 */
function fire(cloud: CloudState, timer: DeviceTimer, at: LocalMinute): void {
  if (timer.repeat === 0) timer.status = 0
  const device = cloud.world.devices.get(timer.deviceId)
  if (!device?.online) return
  const values = controlValues(cloud, device, timer.data)
  if (values) controlDevice(cloud, device, values, `timer::${timer.timerId}::${at.epochMinute}`)
}
