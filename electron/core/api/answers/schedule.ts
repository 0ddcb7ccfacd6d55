/** What the timer, scene and automation actions answer (Device Scheduling, Manual and Automatic Intelligence). */
import { z } from 'zod'
import { int, listOf, optInt, optStr, str } from './read'

const timerItem = z.object({
  TimerId: str,
  TimerName: optStr,
  ProductId: str,
  DeviceName: str,
  /** 7 × 0/1, Sunday first. */
  Days: optStr,
  TimePoint: str,
  Repeat: optInt,
  /** The control as JSON text. */
  Data: optStr,
  Status: optInt,
  CreateTime: optInt,
  UpdateTime: optInt,
})
export type TimerItem = z.infer<typeof timerItem>

export const timerListShape = z.object({ TimerList: listOf(timerItem), Total: optInt })
export const createdTimerShape = z.object({ TimerId: str })

/** ActionType 0 device control (Data JSON), 1 delay (seconds), 2 run a scene (SceneId), 3 notification (text). */
const actionItem = z.object({
  ActionType: int,
  ProductId: optStr,
  DeviceName: optStr,
  AliasName: optStr,
  Data: z.union([z.string(), z.number(), z.record(z.string(), z.unknown())]).transform((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))),
})
export type ActionItem = z.infer<typeof actionItem>

const sceneItem = z.object({
  SceneId: str,
  FamilyId: optStr,
  SceneName: optStr,
  SceneIcon: optStr,
  Actions: listOf(actionItem),
  UserId: optStr,
  CreateTime: optInt,
  UpdateTime: optInt,
  /** 1: a device of its actions is no longer in the home. */
  Flag: optInt,
  /** 1: running. */
  Status: optInt,
})
export type SceneItem = z.infer<typeof sceneItem>

export const sceneListShape = z.object({ SceneList: listOf(sceneItem), Total: optInt })
export const createdSceneShape = z.object({ SceneId: str })

/** CondType 0 a device property compared (Op eq/ne/gt/lt/ge/le, "equal" in one example), 1 a time on days. */
const conditionItem = z.object({
  CondId: optStr,
  CondType: int,
  Property: z
    .object({
      ProductId: str,
      DeviceName: str,
      AliasName: optStr,
      PropertyId: str,
      Op: str,
      Value: z.union([z.number(), z.string()]),
    })
    .optional(),
  Timer: z.object({ Days: str, TimePoint: str }).optional(),
})
export type ConditionItem = z.infer<typeof conditionItem>

export const automationListShape = z.object({
  List: listOf(z.object({ AutomationId: str, Icon: optStr, Name: optStr, Status: optInt })),
})

export const automationShape = z.object({
  AutomationId: str,
  Icon: optStr,
  Name: optStr,
  Status: optInt,
  MatchType: optInt,
  EffectiveBeginTime: str,
  EffectiveEndTime: str,
  EffectiveDays: str,
  Conditions: listOf(conditionItem),
  Actions: listOf(actionItem),
})
export type AutomationItem = z.infer<typeof automationShape>

export const createdAutomationShape = z.object({ AutomationId: str })
