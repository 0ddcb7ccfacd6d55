/**
 * What the device timeline is made of, shaped for the cause inference (./cause.ts): property
 * changes from history points, this app's changes from the audit log, and the rules of the
 * home that touch the device with the run times they imply. Pure, like the inference.
 */
import type { AuditEntry } from '../domain'
import type { HistorySeries } from '../history'
import type { Automation, Scene, Timer } from '../schedule'
import { timerRunTimes } from '../time/schedule-runs'
import type { AppChange, LinkRule, PropertyChange, TimerRule } from './cause'

/** Each point whose value differs from the one before it (the first point is the state the range starts in). */
export function changesFromSeries(series: readonly HistorySeries[]): PropertyChange[] {
  const changes: PropertyChange[] = []
  for (const s of series) {
    for (let i = 1; i < s.times.length; i++) {
      if (s.values[i] !== s.values[i - 1]) changes.push({ timeMs: s.times[i] as number, propertyId: s.property, value: s.values[i] })
    }
  }
  return changes.sort((a, b) => a.timeMs - b.timeMs)
}

/** The audit log's action for a scene run through this app (scene runs name no device). */
export const SCENE_RUN_ACTION = 'AppRunScene'

/** Actions whose Data is the property values they set. */
const VALUE_ACTIONS = new Set(['AppControlDeviceData', 'AppReportDataAsDevice'])

/** The successful changes this app made to the device (and every scene it ran), oldest first. */
export function appChangesFromAudit(entries: readonly AuditEntry[], deviceId: string): AppChange[] {
  const out: AppChange[] = []
  for (const entry of entries) {
    if (entry.outcome !== 'ok') continue
    const params = objectOf(entry.params)
    const base = { timeMs: entry.timeMs, action: entry.action, requestId: entry.requestId, account: entry.account, values: {} }
    if (entry.action === SCENE_RUN_ACTION && typeof params.SceneId === 'string') out.push({ ...base, sceneId: params.SceneId })
    else if (deviceOf(params) === deviceId) out.push({ ...base, values: VALUE_ACTIONS.has(entry.action) ? objectOf(params.Data) : {} })
  }
  return out.sort((a, b) => a.timeMs - b.timeMs)
}

/** The device a call was about: its DeviceId, or ProductId and DeviceName. */
function deviceOf(params: Record<string, unknown>): string {
  if (typeof params.DeviceId === 'string') return params.DeviceId
  return typeof params.ProductId === 'string' && typeof params.DeviceName === 'string' ? `${params.ProductId}/${params.DeviceName}` : ''
}

function objectOf(value: unknown): Record<string, unknown> {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      return {}
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
}

export function timerRules(timers: readonly Timer[], fromMs: number, toMs: number, nowMs: number): TimerRule[] {
  return timers.map((t) => ({ id: t.timerId, name: t.name, values: t.values, runsMs: timerRunTimes(t, fromMs, toMs, nowMs) }))
}

/** What the rule's control actions set on this device (later actions win). */
function valuesFor(actions: Scene['actions'], deviceId: string): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const a of actions) if (a.kind === 'control' && a.deviceId === deviceId) Object.assign(values, a.values)
  return values
}

/** The home's automations that set something on the device or watch it, with their time conditions' runs. */
export function automationRules(automations: readonly Automation[], deviceId: string, fromMs: number, toMs: number, nowMs: number): LinkRule[] {
  return automations
    .filter((a) => a.enabled && (touches(a.actions, deviceId) || a.conditions.some((c) => c.kind === 'property' && c.deviceId === deviceId)))
    .map((a) => ({
      id: a.automationId,
      name: a.name,
      values: valuesFor(a.actions, deviceId),
      conditions: a.conditions,
      match: a.match,
      runsMs: a.conditions.flatMap((c) =>
        c.kind === 'time' ? timerRunTimes({ days: c.days, time: c.time, repeat: true, enabled: true, updateTime: 0 }, fromMs, toMs, nowMs) : [],
      ),
    }))
}

export function sceneRules(scenes: readonly Scene[], deviceId: string): LinkRule[] {
  return scenes.filter((s) => touches(s.actions, deviceId)).map((s) => ({ id: s.sceneId, name: s.name, values: valuesFor(s.actions, deviceId) }))
}

const touches = (actions: Scene['actions'], deviceId: string) => actions.some((a) => a.kind === 'control' && a.deviceId === deviceId)
