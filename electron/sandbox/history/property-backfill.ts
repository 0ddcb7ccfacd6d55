/**
 * The property history a device built up before the sandbox started, computed on demand
 * from (seed, device, property, time bucket): one report per bucket of the property's
 * interval, at a jittered moment inside it, with a value that respects the data template
 * and ends near the value the device reports now. Nothing is stored, so 10,000 devices
 * times a week of 5-minute readings cost nothing until asked for.
 */
import { hashKey, intAt, unitAt } from '../sim/seed-hash'
import type { PropertyValue } from '../world/model'
import type { ScalarDefine, ThingDefine } from '../world/thing-model'
import type { SeriesProfile, Shape } from './series-profile'
import { CHINA_OFFSET_MS } from '../../../shared/time/china-time'

export interface HistoryPoint {
  timeMs: number
  value: PropertyValue
}

/** One property of one device: what its backfilled points are computed from. */
export interface Series {
  key: number
  profile: SeriesProfile
  define: ThingDefine
  /** The value and time of the device's last report before the sandbox started. */
  anchor: HistoryPoint
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Hour-of-day shapes follow China Standard Time, as the cloud's push times do. */
const SALT = { time: 1, noise: 2, rate: 3, value: 4 } as const

export function seriesKey(seed: number, deviceId: string, propertyId: string): number {
  return hashKey(seed, 'property', deviceId, propertyId)
}

/** Backfilled points with fromMs <= time <= toMs, in time order. */
export function* backfillPoints(series: Series, fromMs: number, toMs: number): Generator<HistoryPoint> {
  const { intervalMs, jitter } = series.profile
  for (let k = Math.floor(fromMs / intervalMs); k * intervalMs <= toMs; k++) {
    const timeMs = k * intervalMs + Math.floor(unitAt(series.key, k, SALT.time) * intervalMs * jitter)
    if (timeMs < fromMs || timeMs > toMs) continue
    yield { timeMs, value: valueAt(series.profile.shape, series, k, timeMs) }
  }
}

function valueAt(shape: Shape, series: Series, k: number, timeMs: number): PropertyValue {
  const { define, anchor } = series
  if (define.type === 'struct') return structAt(shape, series, k, timeMs)
  return scalarAt(shape, define, { key: series.key, now: anchor.value, nowMs: anchor.timeMs }, k, timeMs)
}

/** A scalar series: its key, and the value it reports at the anchor time. */
interface ScalarSeries {
  key: number
  now: PropertyValue
  nowMs: number
}

function structAt(shape: Shape, series: Series, k: number, timeMs: number): PropertyValue {
  if (series.define.type !== 'struct') return series.anchor.value
  const now = (typeof series.anchor.value === 'object' ? series.anchor.value : {}) as Record<string, number | string>
  const members = shape.kind === 'struct' ? shape.members : {}
  const out: Record<string, number | string> = {}
  series.define.specs.forEach((member, i) => {
    const memberShape = members[member.id] ?? { kind: 'steady' }
    const key = series.key ^ Math.imul(i + 1, 0x27d4eb2d)
    const value = member.id in now ? now[member.id] as number | string : 0
    out[member.id] = scalarAt(memberShape, member.dataType, { key, now: value, nowMs: series.anchor.timeMs }, k, timeMs) as number | string
  })
  // A used amount never exceeds the total it is used of (camera storage).
  if (typeof out.used_mb === 'number' && typeof out.total_mb === 'number') out.used_mb = Math.min(out.used_mb, out.total_mb)
  return out
}

function scalarAt(shape: Shape, define: ScalarDefine | ThingDefine, { key, now, nowMs }: ScalarSeries, k: number, timeMs: number): PropertyValue {
  if (define.type === 'struct') return now
  switch (shape.kind) {
    case 'steady':
    case 'struct':
      return now
    case 'pick':
      return pickKey(define, key, k, now)
    case 'toggle':
      return define.type === 'bool' ? (unitAt(key, k, SALT.value) < onChance(timeMs) ? 1 : 0) : pickKey(define, key, k, now)
    case 'stamp': {
      const nowStamp = Number(now)
      const reportSec = Math.floor(timeMs / 1000)
      return nowStamp <= reportSec ? nowStamp : reportSec - intAt(key, k, 0, 30 * 86_400, SALT.value)
    }
    case 'wave':
      return numeric(define, Number(now) + waveOffset(shape, key, timeMs) - waveOffset(shape, key, nowMs))
    case 'drain':
      return numeric(define, Number(now) + rate(shape.perDay, key) * ((nowMs - timeMs) / DAY))
    case 'counter':
      return numeric(define, Number(now) - rate(shape.perHour, key) * ((nowMs - timeMs) / HOUR))
  }
}

function pickKey(define: ThingDefine, key: number, k: number, now: PropertyValue): PropertyValue {
  if (define.type !== 'bool' && define.type !== 'enum') return now
  const keys = Object.keys(define.mapping)
  return Number(keys[intAt(key, k, 0, keys.length - 1, SALT.value)] ?? now)
}

/** Lights and plugs are on more at breakfast and in the evening. */
function onChance(timeMs: number): number {
  const hour = Math.floor(((timeMs + CHINA_OFFSET_MS) % DAY) / HOUR)
  if (hour >= 18 && hour <= 23) return 0.8
  if (hour >= 6 && hour <= 8) return 0.5
  return 0.15
}

function waveOffset(shape: Extract<Shape, { kind: 'wave' }>, key: number, timeMs: number): number {
  const daily = shape.daily ? shape.daily * Math.sin((2 * Math.PI * (((timeMs + CHINA_OFFSET_MS) % DAY) / HOUR - 9)) / 24) : 0
  return shape.amplitude * smoothNoise(key, timeMs, shape.knotMs) + daily
}

/** Value noise in [-1, 1]: random knots every `knotMs`, eased between. */
function smoothNoise(key: number, timeMs: number, knotMs: number): number {
  const j = Math.floor(timeMs / knotMs)
  const f = timeMs / knotMs - j
  const eased = f * f * (3 - 2 * f)
  const a = unitAt(key, j, SALT.noise) * 2 - 1
  const b = unitAt(key, j + 1, SALT.noise) * 2 - 1
  return a + (b - a) * eased
}

function rate([min, max]: readonly [number, number], key: number): number {
  return min + (max - min) * unitAt(key, 0, SALT.rate)
}

/** A numeric define's bounds and step grid, read once per define (a history page asks for each of its points). */
interface Grid {
  min: number
  max: number
  step: number
  decimals: number
}
const grids = new WeakMap<ThingDefine, Grid>()

function gridOf(define: Extract<ThingDefine, { type: 'int' | 'float' }>): Grid {
  let grid = grids.get(define)
  if (!grid) {
    grid = { min: Number(define.min), max: Number(define.max), step: Number(define.step) || 1, decimals: (define.step.split('.')[1] ?? '').length }
    grids.set(define, grid)
  }
  return grid
}

/** Clamped to the define's bounds and rounded onto its step grid. */
export function numeric(define: ThingDefine, raw: number): number {
  if (define.type !== 'int' && define.type !== 'float') return Math.round(raw)
  const { min, max, step, decimals } = gridOf(define)
  const value = Number.isFinite(raw) ? raw : min
  const steps = Math.round((Math.min(Math.max(value, min), max) - min) / step)
  const gridded = Math.min(min + steps * step, max)
  return Number(gridded.toFixed(decimals))
}
