/**
 * Every device's property and event history: a deterministic backfill of `historyDays`
 * before the sandbox started (computed on demand, see property-backfill / event-backfill),
 * the device's last report before start (what AppGetDeviceData showed then), and every
 * report and event published after start, read off the push bus so every path that
 * changes a device (control, simulation, as-device reports, OTA) lands here.
 */
import type { DeviceChangeParams, EventPayload, PropertyPayload } from '../../../shared/api/push'
import type { SandboxOptions } from '../options'
import type { PushBus } from '../push/push-bus'
import type { Device, PropertyState } from '../world/model'
import type { World } from '../world/world'
import type { Timed } from './cursor'
import { backfillEvents, type HistoryEvent } from './event-backfill'
import { LiveLog } from './live-log'
import { backfillPoints, seriesKey, type HistoryPoint, type Series } from './property-backfill'
import { seriesProfile } from './series-profile'

export type { HistoryEvent } from './event-backfill'
export type { HistoryPoint } from './property-backfill'

export interface HistoryCloud {
  readonly options: Readonly<SandboxOptions>
  readonly world: World
  readonly pushes: PushBus
}

const DAY_MS = 86_400_000
/** Live points kept per device property and in all; live events per device and in all. */
const LIVE_POINT_CAP = 20_000
const LIVE_POINT_TOTAL = 2_000_000
const LIVE_EVENT_CAP = 5_000
const LIVE_EVENT_TOTAL = 200_000

/** A live report is kept as its time and bare value (live-log.ts). */
const POINT_CODEC = { pack: (point: HistoryPoint) => point.value, unpack: (timeMs: number, value: HistoryPoint['value']) => ({ timeMs, value }) }

/** A device as it was when the sandbox started: its history's end. */
interface Baseline {
  createMs: number
  properties: Map<string, PropertyState>
}

export class DeviceHistory {
  /** When the sandbox started: backfill lies before, live reports after. */
  readonly startMs: number
  /** The oldest moment with history: `historyDays` before start. */
  readonly earliestMs: number
  private readonly baselines = new Map<string, Baseline>()
  private readonly livePoints = new LiveLog<HistoryPoint, HistoryPoint['value']>(LIVE_POINT_CAP, LIVE_POINT_TOTAL, POINT_CODEC)
  private readonly liveEvents = new LiveLog<HistoryEvent>(LIVE_EVENT_CAP, LIVE_EVENT_TOTAL)
  private readonly unsubscribe: () => void

  constructor(private readonly cloud: HistoryCloud) {
    this.startMs = cloud.options.clock()
    this.earliestMs = this.startMs - cloud.options.historyDays * DAY_MS
    for (const device of cloud.world.devices.values()) this.baselines.set(device.deviceId, baselineOf(device))
    this.unsubscribe = cloud.pushes.subscribe((push, payload) => this.record(push, payload))
  }

  /** Stops listening to the push bus. */
  stop(): void {
    this.unsubscribe()
  }

  /** The device's reports of one property with fromMs <= time <= toMs, in time order. */
  *propertyPoints(device: Device, propertyId: string, fromMs: number, toMs: number): Generator<HistoryPoint> {
    yield* mergeByTime(this.pointsBeforeStart(device, propertyId, fromMs, toMs), this.livePoints.range(pointKey(device.deviceId, propertyId), fromMs, toMs))
  }

  /** The device's events with fromMs <= time <= toMs, in time order. */
  events(device: Device, fromMs: number, toMs: number): HistoryEvent[] {
    const before: HistoryEvent[] = []
    const baseline = this.baselines.get(device.deviceId)
    const template = this.cloud.world.products.get(device.productId)?.dataTemplate
    if (baseline && template) {
      const from = Math.max(fromMs, this.earliestMs, baseline.createMs)
      const to = Math.min(toMs, Math.min(lastReportMs(baseline), this.startMs) - 1)
      if (from <= to) before.push(...backfillEvents(this.cloud.options.seed, device.deviceId, template.events, from, to))
    }
    return [...mergeByTime(before, this.liveEvents.range(device.deviceId, fromMs, toMs))]
  }

