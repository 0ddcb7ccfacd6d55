/**
 * Why a device's property changed: the one place the timeline's "what caused this" is
 * decided. Pure: it weighs what the app can see around the change (the clientToken of the
 * push that carried it, the run times of the device's timers, the changes this app made
 * and logged in the audit log, scene runs, automations and the readings their conditions
 * watch) and names the most certain cause, or none.
 *
 * Order of certainty: a clientToken naming a timer/scene/automation (the cloud said so) >
 * a change made through this app seconds before (audit log) > a timer that ran just before
 * and sets exactly this value > an automation whose condition became true just before >
 * a scene run through this app just before > a rule that would set this value (possible).
 */
import { causeOfClientToken, type Condition } from '../schedule'

export interface PropertyChange {
  timeMs: number
  propertyId: string
  value: unknown
  /** Known for changes seen live (their push), never for history read back. */
  clientToken?: string
}

/** A timer of the device, with the run times it implies over the range. */
export interface TimerRule {
  id: string
  name: string
  values: Record<string, unknown>
  runsMs: readonly number[]
}

/** A scene or automation of the home, with what it sets on this device. */
export interface LinkRule {
  id: string
  name: string
  values: Record<string, unknown>
  /** Automations only: what starts it. */
  conditions?: readonly Condition[]
  match?: 'all' | 'any'
  /** Automations: run times its time conditions imply over the range. */
  runsMs?: readonly number[]
}

/** A change this app made (audit log), with the values it set when it set any. */
export interface AppChange {
  timeMs: number
  action: string
  values: Record<string, unknown>
  requestId: string
  account: string
  /** AppRunScene: the scene run. */
  sceneId?: string
}

/** A reading of a property some automation's condition watches. */
export interface Reading {
  deviceId: string
  propertyId: string
  timeMs: number
  value: unknown
}

export interface CauseContext {
  deviceId: string
  timers: readonly TimerRule[]
  automations: readonly LinkRule[]
  scenes: readonly LinkRule[]
  appChanges: readonly AppChange[]
  readings: readonly Reading[]
}

export type Cause =
  | { kind: 'timer'; id: string; name: string; atMs: number | null; by: 'clientToken' | 'timing' }
  | { kind: 'app'; action: string; requestId: string; account: string; atMs: number }
  | { kind: 'automation'; id: string; name: string; by: 'clientToken' | 'condition' | 'timing' | 'possible'; trigger: Reading | null }
  | { kind: 'scene'; id: string; name: string; by: 'clientToken' | 'run' | 'possible'; atMs: number | null }
  | { kind: 'unknown' }

/** A device reports a change this long after the call (or the cloud's minute) that made it. */
export const APP_WINDOW_MS = 10_000
export const RULE_WINDOW_MS = 90_000
/** Clocks of the app, the cloud and the device disagree by this much. */
export const SKEW_MS = 2_000

const within = (at: number, start: number, span: number) => at >= start - SKEW_MS && at <= start + span

export function causeOf(change: PropertyChange, context: CauseContext): Cause {
  return (
    byClientToken(change, context) ??
    byApp(change, context) ??
    byTimer(change, context) ??
    byAutomation(change, context) ??
    bySceneRun(change, context) ??
    possibleRule(change, context) ?? { kind: 'unknown' }
  )
}

function byClientToken(change: PropertyChange, context: CauseContext): Cause | null {
  const named = change.clientToken ? causeOfClientToken(change.clientToken) : null
  if (!named) return null
  if (named.kind === 'timer') {
    const timer = context.timers.find((t) => t.id === named.id)
    return { kind: 'timer', id: named.id, name: timer?.name ?? '', atMs: null, by: 'clientToken' }
  }
  const rules = named.kind === 'scene' ? context.scenes : context.automations
  const name = rules.find((r) => r.id === named.id)?.name ?? ''
  return named.kind === 'scene'
    ? { kind: 'scene', id: named.id, name, by: 'clientToken', atMs: null }
    : { kind: 'automation', id: named.id, name, by: 'clientToken', trigger: null }
}

