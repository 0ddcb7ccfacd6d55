/**
 * How often a device reports each property and how its values move over time, by product
 * kind and property (a sensor's temperature every 5 minutes, a light's switch a few times a
 * day), with defaults by data type for properties not listed.
 */
import type { ProductKind } from '../world/model'
import type { ThingDefine } from '../world/thing-model'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export type Shape =
  /** Wanders around the value the device reports now; `daily` adds a day/night swing. */
  | { kind: 'wave'; amplitude: number; knotMs: number; daily?: number }
  /** Higher in the past, falling at `perDay` (min..max per device) to the value now: a battery. */
  | { kind: 'drain'; perDay: readonly [number, number] }
  /** Lower in the past, rising at `perHour` (min..max per device) to the value now: a meter. */
  | { kind: 'counter'; perHour: readonly [number, number] }
  /** Switched on more in the morning and evening (bool). */
  | { kind: 'toggle' }
  /** Any value of the mapping (bool, enum). */
  | { kind: 'pick' }
  /** The value it has now: settings, names, counts. */
  | { kind: 'steady' }
  /** A past moment in Unix seconds, never after the report. */
  | { kind: 'stamp' }
  /** Struct members, each with its own shape (steady when not named). */
  | { kind: 'struct'; members: Readonly<Record<string, Shape>> }

export interface SeriesProfile {
  intervalMs: number
  /** Share of the interval a report may fall late, 0..1. */
  jitter: number
  shape: Shape
}

const every = (intervalMs: number, shape: Shape, jitter = 0.1): SeriesProfile => ({ intervalMs, jitter, shape })
const steady: Shape = { kind: 'steady' }

const BY_KIND: Partial<Record<ProductKind, Record<string, SeriesProfile>>> = {
  light: {
    power_switch: every(4 * HOUR, { kind: 'toggle' }, 0.9),
    brightness: every(4 * HOUR, { kind: 'wave', amplitude: 30, knotMs: 12 * HOUR }, 0.9),
    color: every(12 * HOUR, { kind: 'pick' }, 0.9),
    color_temp: every(12 * HOUR, { kind: 'wave', amplitude: 1500, knotMs: 24 * HOUR }, 0.9),
    name: every(24 * HOUR, steady),
  },
  plug: {
    power_switch: every(4 * HOUR, { kind: 'toggle' }, 0.9),
    power: every(10 * MINUTE, { kind: 'wave', amplitude: 400, knotMs: HOUR }),
    energy: every(HOUR, { kind: 'counter', perHour: [0.02, 0.5] }),
    countdown: every(12 * HOUR, steady, 0.9),
    last_on: every(12 * HOUR, { kind: 'stamp' }, 0.9),
  },
  gateway: {
    permit_join: every(12 * HOUR, steady, 0.9),
    channel: every(24 * HOUR, steady),
    subdev_count: every(24 * HOUR, steady),
    firmware: every(24 * HOUR, steady),
  },
  sensor: {
    temperature: every(5 * MINUTE, { kind: 'wave', amplitude: 1.5, knotMs: 2 * HOUR, daily: 3 }),
    humidity: every(5 * MINUTE, { kind: 'wave', amplitude: 8, knotMs: 3 * HOUR }),
    battery: every(HOUR, { kind: 'drain', perDay: [0.2, 1] }),
    report_interval: every(24 * HOUR, steady),
    last_calibrated: every(24 * HOUR, { kind: 'stamp' }),
  },
  camera: {
    record_enable: every(12 * HOUR, steady),
    motion_detect: every(12 * HOUR, steady),
    night_vision: every(12 * HOUR, { kind: 'pick' }, 0.9),
    resolution: every(24 * HOUR, steady),
    storage: every(HOUR, { kind: 'struct', members: { used_mb: { kind: 'counter', perHour: [20, 200] } } }),
  },
}

export function seriesProfile(kind: ProductKind, propertyId: string, define: ThingDefine): SeriesProfile {
  return BY_KIND[kind]?.[propertyId] ?? defaultProfile(define)
}

function defaultProfile(define: ThingDefine): SeriesProfile {
  switch (define.type) {
    case 'bool':
      return every(6 * HOUR, { kind: 'toggle' }, 0.9)
    case 'enum':
      return every(12 * HOUR, { kind: 'pick' }, 0.9)
    case 'int':
    case 'float': {
      const range = Number(define.max) - Number(define.min)
      return every(30 * MINUTE, { kind: 'wave', amplitude: range / 10, knotMs: 6 * HOUR })
    }
    case 'string':
      return every(24 * HOUR, steady)
    case 'timestamp':
      return every(24 * HOUR, { kind: 'stamp' })
    case 'struct':
      return every(HOUR, { kind: 'struct', members: {} })
  }
}
