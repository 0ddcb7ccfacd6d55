/**
 * Device timers, manual scenes and automations: the entities of the reference's Device
 * Scheduling, Manual Intelligence and Automatic Intelligence sections. Times are Unix
 * seconds unless the name says Ms; clock times are minutes of the day in China Standard
 * Time (see ./china-time.ts).
 */
import type { PropertyValue } from '../world/model'

/** A scheduled control of one device (AppCreateTimer). */
export interface DeviceTimer {
  /** 32 lower-case hex, like the reference's TimerId. */
  timerId: string
  deviceId: string
  productId: string
  deviceName: string
  name: string
  /** 7 × 0/1, Sunday first. */
  days: string
  /** Minutes after midnight, China Standard Time. */
  timePoint: number
  /** 1 weekly on the marked days; 0 once, at the next marked day (any day if none is marked). */
  repeat: 0 | 1
  /** The JSON control string as the caller sent it. */
  data: string
  /** 1 enabled, 0 disabled (AppModifyTimerStatus; a one-off timer disables itself after its run). */
  status: 0 | 1
  createTime: number
  updateTime: number
  /** A timer only fires in minutes that start at or after this (creation, edit, re-enable). */
  armedMs: number
}

/** One step of a scene or automation ("Action" in the reference). */
export type LinkAction =
  | { type: 0; productId: string; deviceName: string; data: string; aliasName?: string; iconUrl?: string }
  /** Delay; `data` is whole seconds as a string, like the reference's "100". */
  | { type: 1; data: string }
  /** Run a scene of the same family; `data` is its SceneId. */
  | { type: 2; data: string }
  /** Notification to the family's members; `data` is the text. */
  | { type: 3; data: string }

export type ConditionOp = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le'

export interface PropertyCondition {
  condId: string
  type: 0
  productId: string
  deviceName: string
  aliasName?: string
  iconUrl?: string
  propertyId: string
  op: ConditionOp
  value: PropertyValue
}

export interface TimerCondition {
  condId: string
  type: 1
  days: string
  timePoint: number
}

export type Condition = PropertyCondition | TimerCondition

/** A manual intelligent linkage (AppCreateScene). */
export interface Scene {
  /** `s_` + 32 hex. */
  sceneId: string
  familyId: string
  /** The member who created it (the list's UserId). */
  userId: string
  name: string
  icon: string
  actions: LinkAction[]
  /** True while its actions (with their delays) run: the list's Status 1. */
  running: boolean
  createTime: number
  updateTime: number
}

/** An automatic intelligent linkage (AppCreateAutomation). */
export interface Automation {
  /** `a_` + 32 hex. */
  automationId: string
  familyId: string
  userId: string
  name: string
  icon: string
  status: 0 | 1
  /** 0 every condition (AND), 1 any condition (OR). */
  matchType: 0 | 1
  conditions: Condition[]
  actions: LinkAction[]
  /** Minutes after midnight, China Standard Time, both ends included. */
  effectiveBegin: number
  effectiveEnd: number
  effectiveDays: string
  createTime: number
  updateTime: number
  /** Timer conditions only fire in minutes that start at or after this. */
  armedMs: number
  /** Last truth of each property condition, by CondId: triggers fire on false → true only. */
  condStates: Map<string, boolean>
  /** True while its actions run (a trigger meanwhile is ignored). */
  running: boolean
}
