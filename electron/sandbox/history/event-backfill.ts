/**
 * The events a device raised before the sandbox started, computed like the property
 * backfill: for each event of the product's template, each hour of the window holds the
 * event or not, by a rate that depends on its type (info often, faults rarely), and its
 * parameters come from the template's defines.
 */
import { Rng } from '../prng'
import { hashKey, unitAt } from '../sim/seed-hash'
import { sampleValue, type ThingDefine, type ThingEvent } from '../world/thing-model'
import { numeric } from './property-backfill'

export interface HistoryEvent {
  timeMs: number
  eventId: string
  type: string
  params: Record<string, unknown>
}

const HOUR = 3_600_000
/** Events a day of each type, before a per-device factor of 0.3..1.7. */
const RATE_PER_DAY: Readonly<Record<string, number>> = { info: 4, alert: 0.6, fault: 0.15 }
const SALT = { happens: 1, time: 2, params: 3, factor: 4 } as const

/**
 * Parameters that only make sense in a range narrower than their define (a low-battery
 * alert reports a low battery); clamped to the define anyway.
 */
const PARAM_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'low_battery.battery': [3, 19],
  'overload.power': [3700, 5000],
  'low_voltage.voltage': [3, 10.8],
  'motion_alarm.confidence': [60, 100],
}

/** Every backfilled event of `events` with fromMs <= time <= toMs, in time order. */
export function backfillEvents(seed: number, deviceId: string, events: readonly ThingEvent[], fromMs: number, toMs: number): HistoryEvent[] {
  const out: HistoryEvent[] = []
  for (const event of events) out.push(...eventsOf(hashKey(seed, 'event', deviceId, event.id), event, fromMs, toMs))
  // Stable: two events in the same millisecond keep the template's order.
  return out.sort((a, b) => a.timeMs - b.timeMs)
}

function eventsOf(key: number, event: ThingEvent, fromMs: number, toMs: number): HistoryEvent[] {
  const perHour = ((RATE_PER_DAY[event.type] ?? 1) * (0.3 + 1.4 * unitAt(key, 0, SALT.factor))) / 24
  const out: HistoryEvent[] = []
  for (let k = Math.floor(fromMs / HOUR); k * HOUR <= toMs; k++) {
    if (unitAt(key, k, SALT.happens) >= perHour) continue
    const timeMs = k * HOUR + Math.floor(unitAt(key, k, SALT.time) * HOUR)
    if (timeMs < fromMs || timeMs > toMs) continue
    out.push({ timeMs, eventId: event.id, type: event.type, params: paramsOf(event, new Rng(Math.floor(unitAt(key, k, SALT.params) * 2 ** 32)), timeMs) })
  }
  return out
}

function paramsOf(event: ThingEvent, rng: Rng, timeMs: number): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const param of event.params) params[param.id] = paramValue(`${event.id}.${param.id}`, param.define, rng, timeMs)
  return params
}

function paramValue(name: string, define: ThingDefine, rng: Rng, timeMs: number): unknown {
  const range = PARAM_RANGES[name]
  if (range) return numeric(define, range[0] + rng.next() * (range[1] - range[0]))
  // Strings become short marks, so the Data of each event is told apart at a glance.
  if (define.type === 'string') return mark(name, rng, timeMs).slice(0, Number(define.max) || undefined)
  return sampleValue(define, rng, Math.floor(timeMs / 1000))
}

function mark(name: string, rng: Rng, timeMs: number): string {
  const time = new Date(timeMs + 8 * HOUR).toISOString().slice(11, 19)
  return `${name.split('.')[1] ?? name} ${time} #${rng.hex(4)}`
}
