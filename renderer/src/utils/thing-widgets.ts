/**
 * Which control a thing-model value gets, and the values it starts from and sends. Property
 * controls, action input forms and struct members all come from here, so a product's
 * template alone decides the UI.
 */
import type { ParamSpec, PropertySpec, ScalarSpec, ValueSpec } from '@shared/thing-model'

export type WidgetKind = 'switch' | 'select' | 'slider' | 'number' | 'text' | 'datetime' | 'struct'

export interface Option {
  value: number | string
  label: string
}

export interface Widget {
  kind: WidgetKind
  /** Read-only properties are shown, never edited. */
  readonly: boolean
  options: Option[]
  min?: number
  max?: number
  step?: number
  /** Decimal places the number input keeps (float steps like 0.1 → 1). */
  precision?: number
  unit: string
  members: { id: string; name: string; widget: Widget }[]
}

/** Sliders only where every step is a reachable, visible position. */
const MAX_SLIDER_STEPS = 200

function numberWidget(spec: ScalarSpec): Pick<Widget, 'kind' | 'min' | 'max' | 'step' | 'precision'> {
  const step = spec.step && spec.step > 0 ? spec.step : spec.type === 'int' ? 1 : 0.1
  const precision = spec.type === 'int' ? 0 : decimals(step)
  const bounded = spec.min !== undefined && spec.max !== undefined && spec.max > spec.min
  const kind = bounded && (spec.max! - spec.min!) / step <= MAX_SLIDER_STEPS ? 'slider' : 'number'
  return { kind, min: spec.min, max: spec.max, step, precision }
}

function decimals(step: number): number {
  const text = String(step)
  const dot = text.indexOf('.')
  return dot === -1 ? 0 : text.length - dot - 1
}

function options(spec: ScalarSpec): Option[] {
  return Object.entries(spec.mapping).map(([raw, label]) => ({
    value: spec.type === 'stringenum' ? raw : Number(raw),
    label: label || raw,
  }))
}

export function widgetFor(spec: ValueSpec, readonly = false): Widget {
  const base: Widget = { kind: 'text', readonly, options: [], unit: spec.unit, members: [] }
  switch (spec.type) {
    case 'struct':
      return { ...base, kind: 'struct', members: spec.members.map((m) => ({ id: m.id, name: m.name, widget: widgetFor(m.spec, readonly) })) }
    case 'bool':
      return { ...base, kind: 'switch', options: options(spec) }
    case 'enum':
    case 'stringenum':
      return { ...base, kind: 'select', options: options(spec) }
    case 'int':
    case 'float':
      return { ...base, ...numberWidget(spec) }
    case 'timestamp':
      return { ...base, kind: 'datetime' }
    case 'string':
      return { ...base, kind: 'text', max: spec.max }
  }
}

export const propertyWidget = (property: PropertySpec): Widget => widgetFor(property.spec, property.mode !== 'rw')

/** What a new form field holds before the user touches it. */
export function initialValue(widget: Widget): unknown {
  switch (widget.kind) {
    case 'switch':
      return 0
    case 'select':
      return widget.options[0]?.value ?? ''
    case 'slider':
    case 'number':
      return Math.max(widget.min ?? 0, Math.min(widget.max ?? 0, 0))
    case 'datetime':
      return Math.floor(Date.now() / 1000)
    case 'struct':
      return Object.fromEntries(widget.members.map((m) => [m.id, initialValue(m.widget)]))
    case 'text':
      return ''
  }
}

export const paramWidgets = (params: ParamSpec[]) => params.map((p) => ({ id: p.id, name: p.name, widget: widgetFor(p.spec) }))

/** Values as they travel: numbers stay numbers, struct members recurse. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (isNumeric(a) && isNumeric(b)) return Math.abs(Number(a) - Number(b)) < 1e-9
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = Object.keys(a as object)
    return keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  }
  return false
}

function isNumeric(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
}

/** Thing-model timestamps are Unix seconds; some devices report milliseconds. */
export const timestampMs = (value: number): number => (value < 1e12 ? value * 1000 : value)
