/**
 * Timers, scenes and automations in words, in the user's language: days, values, each
 * condition and action, and an automation as one sentence ("When the Bedroom climate’s
 * Temperature is above 28 °C, set Plug’s Switch to on."). Pure: the translator and the
 * names of devices, properties and scenes are passed in.
 */
import type { Automation, Condition, LinkAction, Weekday } from '@shared/schedule'
import { WEEKDAYS } from '@shared/schedule'
import { valueLabel, type PropertySpec } from '@shared/thing-model'

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** What a sentence needs to name things; unknown ones get a fallback. */
export interface ScheduleNames {
  device(deviceId: string): string | undefined
  property(deviceId: string, propertyId: string): PropertySpec | undefined
  scene(sceneId: string): string | undefined
}

const WEEKDAYS_ONLY: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']

export function daysText(days: readonly Weekday[], t: Translate): string {
  const set = new Set(days)
  if (set.size === 7) return t('schedule.days.everyDay')
  if (set.size === 0) return t('schedule.days.none')
  if (set.size === 5 && WEEKDAYS_ONLY.every((d) => set.has(d))) return t('schedule.days.weekdays')
  if (set.size === 2 && set.has('sat') && set.has('sun')) return t('schedule.days.weekends')
  return WEEKDAYS.filter((d) => set.has(d)).map((d) => t(`schedule.days.short.${d}`)).join(t('schedule.sep'))
}

/** A value as people read it: the thing model's label for options, else the value with its unit. */
export function valueText(spec: PropertySpec | undefined, value: unknown): string {
  if (!spec) return typeof value === 'object' ? JSON.stringify(value) : String(value)
  const label = valueLabel(spec.spec, value)
  const mapped = spec.spec.type !== 'struct' && spec.spec.mapping[String(value)] !== undefined
  return spec.spec.unit && !mapped ? `${label} ${spec.spec.unit}` : label
}

/** "Switch to on, Brightness to 40 %". */
export function valuesText(deviceId: string, values: Readonly<Record<string, unknown>>, names: ScheduleNames, t: Translate): string {
  const pairs = Object.entries(values).map(([id, value]) => {
    const spec = names.property(deviceId, id)
    return t('schedule.sentence.pair', { property: spec?.name ?? id, value: valueText(spec, value) })
  })
  return pairs.length > 0 ? pairs.join(t('schedule.sep')) : t('schedule.values.none')
}

function deviceName(deviceId: string, names: ScheduleNames, t: Translate, listed?: string): string {
  return names.device(deviceId) ?? listed ?? t('schedule.sentence.unknownDevice', { id: deviceId })
}

export function conditionText(condition: Condition, names: ScheduleNames, t: Translate): string {
  if (condition.kind === 'time') return t('schedule.sentence.time', { time: condition.time, days: daysText(condition.days, t) })
  const spec = names.property(condition.deviceId, condition.propertyId)
  return t('schedule.sentence.property', {
    device: deviceName(condition.deviceId, names, t, condition.deviceName),
    property: spec?.name ?? condition.propertyId,
    op: t(`schedule.op.${condition.op}`),
    value: valueText(spec, condition.value),
  })
}

export function durationText(seconds: number, t: Translate): string {
  return seconds % 60 === 0 ? t('schedule.sentence.minutes', { n: seconds / 60 }) : t('schedule.sentence.seconds', { n: seconds })
}

export function actionText(action: LinkAction, names: ScheduleNames, t: Translate): string {
  switch (action.kind) {
    case 'control':
      return t('schedule.sentence.control', {
        device: deviceName(action.deviceId, names, t, action.deviceName),
        values: valuesText(action.deviceId, action.values, names, t),
      })
    case 'delay':
      return t('schedule.sentence.delay', { duration: durationText(action.seconds, t) })
    case 'runScene':
      return t('schedule.sentence.runScene', { name: names.scene(action.sceneId) ?? t('schedule.sentence.unknownScene') })
    case 'notify':
      return t('schedule.sentence.notify', { text: action.text })
  }
}

type SentenceParts = Pick<Automation, 'match' | 'conditions' | 'actions' | 'activeFrom' | 'activeTo' | 'activeDays'>

/** The whole automation in one sentence, with when it is active unless that is always. */
export function automationSentence(automation: SentenceParts, names: ScheduleNames, t: Translate): string {
  const joiner = t(automation.match === 'all' ? 'schedule.sentence.and' : 'schedule.sentence.or')
  const conditions = automation.conditions.map((c) => conditionText(c, names, t)).join(joiner)
  const actions = automation.actions.map((a) => actionText(a, names, t)).join(t('schedule.sentence.then'))
  const sentence = t('schedule.sentence.whole', { conditions, actions })
  const always = automation.activeFrom === '00:00' && automation.activeTo === '23:59' && new Set(automation.activeDays).size === 7
  if (always) return sentence
  const window = t('schedule.sentence.window', { from: automation.activeFrom, to: automation.activeTo, days: daysText(automation.activeDays, t) })
  return t('schedule.sentence.withWindow', { sentence, window })
}
