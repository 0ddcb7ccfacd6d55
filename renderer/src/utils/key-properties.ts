/** Which live values the device list shows per product, and how they read. */
import type { PropertySpec, ThingModel } from '@shared/thing-model'
import { valueLabel } from '@shared/thing-model'

const GLANCEABLE = new Set(['bool', 'enum', 'stringenum', 'int', 'float'])

/**
 * The first two properties a glance can read (switches, levels, readings): texts,
 * timestamps and structs say little in a narrow column.
 */
export function keyProperties(model: ThingModel, count = 2): PropertySpec[] {
  return model.properties.filter((p) => GLANCEABLE.has(p.spec.type)).slice(0, count)
}

/** A value with its mapping label or unit: "On", "40 %", "21.5 °C". */
export function formatPropertyValue(property: PropertySpec, value: unknown): string {
  if (value === undefined || value === null) return '—'
  const text = valueLabel(property.spec, value)
  const unit = property.spec.unit
  const mapped = property.spec.type !== 'struct' && property.spec.mapping[String(value)] !== undefined
  return unit && !mapped ? `${text} ${unit}` : text
}