  private *pointsBeforeStart(device: Device, propertyId: string, fromMs: number, toMs: number): Generator<HistoryPoint> {
    const baseline = this.baselines.get(device.deviceId)
    const anchorState = baseline?.properties.get(propertyId)
    const product = this.cloud.world.products.get(device.productId)
    const property = product?.dataTemplate.properties.find((p) => p.id === propertyId)
    if (!baseline || !anchorState || !product || !property) return
    const anchor: HistoryPoint = { timeMs: anchorState.lastUpdateMs, value: anchorState.value }
    const series: Series = {
      key: seriesKey(this.cloud.options.seed, device.deviceId, propertyId),
      profile: seriesProfile(product.kind, propertyId, property.define),
      define: property.define,
      anchor,
    }
    const from = Math.max(fromMs, this.earliestMs, baseline.createMs)
    const to = Math.min(toMs, anchor.timeMs - 1, this.startMs)
    if (from <= to) yield* backfillPoints(series, from, to)
    if (anchor.timeMs >= fromMs && anchor.timeMs <= toMs) yield anchor
  }

  private record(push: DeviceChangeParams, decoded: () => unknown): void {
    if (push.SubType !== 'Report' || (push.Type !== 'Property' && push.Type !== 'Event')) return
    const device = this.cloud.world.devices.get(push.DeviceId)
    const payload = device && decoded()
    if (!payload || typeof payload !== 'object') return
    if (push.Type === 'Property') this.recordReport(device, payload as Partial<PropertyPayload>)
    else this.recordEvent(device, payload as Partial<EventPayload>)
  }

  private recordReport(device: Device, payload: Partial<PropertyPayload>): void {
    if (payload.method !== 'report' || typeof payload.params !== 'object' || payload.params === null) return
    const template = this.cloud.world.products.get(device.productId)?.dataTemplate
    for (const [id, value] of Object.entries(payload.params)) {
      if (!template?.properties.some((p) => p.id === id)) continue
      // The device's LastUpdate is the report's time, so AppGetDeviceData and history agree.
      const timeMs = device.properties.get(id)?.lastUpdateMs ?? this.cloud.options.clock()
      this.livePoints.append(pointKey(device.deviceId, id), { timeMs, value: value as HistoryPoint['value'] })
    }
  }

  private recordEvent(device: Device, payload: Partial<EventPayload>): void {
    // OTA progress travels as Type Event too; only event_post is an event of the template.
    if (payload.method !== 'event_post' || typeof payload.eventId !== 'string') return
    const stamp = typeof payload.timestamp === 'number' ? payload.timestamp : this.cloud.options.clock()
    this.liveEvents.append(device.deviceId, {
      timeMs: stamp < 1e12 ? stamp * 1000 : stamp,
      eventId: payload.eventId,
      type: String(payload.type ?? ''),
      params: payload.params ?? {},
    })
  }
}

function baselineOf(device: Device): Baseline {
  const properties = new Map<string, PropertyState>()
  for (const [id, state] of device.properties) properties.set(id, { value: copyOf(state.value), lastUpdateMs: state.lastUpdateMs })
  return { createMs: device.createTime * 1000, properties }
}

/** Struct values are objects a later report could change in place; scalars are immutable. */
function copyOf(value: PropertyState['value']): PropertyState['value'] {
  return typeof value === 'object' ? { ...value } : value
}

/** The device's last report before start (every property was reported together). */
function lastReportMs(baseline: Baseline): number {
  let last = Number.NEGATIVE_INFINITY
  for (const state of baseline.properties.values()) last = Math.max(last, state.lastUpdateMs)
  return Number.isFinite(last) ? last : Number.POSITIVE_INFINITY
}

function pointKey(deviceId: string, propertyId: string): string {
  return `${deviceId}\n${propertyId}`
}

/** Two time-ordered streams as one; on equal times the first stream's items come first. */
function* mergeByTime<T extends Timed>(first: Iterable<T>, second: Iterable<T>): Generator<T> {
  const a = first[Symbol.iterator]()
  const b = second[Symbol.iterator]()
  let x = a.next()
  let y = b.next()
  while (!x.done || !y.done) {
    if (!x.done && (y.done || x.value.timeMs <= y.value.timeMs)) {
      yield x.value
      x = a.next()
    } else if (!y.done) {
      yield y.value
      y = b.next()
    }
  }
}