/** The newest app change that set this very value within seconds before the change. */
function byApp(change: PropertyChange, context: CauseContext): Cause | null {
  const made = latest(context.appChanges.filter((a) => sets(a.values, change) && within(change.timeMs, a.timeMs, APP_WINDOW_MS)))
  return made ? { kind: 'app', action: made.action, requestId: made.requestId, account: made.account, atMs: made.timeMs } : null
}

function byTimer(change: PropertyChange, context: CauseContext): Cause | null {
  let best: { timer: TimerRule; at: number } | null = null
  for (const timer of context.timers) {
    if (!sets(timer.values, change)) continue
    for (const at of timer.runsMs) if (within(change.timeMs, at, RULE_WINDOW_MS) && (!best || at > best.at)) best = { timer, at }
  }
  return best ? { kind: 'timer', id: best.timer.id, name: best.timer.name, atMs: best.at, by: 'timing' } : null
}

/** An automation that sets this value, whose condition came true (a reading or its time) just before. */
function byAutomation(change: PropertyChange, context: CauseContext): Cause | null {
  for (const rule of context.automations) {
    if (!sets(rule.values, change)) continue
    const trigger = latest(context.readings.filter((r) => within(change.timeMs, r.timeMs, RULE_WINDOW_MS) && (rule.conditions ?? []).some((c) => holds(c, r))))
    if (trigger) return { kind: 'automation', id: rule.id, name: rule.name, by: 'condition', trigger }
    if ((rule.runsMs ?? []).some((at) => within(change.timeMs, at, RULE_WINDOW_MS))) return { kind: 'automation', id: rule.id, name: rule.name, by: 'timing', trigger: null }
  }
  return null
}

function bySceneRun(change: PropertyChange, context: CauseContext): Cause | null {
  const runs = context.appChanges.filter((a) => a.sceneId && within(change.timeMs, a.timeMs, RULE_WINDOW_MS))
  for (const run of runs.sort((a, b) => b.timeMs - a.timeMs)) {
    const scene = context.scenes.find((s) => s.id === run.sceneId && sets(s.values, change))
    if (scene) return { kind: 'scene', id: scene.id, name: scene.name, by: 'run', atMs: run.timeMs }
  }
  return null
}

/** Nothing seen around the change, but a rule of the home would set this value: say it may have. */
function possibleRule(change: PropertyChange, context: CauseContext): Cause | null {
  const automation = context.automations.find((a) => sets(a.values, change))
  if (automation) return { kind: 'automation', id: automation.id, name: automation.name, by: 'possible', trigger: null }
  const scene = context.scenes.find((s) => sets(s.values, change))
  return scene ? { kind: 'scene', id: scene.id, name: scene.name, by: 'possible', atMs: null } : null
}

/** Whether a reading makes a property condition true. */
export function holds(condition: Condition, reading: Reading): boolean {
  if (condition.kind !== 'property' || condition.deviceId !== reading.deviceId || condition.propertyId !== reading.propertyId) return false
  const a = Number(reading.value)
  const b = Number(condition.value)
  const numeric = Number.isFinite(a) && Number.isFinite(b) && String(reading.value).trim() !== ''
  switch (condition.op) {
    case 'eq':
      return sameValue(reading.value, condition.value)
    case 'ne':
      return !sameValue(reading.value, condition.value)
    case 'gt':
      return numeric && a > b
    case 'ge':
      return numeric && a >= b
    case 'lt':
      return numeric && a < b
    case 'le':
      return numeric && a <= b
  }
}

function sets(values: Record<string, unknown>, change: PropertyChange): boolean {
  return Object.hasOwn(values, change.propertyId) && sameValue(values[change.propertyId], change.value)
}

/** Values as the cloud carries them: 1 and "1" are the same; structs compare member by member. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const numeric = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
  if (numeric(a) && numeric(b)) return Math.abs(Number(a) - Number(b)) < 1e-9
  if (typeof a === 'string' && typeof b === 'object' && b !== null) return sameValue(parseJson(a), b)
  if (typeof b === 'string' && typeof a === 'object' && a !== null) return sameValue(a, parseJson(b))
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  }
  return false
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function latest<T extends { timeMs: number }>(items: readonly T[]): T | null {
  return items.reduce<T | null>((best, item) => (!best || item.timeMs > best.timeMs ? item : best), null)
}
