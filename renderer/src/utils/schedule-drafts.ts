/**
 * What the timer, scene and automation editors hold while the user edits, and what is
 * wrong with it: each problem names its field and an i18n key, so the editor shows it
 * beside the field and nothing is sent until there are none. Values are checked against
 * the thing model with the same rules the core applies (shared/thing-values.ts).
 */
import {
  automationSettingsSchema,
  clockSchema,
  MAX_ACTIONS,
  MAX_CONDITIONS,
  MAX_DELAY_SECONDS,
  MAX_NOTICE_LENGTH,
  sceneSettingsSchema,
  timerSettingsSchema,
  type Automation,
  type AutomationSettings,
  type Condition,
  type LinkAction,
  type Comparison,
  type SceneSettings,
  type TimerSettings,
  type Weekday,
} from '@shared/schedule'
import { conditionProblem, controlProblem, type ValueProblem } from '@shared/thing-values'
import type { ThingModel } from '@shared/thing-model'

export interface Problem {
  /** 'name', 'time', 'days', 'values', 'actions', 'actions.2', 'conditions.0', 'activeDays', … */
  field: string
  key: string
  values?: Record<string, unknown>
}

/** The thing model of a device of the home, when it is known. */
export type ModelOf = (deviceId: string) => ThingModel | undefined

export interface TimerDraft {
  deviceId: string
  name: string
  days: Weekday[]
  time: string
  repeat: boolean
  values: Record<string, unknown>
}

export type ActionDraft =
  | { kind: 'control'; deviceId: string; values: Record<string, unknown> }
  | { kind: 'delay'; seconds: number | undefined }
  | { kind: 'runScene'; sceneId: string }
  | { kind: 'notify'; text: string }

export type ConditionDraft =
  | { kind: 'property'; deviceId: string; propertyId: string; op: Comparison; value: unknown }
  | { kind: 'time'; days: Weekday[]; time: string }

export interface SceneDraft {
  name: string
  actions: ActionDraft[]
}

export interface AutomationDraft {
  name: string
  enabled: boolean
  match: 'all' | 'any'
  conditions: ConditionDraft[]
  actions: ActionDraft[]
  activeFrom: string
  activeTo: string
  activeDays: Weekday[]
}

export const ALL_DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

export function newAction(kind: ActionDraft['kind']): ActionDraft {
  switch (kind) {
    case 'control': return { kind, deviceId: '', values: {} }
    case 'delay': return { kind, seconds: 60 }
    case 'runScene': return { kind, sceneId: '' }
    case 'notify': return { kind, text: '' }
  }
}

export function newCondition(kind: ConditionDraft['kind']): ConditionDraft {
  return kind === 'time' ? { kind, days: [...ALL_DAYS], time: '08:00' } : { kind, deviceId: '', propertyId: '', op: 'eq', value: undefined }
}

const nameProblem = (name: string): Problem | null => (name.trim().length < 1 || name.trim().length > 64 ? { field: 'name', key: 'schedule.problem.name' } : null)
const timeProblem = (field: string, time: string): Problem | null => (clockSchema.safeParse(time).success ? null : { field, key: 'schedule.problem.time' })

function valueProblemOf(field: string, problem: ValueProblem | null, model: ThingModel | undefined): Problem | null {
  if (!problem) return null
  const property = model?.properties.find((p) => p.id === problem.propertyId)?.name ?? problem.propertyId
  return { field, key: `schedule.valueProblem.${problem.reason}`, values: { property, limit: problem.limit } }
}

export function timerProblems(draft: TimerDraft, modelOf: ModelOf): Problem[] {
  const model = modelOf(draft.deviceId)
  const problems = [
    draft.deviceId ? null : { field: 'device', key: 'schedule.problem.pickDevice' },
    nameProblem(draft.name),
    timeProblem('time', draft.time),
    draft.repeat && draft.days.length === 0 ? { field: 'days', key: 'schedule.problem.repeatDay' } : null,
    Object.keys(draft.values).length === 0 ? { field: 'values', key: 'schedule.problem.noValues' } : null,
    model ? valueProblemOf('values', controlProblem(model, draft.values), model) : null,
  ]
  return problems.filter((p): p is Problem => p !== null)
}

function actionProblem(action: ActionDraft, field: string, modelOf: ModelOf): Problem | null {
  switch (action.kind) {
    case 'control': {
      if (!action.deviceId) return { field, key: 'schedule.problem.pickDevice' }
      if (Object.keys(action.values).length === 0) return { field, key: 'schedule.problem.noValues' }
      const model = modelOf(action.deviceId)
      return model ? valueProblemOf(field, controlProblem(model, action.values), model) : null
    }
    case 'delay': {
      const s = action.seconds
      return s === undefined || !Number.isInteger(s) || s < 1 || s > MAX_DELAY_SECONDS ? { field, key: 'schedule.problem.seconds' } : null
    }
    case 'runScene':
      return action.sceneId ? null : { field, key: 'schedule.problem.pickScene' }
    case 'notify':
      return action.text.trim().length < 1 || action.text.length > MAX_NOTICE_LENGTH ? { field, key: 'schedule.problem.text' } : null
  }
}

