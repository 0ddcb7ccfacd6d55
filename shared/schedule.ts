/**
 * Timers, scenes and automations as the app speaks of them: days of the week as a set,
 * clock times "HH:mm" in China time (shared/time/china-time.ts), property values by id,
 * conditions and actions as tagged unions. The cloud's wire forms (a Days bit string, Data
 * as JSON text, ActionType/CondType numbers) are turned into these in the core only.
 */
import { z } from 'zod'

/** Sunday first, the order of the cloud's Days masks. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export const weekdaySchema = z.enum(WEEKDAYS)
export type Weekday = z.infer<typeof weekdaySchema>

/** A set of weekdays (no day twice). */
export const daysSchema = z
  .array(weekdaySchema)
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'a day is listed twice')
export type Days = z.infer<typeof daysSchema>

/** A clock time in China time, "HH:mm" (00:00 to 23:59). */
export const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:mm, from 00:00 to 23:59')
export type Clock = z.infer<typeof clockSchema>

const scalar = z.union([z.number().finite(), z.string().max(2048)])
/** One property's value to set: a number (bool, enum, int, float, timestamp), text, or a struct's members. */
export const controlValueSchema = z.union([scalar, z.record(z.string().max(64), scalar)])
export type ControlValue = z.infer<typeof controlValueSchema>

/** Property values to set on one device, by property id; checked against its thing model before anything is sent. */
export const controlValuesSchema = z
  .record(z.string().min(1).max(64), controlValueSchema)
  .refine((values) => Object.keys(values).length > 0, 'set at least one property')
  .refine((values) => Object.keys(values).length <= 50, 'at most 50 properties')
export type ControlValues = z.infer<typeof controlValuesSchema>

const deviceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((v) => v.indexOf('/') > 0 && !v.endsWith('/'), 'a device id is ProductId/DeviceName')

/** What a timer does and when; the device is named beside it. */
export const timerSettingsSchema = z.object({
  name: z.string().trim().min(1, 'a timer needs a name').max(64),
  /** Repeating: every marked day. Once: the next marked day, or the next time at all when no day is marked. */
  days: daysSchema,
  time: clockSchema,
  repeat: z.boolean(),
  values: controlValuesSchema,
})
export type TimerSettings = z.infer<typeof timerSettingsSchema>

/** A repeating timer needs at least one day: without one it would never run. */
export const repeatNeedsADay = (settings: { repeat: boolean; days: readonly Weekday[] }) => !settings.repeat || settings.days.length > 0
export const REPEAT_NEEDS_A_DAY = 'a repeating timer needs at least one day'

export const timerSchema = z.object({
  timerId: z.string(),
  deviceId: z.string(),
  name: z.string(),
  days: z.array(weekdaySchema),
  time: clockSchema,
  repeat: z.boolean(),
  /** The values it sets; empty when the cloud holds Data that is not a JSON object. */
  values: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** Unix seconds. */
  createTime: z.number(),
  updateTime: z.number(),
})
export type Timer = z.infer<typeof timerSchema>

/** A device's timer with the device's name, for a home's list of timers. */
export const homeTimerSchema = timerSchema.extend({ deviceName: z.string() })
export type HomeTimer = z.infer<typeof homeTimerSchema>

/** Sandbox and reference bounds the editors and the core both hold to. */
export const MAX_DELAY_SECONDS = 86_400
export const MAX_NOTICE_LENGTH = 1024
export const MAX_ACTIONS = 50
export const MAX_CONDITIONS = 20

/** One step of a scene or an automation. */
export const linkActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('control'),
    deviceId: deviceIdSchema,
    values: controlValuesSchema,
    /** The device's name as the cloud lists it (answers only). */
    deviceName: z.string().max(128).optional(),
  }).strict(),
  z.object({ kind: z.literal('delay'), seconds: z.number().int().min(1).max(MAX_DELAY_SECONDS) }).strict(),
  z.object({ kind: z.literal('runScene'), sceneId: z.string().trim().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('notify'), text: z.string().trim().min(1, 'a notification needs text').max(MAX_NOTICE_LENGTH) }).strict(),
])
export type LinkAction = z.infer<typeof linkActionSchema>
export const linkActionsSchema = z.array(linkActionSchema).min(1, 'add at least one action').max(MAX_ACTIONS)

export const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const
export const comparisonSchema = z.enum(COMPARISONS)
export type Comparison = z.infer<typeof comparisonSchema>

/** What starts an automation: a device's property compared with a value, or a time on some days. */
export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('property'),
    deviceId: deviceIdSchema,
    propertyId: z.string().trim().min(1).max(64),
    op: comparisonSchema,
    value: z.union([z.number().finite(), z.string().max(2048)]),
    deviceName: z.string().max(128).optional(),
  }).strict(),
  z.object({
    kind: z.literal('time'),
    days: daysSchema.refine((d) => d.length > 0, 'pick at least one day'),
    time: clockSchema,
  }).strict(),
])
export type Condition = z.infer<typeof conditionSchema>

export const sceneSettingsSchema = z.object({
  name: z.string().trim().min(1, 'a scene needs a name').max(64),
  /** An image URL; may be empty. */
  icon: z.string().trim().max(512).default(''),
  actions: linkActionsSchema,
})
export type SceneSettings = z.infer<typeof sceneSettingsSchema>

export const sceneSchema = z.object({
  sceneId: z.string(),
  familyId: z.string(),
  name: z.string(),
  icon: z.string(),
  actions: z.array(linkActionSchema),
  /** The member who made it. */
  userId: z.string(),
  /** Its actions are still running (delays pending). */
  running: z.boolean(),
  /** A device of its actions is no longer in the home. */
  deviceMissing: z.boolean(),
  createTime: z.number(),
  updateTime: z.number(),
})
export type Scene = z.infer<typeof sceneSchema>

export const automationSettingsSchema = z.object({
  name: z.string().trim().min(1, 'an automation needs a name').max(64),
  icon: z.string().trim().max(512).default(''),
  enabled: z.boolean(),
  /** 'all': every condition must hold; 'any': one is enough. */
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema).min(1, 'add at least one condition').max(MAX_CONDITIONS),
  actions: linkActionsSchema,
  /** When it may run: from, to (both included; from after to spans midnight), on these days. */
  activeFrom: clockSchema,
  activeTo: clockSchema,
  activeDays: daysSchema.refine((d) => d.length > 0, 'pick at least one day'),
})
export type AutomationSettings = z.infer<typeof automationSettingsSchema>

export const automationSummarySchema = z.object({
  automationId: z.string(),
  name: z.string(),
  icon: z.string(),
  enabled: z.boolean(),
})
export type AutomationSummary = z.infer<typeof automationSummarySchema>

export const automationSchema = automationSummarySchema.extend({
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema),
  actions: z.array(linkActionSchema),
  activeFrom: clockSchema,
  activeTo: clockSchema,
  activeDays: z.array(weekdaySchema),
})
export type Automation = z.infer<typeof automationSchema>

/** What a device change was caused by, read from its clientToken ("timer::<id>::<minute>", "scene::<id>", "automation::<id>"). */
export interface ScheduleCause {
  kind: 'timer' | 'scene' | 'automation'
  id: string
}

/** The timer, scene or automation a clientToken names, as the sandbox cloud marks its controls; null otherwise. */
export function causeOfClientToken(clientToken: string): ScheduleCause | null {
  const match = /^(timer|scene|automation)::([^:]+)/.exec(clientToken)
  return match ? { kind: match[1] as ScheduleCause['kind'], id: match[2] as string } : null
}
