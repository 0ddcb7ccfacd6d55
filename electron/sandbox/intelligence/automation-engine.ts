/**
 * When automations run. Property conditions are re-evaluated on every Property/Report push
 * of their device (whoever caused the report: the fleet simulation, a control, a scene,
 * another automation); timer conditions at their minute (./timer-engine.ts).
 *
 * - OR (MatchType 1): a property condition turning true, or a timer condition's minute.
 * - AND (MatchType 0): all conditions true. Without timer conditions, at the report that
 *   makes the last one true; with them, at the timer's minute if every property condition
 *   holds then (two timer conditions only meet when they name the same minute).
 * - Only on a change from false to true: a report that repeats a value that already met
 *   the condition does not trigger again, so an automation whose actions keep its own
 *   condition true does not loop.
 * - Only while enabled, on an EffectiveDays day, between EffectiveBeginTime and
 *   EffectiveEndTime, and not while its previous run (with delays) is still going.
 * - Automations triggered by automations' actions stop after MAX_CASCADE links, so two
 *   automations that undo each other cannot run forever.
 */
import type { DeviceChangeParams } from '../../../shared/api/push'
import type { CloudState } from '../actions/registry'
import { isPlainObject } from '../api/params'
import type { World } from '../world/world'
import { dayMarked, inClockWindow, localMinute, MINUTE_MS, type LocalMinute } from './china-time'
import { scheduleNow } from './schedule-clock'
import { currentValue, holds } from './conditions'
import { runActions } from './executor'
import type { Automation, PropertyCondition, TimerCondition } from './model'
import { intelligenceOf } from './store'
import { joinDeviceId } from '../../../shared/device-id'

/** Sandbox choice: how many automations may trigger one another in a chain. */
export const MAX_CASCADE = 8

/** Listens to the cloud's pushes (see ./index.ts). */
export function onDeviceChange(cloud: CloudState, push: DeviceChangeParams, payload: () => unknown): void {
  if (push.Type !== 'Property' || push.SubType !== 'Report') return
  const store = intelligenceOf(cloud.world)
  if (store.automations.size === 0) return // most reports of a big fleet: nothing to evaluate
  const reported = reportedValues(payload())
  if (!reported) return
  const depth = store.causeDepth + 1
  const at = localMinute(Math.floor(scheduleNow(cloud) / MINUTE_MS))
  for (const automation of [...store.automations.values()]) {
    const change = updateStates(cloud.world, automation, push.DeviceId, reported)
    if (change && reportTriggers(automation, change) && mayRun(cloud, automation, at, depth)) trigger(cloud, automation, depth)
  }
}

/** At a minute of the clock: automations whose timer conditions name it. */
export function triggerAutomationAt(cloud: CloudState, at: LocalMinute): void {
  const depth = intelligenceOf(cloud.world).causeDepth + 1
  for (const automation of [...intelligenceOf(cloud.world).automations.values()]) {
    if (at.epochMinute * MINUTE_MS < automation.armedMs) continue
    const timers = automation.conditions.filter((c): c is TimerCondition => c.type === 1)
    const due = timers.filter((c) => c.timePoint === at.minuteOfDay && dayMarked(c.days, at.weekday))
    if (due.length === 0) continue
    const met = automation.matchType === 1 || (due.length === timers.length && propertiesHold(cloud.world, automation))
    if (met && mayRun(cloud, automation, at, depth)) trigger(cloud, automation, depth)
  }
}

/**
 * Takes the current values as the starting point (creation, edit, re-enable): conditions
 * already true do not trigger until they turn false and true again.
 */
export function armAutomation(world: World, automation: Automation, nowMs: number): void {
  automation.armedMs = nowMs
  automation.condStates = new Map(
    propertyConditions(automation).map((c) => [c.condId, holds(c, currentValue(world, c))]),
  )
}

interface StateChange {
  /** A condition of the reporting device turned true. */
  rose: boolean
  allBefore: boolean
  allAfter: boolean
}

function updateStates(world: World, automation: Automation, deviceId: string, reported: Record<string, unknown>): StateChange | undefined {
  const conditions = propertyConditions(automation)
  const mine = conditions.filter((c) => joinDeviceId(c.productId, c.deviceName) === deviceId)
  if (mine.length === 0) return undefined
  const allTrue = () => conditions.every((c) => automation.condStates.get(c.condId) === true)
  const allBefore = allTrue()
  let rose = false
  for (const c of mine) {
    const value = Object.hasOwn(reported, c.propertyId) ? reported[c.propertyId] : currentValue(world, c)
    const now = holds(c, value)
    if (now && automation.condStates.get(c.condId) !== true) rose = true
    automation.condStates.set(c.condId, now)
  }
  return { rose, allBefore, allAfter: allTrue() }
}

function reportTriggers(automation: Automation, change: StateChange): boolean {
  if (automation.matchType === 1) return change.rose
  const hasTimers = automation.conditions.some((c) => c.type === 1)
  return !hasTimers && !change.allBefore && change.allAfter
}

function propertiesHold(world: World, automation: Automation): boolean {
  return propertyConditions(automation).every((c) => holds(c, currentValue(world, c)))
}

function mayRun(cloud: CloudState, automation: Automation, at: LocalMinute, depth: number): boolean {
  return automation.status === 1
    && !automation.running
    && depth <= MAX_CASCADE
    && cloud.world.families.has(automation.familyId)
    && dayMarked(automation.effectiveDays, at.weekday)
    && inClockWindow(at.minuteOfDay, automation.effectiveBegin, automation.effectiveEnd)
}

function trigger(cloud: CloudState, automation: Automation, depth: number): void {
  automation.running = true
  const run = {
    cloud,
    familyId: automation.familyId,
    source: { kind: 'automation' as const, id: automation.automationId, name: automation.name },
    depth,
    scenes: new Set<string>(),
  }
  runActions(run, automation.actions, () => {
    automation.running = false
  })
}

function propertyConditions(automation: Automation): PropertyCondition[] {
  return automation.conditions.filter((c): c is PropertyCondition => c.type === 0)
}

/** The `params` of a report payload (Base64 JSON, possibly NUL-padded); undefined if it is not one. */
function reportedValues(decoded: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(decoded) || !isPlainObject(decoded.params)) return undefined
  return decoded.method === undefined || decoded.method === 'report' ? decoded.params : undefined
}