export function actionsProblems(actions: readonly ActionDraft[], modelOf: ModelOf): Problem[] {
  if (actions.length === 0) return [{ field: 'actions', key: 'schedule.problem.noActions' }]
  if (actions.length > MAX_ACTIONS) return [{ field: 'actions', key: 'schedule.problem.tooMany', values: { max: MAX_ACTIONS } }]
  return actions.flatMap((a, i) => actionProblem(a, `actions.${i}`, modelOf) ?? [])
}

function conditionProblemOf(condition: ConditionDraft, field: string, modelOf: ModelOf): Problem | null {
  if (condition.kind === 'time') {
    return condition.days.length === 0 ? { field, key: 'schedule.problem.days' } : timeProblem(field, condition.time)
  }
  if (!condition.deviceId) return { field, key: 'schedule.problem.pickDevice' }
  if (!condition.propertyId) return { field, key: 'schedule.problem.pickProperty' }
  if (condition.value === undefined || condition.value === null || condition.value === '') return { field, key: 'schedule.problem.noValue' }
  const model = modelOf(condition.deviceId)
  return model ? valueProblemOf(field, conditionProblem(model, condition.propertyId, condition.op, condition.value), model) : null
}

export function conditionsProblems(conditions: readonly ConditionDraft[], modelOf: ModelOf): Problem[] {
  if (conditions.length === 0) return [{ field: 'conditions', key: 'schedule.problem.noConditions' }]
  if (conditions.length > MAX_CONDITIONS) return [{ field: 'conditions', key: 'schedule.problem.tooMany', values: { max: MAX_CONDITIONS } }]
  return conditions.flatMap((c, i) => conditionProblemOf(c, `conditions.${i}`, modelOf) ?? [])
}

export function sceneProblems(draft: SceneDraft, modelOf: ModelOf): Problem[] {
  return [nameProblem(draft.name), ...actionsProblems(draft.actions, modelOf)].filter((p): p is Problem => p !== null)
}

export function automationProblems(draft: AutomationDraft, modelOf: ModelOf): Problem[] {
  return [
    nameProblem(draft.name),
    ...conditionsProblems(draft.conditions, modelOf),
    ...actionsProblems(draft.actions, modelOf),
    timeProblem('activeFrom', draft.activeFrom),
    timeProblem('activeTo', draft.activeTo),
    draft.activeDays.length === 0 ? { field: 'activeDays', key: 'schedule.problem.days' } : null,
  ].filter((p): p is Problem => p !== null)
}

/** A draft without problems, as the contract takes it (the schemas trim and check once more). */
export function timerSettings(draft: TimerDraft): TimerSettings {
  return timerSettingsSchema.parse({ name: draft.name, days: draft.days, time: draft.time, repeat: draft.repeat, values: draft.values })
}

export function sceneSettings(draft: SceneDraft): SceneSettings {
  return sceneSettingsSchema.parse({ name: draft.name, actions: draft.actions })
}

export function automationSettings(draft: AutomationDraft): AutomationSettings {
  return automationSettingsSchema.parse(draft)
}

/** An existing step or condition, as the editor holds it (names the cloud listed are dropped). */
export function actionDraft(action: LinkAction): ActionDraft {
  switch (action.kind) {
    case 'control': return { kind: 'control', deviceId: action.deviceId, values: { ...action.values } }
    case 'delay': return { ...action }
    case 'runScene': return { ...action }
    case 'notify': return { ...action }
  }
}

export function conditionDraft(condition: Condition): ConditionDraft {
  if (condition.kind === 'time') return { kind: 'time', days: [...condition.days], time: condition.time }
  return { kind: 'property', deviceId: condition.deviceId, propertyId: condition.propertyId, op: condition.op, value: condition.value }
}

export function automationDraft(automation: Automation | null): AutomationDraft {
  if (!automation) {
    return { name: '', enabled: true, match: 'all', conditions: [newCondition('property')], actions: [newAction('control')], activeFrom: '00:00', activeTo: '23:59', activeDays: [...ALL_DAYS] }
  }
  return {
    name: automation.name,
    enabled: automation.enabled,
    match: automation.match,
    conditions: automation.conditions.map(conditionDraft),
    actions: automation.actions.map(actionDraft),
    activeFrom: automation.activeFrom,
    activeTo: automation.activeTo,
    activeDays: [...automation.activeDays],
  }
}
