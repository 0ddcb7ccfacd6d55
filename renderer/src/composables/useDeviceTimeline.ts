import { computed, onBeforeUnmount, ref, shallowRef } from 'vue'
import type { AuditEntry } from '@shared/domain'
import type { HistoryEventMark } from '@shared/history'
import type { DeviceEvent } from '@shared/live'
import type { Automation, Scene, Timer } from '@shared/schedule'
import type { ThingModel } from '@shared/thing-model'
import { causeOf, sameValue, type Cause, type CauseContext, type PropertyChange, type Reading } from '@shared/timeline/cause'
import { appChangesFromAudit, automationRules, changesFromSeries, SCENE_RUN_ACTION, sceneRules, timerRules } from '@shared/timeline/sources'
import { splitDeviceId } from '@shared/device-id'
import { useApi } from '@/api'
import { useDesk } from '@/bridge'

export type TimelineRange = '1h' | '24h' | '7d'
export const RANGE_MS: Record<TimelineRange, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 }
export type Lane = 'property' | 'event' | 'status' | 'schedule' | 'app'

export type TimelineItem = { key: string; timeMs: number; lane: Lane } & (
  | { kind: 'change'; change: PropertyChange; cause: Cause; live: boolean }
  | { kind: 'event'; eventId: string; eventType: string; data: string }
  | { kind: 'status'; online: boolean }
  | { kind: 'timerRun'; id: string; name: string }
  | { kind: 'automationRun'; id: string; name: string }
  | { kind: 'app'; entry: AuditEntry }
)

/** Sources that could not be read: the timeline shows the rest and says which. */
export type TimelineSource = 'history' | 'audit' | 'timers' | 'automations' | 'scenes'

/** Property identifiers history.fetch accepts (at most 8 per device). */
const PROPERTY_ID = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
/** A live change and the same value read back from history within this much are one change. */
const SAME_CHANGE_MS = 3_000
const MAX_CONDITION_DEVICES = 4
/** The list stays a list a person reads: past this many moments only the newest are shown. */
export const MAX_ITEMS = 600

/**
 * One device's timeline: history (property changes, events), what the pushes bring while it
 * is open (changes with their clientTokens, online/offline), the audit log's changes, and
 * the timers, scenes and automations that target it, each change with its inferred cause.
 */
export function useDeviceTimeline(deviceId: () => string, familyId: () => string, model: () => ThingModel) {
  const api = useApi()
  const range = ref<TimelineRange>('24h')
  const window = ref({ fromMs: 0, toMs: 0 })
  const loading = ref(false)
  const failed = shallowRef<{ source: TimelineSource; error: unknown }[]>([])
  const history = shallowRef<{ changes: PropertyChange[]; events: HistoryEventMark[] }>({ changes: [], events: [] })
  const audit = shallowRef<AuditEntry[]>([])
  const rules = shallowRef<{ timers: Timer[]; automations: Automation[]; scenes: Scene[] }>({ timers: [], automations: [], scenes: [] })
  const readings = shallowRef<Reading[]>([])
  const live = shallowRef<DeviceEvent[]>([])

  async function attempt<T>(source: TimelineSource, fetch: () => Promise<T>, fallback: T, problems: { source: TimelineSource; error: unknown }[]): Promise<T> {
    try {
      return await fetch()
    } catch (error) {
      problems.push({ source, error })
      return fallback
    }
  }

  async function load(): Promise<void> {
    const toMs = Date.now()
    const fromMs = toMs - RANGE_MS[range.value]
    window.value = { fromMs, toMs }
    loading.value = true
    const problems: { source: TimelineSource; error: unknown }[] = []
    const [h, entries, timers, automations, scenes] = await Promise.all([
      attempt('history', () => readHistory(fromMs, toMs), { changes: [], events: [] }, problems),
      attempt('audit', () => readAudit(fromMs, toMs), [], problems),
      attempt('timers', async () => (await api.timers.list({ deviceId: deviceId() })).timers, [], problems),
      attempt('automations', () => api.automations.describeAll({ familyId: familyId() }), [], problems),
      attempt('scenes', () => api.scenes.list({ familyId: familyId() }), [], problems),
    ])
    history.value = h
    audit.value = entries
    rules.value = { timers, automations, scenes }
    readings.value = await readConditionReadings(automations, fromMs, toMs).catch(() => [])
    failed.value = problems
    loading.value = false
  }

  async function readHistory(fromMs: number, toMs: number) {
    const properties = model().properties.map((p) => p.id).filter((id) => PROPERTY_ID.test(id)).slice(0, 8)
    if (properties.length === 0) {
      const page = await api.device.eventHistory({ deviceId: deviceId(), fromMs, toMs, size: 100 })
      return { changes: [], events: page.events }
    }
    const result = await api.history.fetch({ deviceId: deviceId(), properties, fromMs, toMs, events: true })
    return { changes: changesFromSeries(result.series), events: result.events }
  }

  /** The audit log's entries naming the device (by its DeviceName), and every scene run. */
  async function readAudit(fromMs: number, toMs: number): Promise<AuditEntry[]> {
    const [, name] = splitDeviceId(deviceId())
    const [mine, scenes] = await Promise.all([
      api.audit.list({ text: name, fromMs, toMs: toMs + 1, limit: 1000 }),
      api.audit.list({ action: SCENE_RUN_ACTION, fromMs, toMs: toMs + 1, limit: 200 }),
    ])
    return [...mine.entries, ...scenes.entries]
  }

  /** Readings of the properties other devices' automation conditions watch, to see a condition come true. */
  async function readConditionReadings(automations: Automation[], fromMs: number, toMs: number): Promise<Reading[]> {
    const watched = new Map<string, Set<string>>()
    for (const a of automationRules(automations, deviceId(), fromMs, toMs, toMs)) {
      for (const c of a.conditions ?? []) if (c.kind === 'property' && PROPERTY_ID.test(c.propertyId)) watched.set(c.deviceId, (watched.get(c.deviceId) ?? new Set()).add(c.propertyId))
    }
    const devices = [...watched].slice(0, MAX_CONDITION_DEVICES)
    const results = await Promise.all(
      devices.map(([id, props]) => api.history.fetch({ deviceId: id, properties: [...props].slice(0, 8), fromMs, toMs, events: false }).catch(() => null)),
    )
    return results.flatMap((r) => (r ? r.series.flatMap((s) => Array.from(s.times, (timeMs, i) => ({ deviceId: r.deviceId, propertyId: s.property, timeMs, value: s.values[i] }))) : []))
  }

  const off = useDesk().on('device.events', (events) => {
    const mine = events.filter((e) => e.deviceId === deviceId() && (e.kind === 'status' || e.kind === 'event' || (e.kind === 'property' && e.source === 'report')))
    if (mine.length) live.value = [...live.value, ...mine].slice(-500)
  })
  onBeforeUnmount(off)

  const context = computed<CauseContext>(() => {
    const { fromMs, toMs } = window.value
    const end = Math.max(toMs, Date.now())
    return {
      deviceId: deviceId(),
      timers: timerRules(rules.value.timers, fromMs, end, end),
      automations: automationRules(rules.value.automations, deviceId(), fromMs, end, end),
      scenes: sceneRules(rules.value.scenes, deviceId()),
      appChanges: appChangesFromAudit(audit.value, deviceId()),
      readings: readings.value,
    }
  })

  const all = computed<TimelineItem[]>(() => buildItems(history.value, live.value, audit.value, context.value))
  const items = computed(() => all.value.slice(0, MAX_ITEMS))
  const cut = computed(() => Math.max(0, all.value.length - MAX_ITEMS))
  return { range, window, loading, failed, items, cut, context, load }
}

