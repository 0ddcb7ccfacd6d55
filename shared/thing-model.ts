/**
 * A product's thing model (DataTemplate) in one checked shape, read once in the main process
 * so every view (controls, charts, columns) works from the same facts. The cloud sends
 * numeric bounds as strings and the template itself as an object or a JSON string; a field
 * that is missing or malformed is left out rather than guessed.
 */
import { z } from 'zod'

export const scalarTypeSchema = z.enum(['bool', 'enum', 'stringenum', 'int', 'float', 'string', 'timestamp'])
export type ScalarType = z.infer<typeof scalarTypeSchema>

export const scalarSpecSchema = z.object({
  type: scalarTypeSchema,
  /** bool/enum/stringenum: raw value (as text) → label. */
  mapping: z.record(z.string(), z.string()),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  start: z.number().optional(),
  unit: z.string(),
})
export type ScalarSpec = z.infer<typeof scalarSpecSchema>

export const structMemberSpecSchema = z.object({ id: z.string(), name: z.string(), spec: scalarSpecSchema })
export type StructMemberSpec = z.infer<typeof structMemberSpecSchema>

export const valueSpecSchema = z.union([
  scalarSpecSchema,
  z.object({ type: z.literal('struct'), members: z.array(structMemberSpecSchema), unit: z.literal('') }),
])
export type ValueSpec = z.infer<typeof valueSpecSchema>

export const propertySpecSchema = z.object({
  id: z.string(),
  name: z.string(),
  desc: z.string(),
  /** 'rw' can be controlled; 'r' is read-only. */
  mode: z.enum(['r', 'rw']),
  spec: valueSpecSchema,
})
export type PropertySpec = z.infer<typeof propertySpecSchema>

export const paramSpecSchema = z.object({ id: z.string(), name: z.string(), spec: valueSpecSchema })
export type ParamSpec = z.infer<typeof paramSpecSchema>

export const eventSpecSchema = z.object({
  id: z.string(),
  name: z.string(),
  desc: z.string(),
  /** 'info', 'alert' or 'fault' on Tencent's cloud; other text passes through. */
  type: z.string(),
  params: z.array(paramSpecSchema),
})
export type EventSpec = z.infer<typeof eventSpecSchema>

export const actionSpecSchema = z.object({
  id: z.string(),
  name: z.string(),
  desc: z.string(),
  input: z.array(paramSpecSchema),
  output: z.array(paramSpecSchema),
})
export type ActionSpec = z.infer<typeof actionSpecSchema>

export const thingModelSchema = z.object({
  properties: z.array(propertySpecSchema),
  events: z.array(eventSpecSchema),
  actions: z.array(actionSpecSchema),
})
export type ThingModel = z.infer<typeof thingModelSchema>

export const emptyThingModel = (): ThingModel => ({ properties: [], events: [], actions: [] })

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : [])

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) ? n : undefined
}

const SCALARS: readonly string[] = ['bool', 'enum', 'stringenum', 'int', 'float', 'string', 'timestamp']

function readScalar(define: Obj): ScalarSpec | null {
  const type = str(define.type)
  if (!SCALARS.includes(type)) return null
  const mapping = isObj(define.mapping)
    ? Object.fromEntries(Object.entries(define.mapping).map(([k, v]) => [k, str(v)]))
    : {}
  const spec: ScalarSpec = { type: type as ScalarType, mapping, unit: str(define.unit) }
  for (const key of ['min', 'max', 'step', 'start'] as const) {
    const value = num(define[key])
    if (value !== undefined) spec[key] = value
  }
  return spec
}

function readValueSpec(define: unknown): ValueSpec | null {
  if (!isObj(define)) return null
  if (define.type !== 'struct') return readScalar(define)
  const members = list(define.specs).flatMap((m) => {
    const spec = isObj(m.dataType) ? readScalar(m.dataType) : null
    const id = str(m.id)
    return spec && id ? [{ id, name: str(m.name) || id, spec }] : []
  })
  return { type: 'struct', members, unit: '' }
}

function readParams(v: unknown): ParamSpec[] {
  return list(v).flatMap((p) => {
    const id = str(p.id)
    const spec = readValueSpec(p.define ?? p.dataType)
    return id && spec ? [{ id, name: str(p.name) || id, spec }] : []
  })
}

/** Reads a DataTemplate (object or JSON text) into a ThingModel; junk gives an empty model. */
export function readThingModel(template: unknown): ThingModel {
  let doc = template
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown
    } catch {
      return emptyThingModel()
    }
  }
  if (!isObj(doc)) return emptyThingModel()
  const properties = list(doc.properties).flatMap((p): PropertySpec[] => {
    const id = str(p.id)
    const spec = readValueSpec(p.define)
    if (!id || !spec) return []
    return [{ id, name: str(p.name) || id, desc: str(p.desc), mode: str(p.mode) === 'rw' ? 'rw' : 'r', spec }]
  })
  const events = list(doc.events).flatMap((e): EventSpec[] => {
    const id = str(e.id)
    return id ? [{ id, name: str(e.name) || id, desc: str(e.desc), type: str(e.type) || 'info', params: readParams(e.params) }] : []
  })
  const actions = list(doc.actions).flatMap((a): ActionSpec[] => {
    const id = str(a.id)
    return id ? [{ id, name: str(a.name) || id, desc: str(a.desc), input: readParams(a.input), output: readParams(a.output) }] : []
  })
  return { properties, events, actions }
}

/** The label a value shows as: the mapping's label for bool/enum, else the value itself. */
export function valueLabel(spec: ValueSpec, value: unknown): string {
  if (spec.type === 'struct') return JSON.stringify(value ?? null)
  const label = spec.mapping[String(value)]
  if (label !== undefined && label !== '') return label
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
