/**
 * How each kind of product behaves on its own: what it reports periodically (telemetry),
 * what a person changes at the device now and then (a wall switch, a dimmer), and which of
 * its template's events make sense now. Values come from sim/template-values.ts, so they
 * always respect the product's data template; an unknown kind simply stays quiet.
 */
import type { Rng } from '../prng'
import type { Device, Product, ProductKind, PropertyValue } from '../world/model'
import type { ThingEvent } from '../world/thing-model'
import { currentNumber, defineOf, fit, nudge, rangeOf, type NumberRange } from './template-values'

/** A device as the simulation drives it: its own seeded Rng keeps its story independent of others. */
export interface SimDevice {
  readonly device: Device
  readonly product: Product
  readonly rng: Rng
  /** Exact values behind rounded reports (a meter's fractions of its 0.01 kWh step). */
  readonly carry: Map<string, number>
}

export type Values = Record<string, PropertyValue>

export interface KindProfile {
  /** Simulated ms until the next periodic report; absent when the kind sends none. */
  telemetryEveryMs?(sim: SimDevice): number
  /** The periodic report; `periodMs` is the time since the previous one (energy meters integrate it). */
  telemetry?(sim: SimDevice, periodMs: number, nowSec: number): Values
  /** Mean simulated ms between changes made at the device itself. */
  readonly localMeanMs?: number
  local?(sim: SimDevice, nowSec: number): Values
  /** Whether the event fits the device's state now (no motion alarm with detection off). */
  eventAllowed?(sim: SimDevice, event: ThingEvent): boolean
}

const MINUTE = 60_000

function range(sim: SimDevice, id: string): NumberRange | undefined {
  return rangeOf(defineOf(sim.product, id))
}

function valueOf(sim: SimDevice, id: string): PropertyValue | undefined {
  return sim.device.properties.get(id)?.value
}

/** Moves a number property by up to `maxSteps` steps; {} when the template lacks it. */
function walk(sim: SimDevice, id: string, maxSteps: number): Values {
  const r = range(sim, id)
  return r ? { [id]: nudge(r, currentNumber(sim.device.properties, id, r), sim.rng, maxSteps) } : {}
}

function toggle(sim: SimDevice, id: string): Values {
  return defineOf(sim.product, id) ? { [id]: valueOf(sim, id) === 1 ? 0 : 1 } : {}
}

/**
 * Adds kWh to the energy meter. The template's step (0.01 kWh) is larger than a minute of
 * a small load, so the exact reading is carried between reports and only shown rounded.
 */
function meter(sim: SimDevice, energy: NumberRange, kwh: number): number {
  const shown = currentNumber(sim.device.properties, 'energy', energy)
  const carried = sim.carry.get('energy')
  // Someone else set the meter (or this is the first report): start again from what it shows.
  const exact = carried !== undefined && floorFit(energy, carried) === shown ? carried : shown
  const next = Math.min(energy.max, exact + kwh)
  sim.carry.set('energy', next)
  return floorFit(energy, next)
}

/** The last whole step at or below `value` (1e-9 absorbs binary noise such as 0.03 / 0.01). */
function floorFit(r: NumberRange, value: number): number {
  return fit(r, r.min + Math.floor((value - r.min) / r.step + 1e-9) * r.step)
}

const light: KindProfile = {
  // Someone dims, switches or warms a light about every 20 minutes.
  localMeanMs: 20 * MINUTE,
  local(sim) {
    const roll = sim.rng.next()
    if (roll < 0.4) return toggle(sim, 'power_switch')
    if (roll < 0.8) return { power_switch: 1, ...walk(sim, 'brightness', 20) }
    return walk(sim, 'color_temp', 5)
  },
}

const plug: KindProfile = {
  telemetryEveryMs: () => MINUTE,
  telemetry(sim, periodMs) {
    const power = range(sim, 'power')
    const energy = range(sim, 'energy')
    if (!power) return {}
    const on = valueOf(sim, 'power_switch') === 1
    const current = currentNumber(sim.device.properties, 'power', power)
    // An appliance draws a fairly steady load: wander around it, start from a typical one.
    const watts = !on ? 0 : current > 0 ? nudge(power, current, sim.rng, 30) : fit(power, sim.rng.int(5, 1500))
    const out: Values = { power: watts }
    if (energy) out.energy = meter(sim, energy, (watts * periodMs) / 3_600_000_000)
    return out
  },
  localMeanMs: 60 * MINUTE,
  local(sim, nowSec) {
    const out = toggle(sim, 'power_switch')
    if (out.power_switch === 1 && defineOf(sim.product, 'last_on')) out.last_on = nowSec
    if (out.power_switch === 0 && range(sim, 'power')) out.power = 0
    return out
  },
}

const sensor: KindProfile = {
  // The sensor honours its own report_interval property (seconds), as a real one would.
  telemetryEveryMs(sim) {
    const r = range(sim, 'report_interval')
    const seconds = r ? currentNumber(sim.device.properties, 'report_interval', r) : 60
    return Math.max(10, seconds) * 1000
  },
  telemetry(sim): Values {
    const out: Values = { ...walk(sim, 'temperature', 3), ...walk(sim, 'humidity', 1) }
    const battery = range(sim, 'battery')
    // About one percent every six hours at the default interval; a flat battery is replaced.
    if (battery && sim.rng.chance(1 / 360)) {
      const level = currentNumber(sim.device.properties, 'battery', battery)
      out.battery = fit(battery, level <= battery.min ? battery.max : level - battery.step)
    }
    return out
  },
  eventAllowed(sim, event) {
    return event.id !== 'low_battery' || (valueOf(sim, 'battery') as number) <= 20
  },
}

const camera: KindProfile = {
  telemetryEveryMs: () => 10 * MINUTE,
  telemetry(sim): Values {
    const storage = valueOf(sim, 'storage')
    if (typeof storage !== 'object' || storage === null) return {}
    const total = Number(storage.total_mb) || 0
    const used = Number(storage.used_mb) || 0
    if (total <= 0) return {}
    // Loop recording: the card fills, then the oldest half is overwritten.
    const grown = used + sim.rng.int(10, 200)
    return { storage: { total_mb: total, used_mb: grown > total ? Math.floor(total / 2) : grown } }
  },
  eventAllowed(sim, event) {
    return event.id !== 'motion_alarm' || valueOf(sim, 'motion_detect') === 1
  },
}

/** Gateways only churn and raise their info events. */
const gateway: KindProfile = {}

const speaker: KindProfile = {
  // Someone pauses, resumes or turns the speaker up or down about every half hour.
  localMeanMs: 30 * MINUTE,
  local(sim) {
    return sim.rng.chance(0.5) ? toggle(sim, 'pause_play') : walk(sim, 'volume', 10)
  },
}

export const PROFILES: Readonly<Record<ProductKind, KindProfile>> = { light, plug, sensor, camera, gateway, speaker }
