/**
 * The thing model (DataTemplate) as the cloud returns it, modelled on the reference's
 * AppGetProducts example: numeric bounds are strings, bool/enum carry a value->label
 * mapping. Struct members follow Tencent's data-template format (`specs` with `dataType`).
 */
import type { Rng } from '../prng'
import type { PropertyValue } from './model'

export type ScalarDefine =
  | { type: 'bool'; mapping: Record<string, string> }
  | { type: 'enum'; mapping: Record<string, string> }
  | { type: 'int' | 'float'; min: string; max: string; start: string; step: string; unit: string }
  | { type: 'string'; min: string; max: string }
  | { type: 'timestamp' }

export interface StructMember {
  id: string
  name: string
  dataType: ScalarDefine
}

export type ThingDefine = ScalarDefine | { type: 'struct'; specs: StructMember[] }

export interface ThingProperty {
  id: string
  name: string
  desc: string
  mode: 'r' | 'rw'
  required: boolean
  define: ThingDefine
}

export interface ThingParam {
  id: string
  name: string
  desc: string
  define: ThingDefine
}

export interface ThingEvent {
  id: string
  name: string
  desc: string
  type: 'info' | 'alert' | 'fault'
  required: boolean
  params: ThingParam[]
}

export interface ThingAction {
  id: string
  name: string
  desc: string
  required: boolean
  input: ThingParam[]
  output: ThingParam[]
}

export interface DataTemplate {
  version: string
  profile: { ProductId: string; CategoryId: string }
  properties: ThingProperty[]
  events: ThingEvent[]
  actions: ThingAction[]
}

/** A plausible value for a define, within its bounds. `now` is Unix seconds for timestamps. */
export function sampleValue(define: ThingDefine, rng: Rng, now: number): PropertyValue {
  switch (define.type) {
    case 'bool':
    case 'enum':
      return Number(rng.pick(Object.keys(define.mapping)))
    case 'int':
    case 'float':
      return sampleNumber(define, rng)
    case 'string':
      return ''
    case 'timestamp':
      return now - rng.int(0, 30 * 86_400)
    case 'struct':
      return Object.fromEntries(
        define.specs.map((m) => [m.id, sampleValue(m.dataType, rng, now) as number | string]),
      )
  }
}

function sampleNumber(define: { min: string; max: string; step: string }, rng: Rng): number {
  const min = Number(define.min)
  const max = Number(define.max)
  const step = Number(define.step) || 1
  const steps = Math.floor((max - min) / step)
  const value = min + rng.int(0, steps) * step
  // Float steps such as 0.1 accumulate binary error; round to the step's decimals.
  const decimals = (define.step.split('.')[1] ?? '').length
  return Number(value.toFixed(decimals))
}

// Small builders keep the product catalogue readable.
export const bool = (off: string, on: string): ScalarDefine => ({ type: 'bool', mapping: { '0': off, '1': on } })
export const enumOf = (...labels: string[]): ScalarDefine => ({
  type: 'enum',
  mapping: Object.fromEntries(labels.map((label, i) => [String(i), label])),
})
export const int = (min: number, max: number, unit = '', step = 1, start = min): ScalarDefine => ({
  type: 'int', min: String(min), max: String(max), start: String(start), step: String(step), unit,
})
export const float = (min: string, max: string, unit: string, step: string, start = min): ScalarDefine => ({
  type: 'float', min, max, start, step, unit,
})
export const text = (max: number): ScalarDefine => ({ type: 'string', min: '0', max: String(max) })
export const timestamp = (): ScalarDefine => ({ type: 'timestamp' })
