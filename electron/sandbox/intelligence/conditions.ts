/**
 * Automation Conditions as the reference's examples print them: CondType 0 a device
 * property compared with Op against Value, CondType 1 a timer (Days, TimePoint). The
 * reference names no third type; the sandbox refuses any other CondType.
 */
import { ApiError, invalidParam } from '../api/errors'
import { isPlainObject } from '../api/params'
import { checkValue } from '../sim/device-behaviour'
import type { Device, PropertyValue } from '../world/model'
import type { World } from '../world/world'
import { familyDevice } from './access'
import { formatClock, isDayMask, parseClock } from './china-time'
import { optionalText, requiredInteger, requiredText } from './fields'
import { withoutEmpty, type LinkageInput } from './link-actions'
import type { Condition, ConditionOp, PropertyCondition, TimerCondition } from './model'
import { joinDeviceId } from '../../../shared/device-id'

/** Sandbox choice: the reference states no limit. */
export const MAX_CONDITIONS = 20

/**
 * The comment lists eq/ne/gt/lt/ge/le and AppDescribeAutomation answers "eq"; the create
 * example sends "equal". Both are accepted; the short form is stored and answered.
 */
const OPS: Readonly<Record<string, ConditionOp>> = { eq: 'eq', equal: 'eq', ne: 'ne', gt: 'gt', lt: 'lt', ge: 'ge', le: 'le' }

export function parseConditions(input: LinkageInput, raw: readonly unknown[]): Condition[] {
  if (raw.length === 0) throw invalidParam('Conditions must hold at least one condition.')
  if (raw.length > MAX_CONDITIONS) throw new ApiError(input.limitCode, `Conditions holds at most ${MAX_CONDITIONS} conditions.`)
  const conditions = raw.map((item, i) => parseCondition(input, item, `Conditions[${i}]`))
  const ids = new Set(conditions.map((c) => c.condId))
  if (ids.size !== conditions.length) throw invalidParam('CondId must be unique within the automation.')
  return conditions
}

function parseCondition(input: LinkageInput, item: unknown, where: string): Condition {
  if (!isPlainObject(item)) throw invalidParam(`${where} must be an object.`)
  const condId = requiredText(item, 'CondId', where)
  const type = requiredInteger(item, 'CondType', where)
  if (type === 0) return { condId, type: 0, ...propertyPart(input, item.Property, `${where}.Property`) }
  if (type === 1) return { condId, type: 1, ...timerPart(item.Timer, `${where}.Timer`) }
  throw invalidParam(`${where}.CondType must be 0 (device property) or 1 (timer).`)
}

function propertyPart(input: LinkageInput, raw: unknown, where: string): Omit<PropertyCondition, 'condId' | 'type'> {
  if (!isPlainObject(raw)) throw invalidParam(`${where} must be an object.`)
  const productId = requiredText(raw, 'ProductId', where)
  const deviceName = requiredText(raw, 'DeviceName', where)
  const device = familyDevice(input.cloud.world, input.userId, input.familyId, productId, deviceName)
  const propertyId = requiredText(raw, 'PropertyId', where)
  const define = input.cloud.world.products.get(device.productId)?.dataTemplate.properties.find((p) => p.id === propertyId)?.define
  if (!define || define.type === 'struct') throw invalidParam(`${where}.PropertyId: ${productId} has no comparable property ${propertyId}.`)
  const op = OPS[String(raw.Op)]
  if (!op) throw invalidParam(`${where}.Op must be one of eq, ne, gt, lt, ge, le.`)
  if (define.type === 'string' && op !== 'eq' && op !== 'ne') throw invalidParam(`${where}.Op: text is compared with eq or ne only.`)
  if (raw.Value === undefined || raw.Value === null) throw invalidParam(`${where}.Value is missing.`)
  const value = checkValue(`${where}.Value`, define, raw.Value)
  const aliasName = optionalText(raw, 'AliasName', where)
  const iconUrl = optionalText(raw, 'IconUrl', where)
  return { productId, deviceName, propertyId, op, value, ...(aliasName ? { aliasName } : {}), ...(iconUrl ? { iconUrl } : {}) }
}

function timerPart(raw: unknown, where: string): Omit<TimerCondition, 'condId' | 'type'> {
  if (!isPlainObject(raw)) throw invalidParam(`${where} must be an object.`)
  const days = requiredText(raw, 'Days', where)
  if (!isDayMask(days) || !days.includes('1')) throw invalidParam(`${where}.Days must be 7 characters 0/1 (Sunday first) with at least one day.`)
  const timePoint = parseClock(requiredText(raw, 'TimePoint', where))
  if (timePoint === undefined) throw invalidParam(`${where}.TimePoint must be HH:mm.`)
  return { days, timePoint }
}

/** Whether a reported value satisfies a property condition. */
export function holds(condition: PropertyCondition, actual: unknown): boolean {
  if (typeof actual !== 'number' && typeof actual !== 'string') return false
  if (typeof condition.value === 'string' || typeof actual === 'string') {
    const same = String(actual) === String(condition.value)
    return condition.op === 'eq' ? same : condition.op === 'ne' ? !same : false
  }
  return compare(condition.op, actual, Number(condition.value))
}

function compare(op: ConditionOp, a: number, b: number): boolean {
  switch (op) {
    case 'eq': return a === b
    case 'ne': return a !== b
    case 'gt': return a > b
    case 'lt': return a < b
    case 'ge': return a >= b
    case 'le': return a <= b
  }
}

/** The device's current value of the condition's property. */
export function currentValue(world: World, condition: PropertyCondition): PropertyValue | undefined {
  return deviceOf(world, condition)?.properties.get(condition.propertyId)?.value
}

export function deviceOf(world: World, condition: PropertyCondition): Device | undefined {
  return world.devices.get(joinDeviceId(condition.productId, condition.deviceName))
}

/** As AppDescribeAutomation prints them (Op short form, TimePoint "HH:mm"). */
export function renderConditions(world: World, conditions: readonly Condition[]): Record<string, unknown>[] {
  return conditions.map((c) => {
    if (c.type === 1) return { CondId: c.condId, CondType: 1, Timer: { Days: c.days, TimePoint: formatClock(c.timePoint) } }
    const device = deviceOf(world, c)
    const property = {
      ...withoutEmpty({
        ProductId: c.productId,
        DeviceName: c.deviceName,
        AliasName: c.aliasName ?? device?.aliasName,
        IconUrl: c.iconUrl ?? device?.iconUrl,
      }),
      PropertyId: c.propertyId,
      Op: c.op,
      Value: c.value,
    }
    return { CondId: c.condId, CondType: 0, Property: property }
  })
}