function liveChanges(live: readonly DeviceEvent[]): PropertyChange[] {
  const out: PropertyChange[] = []
  for (const e of live) {
    if (e.kind !== 'property') continue
    const timeMs = Date.parse(e.time) || e.receivedAtMs
    for (const [propertyId, value] of Object.entries(e.values)) out.push({ timeMs, propertyId, value, clientToken: e.clientToken })
  }
  return out
}

function buildItems(history: { changes: PropertyChange[]; events: HistoryEventMark[] }, live: readonly DeviceEvent[], audit: readonly AuditEntry[], context: CauseContext): TimelineItem[] {
  const seenLive = liveChanges(live)
  const readBack = history.changes.filter((h) => !seenLive.some((l) => l.propertyId === h.propertyId && sameValue(l.value, h.value) && Math.abs(l.timeMs - h.timeMs) <= SAME_CHANGE_MS))
  const items: TimelineItem[] = []
  const change = (c: PropertyChange, isLive: boolean, i: number) =>
    items.push({ key: `c${isLive ? 'l' : 'h'}${i}`, timeMs: c.timeMs, lane: 'property', kind: 'change', change: c, cause: causeOf(c, context), live: isLive })
  readBack.forEach((c, i) => change(c, false, i))
  seenLive.forEach((c, i) => change(c, true, i))
  history.events.forEach((e, i) => items.push({ key: `e${i}`, timeMs: e.timeMs, lane: 'event', kind: 'event', eventId: e.eventId, eventType: e.type, data: e.data }))
  live.forEach((e, i) => {
    const timeMs = Date.parse(e.time) || e.receivedAtMs
    if (e.kind === 'status') items.push({ key: `s${i}`, timeMs, lane: 'status', kind: 'status', online: e.online })
    if (e.kind === 'event') items.push({ key: `le${i}`, timeMs, lane: 'event', kind: 'event', eventId: e.eventId, eventType: e.eventType, data: JSON.stringify(e.params) })
  })
  for (const t of context.timers) t.runsMs.forEach((at, i) => items.push({ key: `t${t.id}-${i}`, timeMs: at, lane: 'schedule', kind: 'timerRun', id: t.id, name: t.name }))
  for (const a of context.automations) (a.runsMs ?? []).forEach((at, i) => items.push({ key: `a${a.id}-${i}`, timeMs: at, lane: 'schedule', kind: 'automationRun', id: a.id, name: a.name }))
  const appIds = new Set(context.appChanges.map((c) => c.requestId))
  audit.filter((e) => appIds.has(e.requestId)).forEach((entry) => items.push({ key: `p${entry.id}`, timeMs: entry.timeMs, lane: 'app', kind: 'app', entry }))
  return items.sort((a, b) => b.timeMs - a.timeMs)
}
