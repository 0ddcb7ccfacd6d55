/**
 * New values for simulated reports, always inside the product's data template: numbers
 * move by whole steps and are clamped to [min, max], enums and bools stay in their mapping.
 * A device that reports a value its own template refuses would be a bug a user could see.
 */
import type { Rng } from '../prng'
import type { Product, PropertyValue } from '../world/model'
import type { ScalarDefine, ThingDefine } from '../world/thing-model'

type NumberDefine = Extract<ScalarDefine, { type: 'int' | 'float' }>

export interface NumberRange {
  min: number
  max: number
  step: number
  decimals: number
}

export function defineOf(product: Product, propertyId: string): ThingDefine | undefined {
  return product.dataTemplate.properties.find((p) => p.id === propertyId)?.define
}

export function rangeOf(define: ThingDefine | undefined): NumberRange | undefined {
  if (!define || (define.type !== 'int' && define.type !== 'float')) return undefined
  const d = define as NumberDefine
  const step = Number(d.step) || 1
  return { min: Number(d.min), max: Number(d.max), step, decimals: (d.step.split('.')[1] ?? '').length }
}

/** Snaps to the step grid from min, clamps, and rounds away float noise (0.1 + 0.2). */
export function fit(range: NumberRange, value: number): number {
  const steps = Math.round((value - range.min) / range.step)
  const snapped = range.min + steps * range.step
  const clamped = Math.min(range.max, Math.max(range.min, snapped))
  return Number(clamped.toFixed(range.decimals))
}

/** A random walk of up to `maxSteps` steps either way from `current`. */
export function nudge(range: NumberRange, current: number, rng: Rng, maxSteps: number): number {
  const base = Number.isFinite(current) ? current : range.min
  return fit(range, base + rng.int(-maxSteps, maxSteps) * range.step)
}

/** A number property's current value, or its define's start (or min) when unset. */
export function currentNumber(values: ReadonlyMap<string, { value: PropertyValue }>, id: string, range: NumberRange): number {
  const value = values.get(id)?.value
  return typeof value === 'number' ? value : range.min
}

/** A value for an event parameter: numbers and enums uniformly, strings a short tag. */
export function sampleParam(define: ThingDefine, rng: Rng, nowSec: number): PropertyValue {
  switch (define.type) {
    case 'bool':
    case 'enum':
      return Number(rng.pick(Object.keys(define.mapping)))
    case 'int':
    case 'float': {
      const range = rangeOf(define) as NumberRange
      return fit(range, range.min + rng.int(0, Math.floor((range.max - range.min) / range.step)) * range.step)
    }
    case 'string':
      return `sim-${rng.hex(6)}`.slice(0, Math.max(0, Number(define.max)))
    case 'timestamp':
      return nowSec
    case 'struct':
      return Object.fromEntries(define.specs.map((m) => [m.id, sampleParam(m.dataType, rng, nowSec) as number | string]))
  }
}
