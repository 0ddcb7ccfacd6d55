/**
 * The Actions and Conditions arrays of scenes and automations, between the app's tagged
 * unions and the cloud's numbered types: ActionType 0 control (Data JSON text), 1 delay
 * (Data seconds as text, "100"), 2 run a scene (Data SceneId), 3 notification (Data text);
 * CondType 0 a property compared (Op), 1 a time on days. The only place that knows them.
 */
import { COMPARISONS, controlValuesSchema, type Comparison, type Condition, type LinkAction } from '../../../shared/schedule'
import { deviceParams, joinDeviceId } from '../../../shared/device-id'
import type { ActionItem, ConditionItem } from '../api/answers/schedule'
import { readData } from './timer-wire'
import { daysToMask, maskToDays, normalizeClock } from './week-mask'

type Wire = Record<string, unknown>
/** A wire item read, or why it could not be. */
export type Read<T> = { value: T } | { problem: string }

export function actionsToCloud(actions: readonly LinkAction[]): Wire[] {
  return actions.map((action) => {
    switch (action.kind) {
      case 'control':
        return { ActionType: 0, ...deviceParams(action.deviceId), Data: JSON.stringify(action.values) }
      case 'delay':
        return { ActionType: 1, Data: String(action.seconds) }
      case 'runScene':
        return { ActionType: 2, Data: action.sceneId }
      case 'notify':
        return { ActionType: 3, Data: action.text }
    }
  })
}

/** CondIds are the conditions' places ("1", "2", …): unique, as the cloud requires. */
export function conditionsToCloud(conditions: readonly Condition[]): Wire[] {
  return conditions.map((condition, i) => {
    const CondId = String(i + 1)
    if (condition.kind === 'time') return { CondId, CondType: 1, Timer: { Days: daysToMask(condition.days), TimePoint: condition.time } }
    const { deviceId, propertyId, op, value } = condition
    return { CondId, CondType: 0, Property: { ...deviceParams(deviceId), PropertyId: propertyId, Op: op, Value: value } }
  })
}

export function readActions(items: readonly ActionItem[]): Read<LinkAction[]> {
  const actions: LinkAction[] = []
  for (const [i, item] of items.entries()) {
    const read = readAction(item)
    if ('problem' in read) return { problem: `Actions[${i}]: ${read.problem}` }
    actions.push(read.value)
  }
  return { value: actions }
}

function readAction(item: ActionItem): Read<LinkAction> {
  switch (item.ActionType) {
    case 0: {
      const values = controlValuesSchema.safeParse(readData(item.Data))
      if (!values.success) return { problem: `Data "${item.Data}" is not a JSON object of property values` }
      const deviceId = joinDeviceId(item.ProductId, item.DeviceName)
      return { value: { kind: 'control', deviceId, values: values.data, ...(item.AliasName ? { deviceName: item.AliasName } : {}) } }
    }
    case 1: {
      const seconds = Number(item.Data)
      return Number.isInteger(seconds) && seconds > 0 ? { value: { kind: 'delay', seconds } } : { problem: `a delay of "${item.Data}" seconds` }
    }
    case 2:
      return { value: { kind: 'runScene', sceneId: item.Data } }
    case 3:
      return { value: { kind: 'notify', text: item.Data } }
    default:
      return { problem: `ActionType ${item.ActionType} is none of 0 (device), 1 (delay), 2 (scene), 3 (notification)` }
  }
}

export function readConditions(items: readonly ConditionItem[]): Read<Condition[]> {
  const conditions: Condition[] = []
  for (const [i, item] of items.entries()) {
    const read = readCondition(item)
    if ('problem' in read) return { problem: `Conditions[${i}]: ${read.problem}` }
    conditions.push(read.value)
  }
  return { value: conditions }
}

/** One example sends Op "equal" where the list of operators says "eq". */
const OP_ALIASES: Readonly<Record<string, Comparison>> = { equal: 'eq' }

function readCondition(item: ConditionItem): Read<Condition> {
  if (item.CondType === 1 && item.Timer) {
    const days = maskToDays(item.Timer.Days)
    const time = normalizeClock(item.Timer.TimePoint)
    if (!days || !time) return { problem: `a timer of Days "${item.Timer.Days}" at "${item.Timer.TimePoint}"` }
    return { value: { kind: 'time', days, time } }
  }
  if (item.CondType === 0 && item.Property) {
    const p = item.Property
    const op = OP_ALIASES[p.Op] ?? (COMPARISONS as readonly string[]).find((c) => c === p.Op)
    if (!op) return { problem: `Op "${p.Op}" is none of ${COMPARISONS.join(', ')}` }
    const deviceId = joinDeviceId(p.ProductId, p.DeviceName)
    return { value: { kind: 'property', deviceId, propertyId: p.PropertyId, op: op as Comparison, value: p.Value, ...(p.AliasName ? { deviceName: p.AliasName } : {}) } }
  }
  return { problem: `CondType ${item.CondType} without its ${item.CondType === 1 ? 'Timer' : 'Property'}` }
}
