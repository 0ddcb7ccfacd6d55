/**
 * Whether values fit a product's thing model: the values a timer or an action sets, and the
 * value a condition compares with. The core refuses a misfit before calling the cloud; the
 * renderer's editors show the same problem beside the field (each reason has its message).
 */
import type { PropertySpec, ScalarSpec, ThingModel, ValueSpec } from './thing-model'
import type { Comparison } from './schedule'

export type ValueProblemReason =
  | 'unknownProperty'
  | 'readOnly'
  | 'notNumber'
  | 'notInteger'
  | 'belowMin'
  | 'aboveMax'
  | 'notOption'
  | 'notText'
  | 'tooLong'
  | 'notStruct'
  | 'notComparable'
  | 'textComparison'

export interface ValueProblem {
  propertyId: string
  reason: ValueProblemReason
  /** The bound crossed (belowMin, aboveMax, tooLong). */
  limit?: number
}

/** The first problem with values to set on a device of this model, or null when they all fit. */
export function controlProblem(model: ThingModel, values: Readonly<Record<string, unknown>>): ValueProblem | null {
  for (const [propertyId, value] of Object.entries(values)) {
    const property = findProperty(model, propertyId)
    if (!property) return { propertyId, reason: 'unknownProperty' }
    if (property.mode !== 'rw') return { propertyId, reason: 'readOnly' }
    const reason = valueProblem(property.spec, value)
    if (reason) return { propertyId, ...reason }
  }
  return null
}

/** The problem with comparing a property of this model with `value` by `op`, or null. */
export function conditionProblem(model: ThingModel, propertyId: string, op: Comparison, value: unknown): ValueProblem | null {
  const property = findProperty(model, propertyId)
  if (!property) return { propertyId, reason: 'unknownProperty' }
  if (property.spec.type === 'struct') return { propertyId, reason: 'notComparable' }
  if (!isOrdered(property.spec) && op !== 'eq' && op !== 'ne') return { propertyId, reason: 'textComparison' }
  const reason = valueProblem(property.spec, value)
  return reason ? { propertyId, ...reason } : null
}

/** Properties an automation can compare: every scalar one (read-only included: sensors report them). */
export function comparableProperties(model: ThingModel): PropertySpec[] {
  return model.properties.filter((p) => p.spec.type !== 'struct')
}

/** Numbers compare by size; bools, enums and text only by equality. */
export function isOrdered(spec: ValueSpec): boolean {
  return spec.type === 'int' || spec.type === 'float' || spec.type === 'timestamp'
}

/** The property a problem is about, in English, for the core's refusals. */
export function describeValueProblem(problem: ValueProblem, deviceLabel: string): string {
  const what = `Property ${problem.propertyId} of ${deviceLabel}`
  switch (problem.reason) {
    case 'unknownProperty': return `${deviceLabel} has no property ${problem.propertyId} in its thing model.`
    case 'readOnly': return `${what} is read-only and cannot be set.`
    case 'notNumber': return `${what} takes a number.`
    case 'notInteger': return `${what} takes a whole number.`
    case 'belowMin': return `${what} must be at least ${problem.limit}.`
    case 'aboveMax': return `${what} must be at most ${problem.limit}.`
    case 'notOption': return `${what} takes one of the values its thing model lists.`
    case 'notText': return `${what} takes text.`
    case 'tooLong': return `${what} takes at most ${problem.limit} characters.`
    case 'notStruct': return `${what} takes its members as an object.`
    case 'notComparable': return `${what} is a structure and cannot be compared.`
    case 'textComparison': return `${what} can only be compared as equal or not equal.`
  }
}

function findProperty(model: ThingModel, id: string): PropertySpec | undefined {
  return model.properties.find((p) => p.id === id)
}

type Reason = Omit<ValueProblem, 'propertyId'> | null

function valueProblem(spec: ValueSpec, value: unknown): Reason {
  if (spec.type !== 'struct') return scalarProblem(spec, value)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'notStruct' }
  for (const [id, member] of Object.entries(value as Record<string, unknown>)) {
    const memberSpec = spec.members.find((m) => m.id === id)?.spec
    if (!memberSpec) return { reason: 'notStruct' }
    const problem = scalarProblem(memberSpec, member)
    if (problem) return problem
  }
  return null
}

function scalarProblem(spec: ScalarSpec, value: unknown): Reason {
  switch (spec.type) {
    case 'bool':
    case 'enum':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { reason: 'notNumber' }
      return optionProblem(spec, value)
    case 'stringenum':
      return typeof value === 'string' ? optionProblem(spec, value) : { reason: 'notText' }
    case 'int':
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { reason: 'notNumber' }
      return Number.isInteger(value) ? rangeProblem(spec, value) : { reason: 'notInteger' }
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? rangeProblem(spec, value) : { reason: 'notNumber' }
    case 'string':
      if (typeof value !== 'string') return { reason: 'notText' }
      return spec.max !== undefined && value.length > spec.max ? { reason: 'tooLong', limit: spec.max } : null
  }
}

/** A mapping with no entries lists nothing to hold the value to (bool defaults to 0/1). */
function optionProblem(spec: ScalarSpec, value: number | string): Reason {
  const keys = Object.keys(spec.mapping)
  if (keys.length === 0) return spec.type === 'bool' && value !== 0 && value !== 1 ? { reason: 'notOption' } : null
  return keys.includes(String(value)) ? null : { reason: 'notOption' }
}

function rangeProblem(spec: ScalarSpec, value: number): Reason {
  if (spec.min !== undefined && value < spec.min) return { reason: 'belowMin', limit: spec.min }
  if (spec.max !== undefined && value > spec.max) return { reason: 'aboveMax', limit: spec.max }
  return null
}
