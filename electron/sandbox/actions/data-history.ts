/**
 * Data Query, history side: a property's reports over time (AppGetDeviceDataHistory) and a
 * device's events (AppListEventHistory), both paged by an opaque Context cursor.
 *
 * Listover means "the listing is over" in both: true on the page that ends the range (and
 * then Context is ""), false while more pages follow. The reference's own text for
 * AppGetDeviceDataHistory says the opposite ("True indicates that you can continue
 * reading"), but its example (Listover false beside Context "abc") and every other
 * Listover of the API read the way the sandbox answers.
 */
import { invalidParam } from '../api/errors'
import type { ParamRule, ParamValues } from '../api/params'
import { cursorAfter, decodeCursor, encodeCursor, takePage, type Cursor, type Timed } from '../history/cursor'
import type { HistoryEvent, HistoryPoint } from '../history/device-history'
import type { Device, PropertyValue } from '../world/model'
import { readableDevice } from './access'
import { deviceIdOf } from './data-query'
import { catalogParams, type TokenApiAction } from './registry'

/** The reference states no maximum for Limit; the sandbox takes up to 500 points a page. */
export const MAX_HISTORY_LIMIT = 500
/** Size: no default or maximum documented; 10 and 100 are the sandbox's choice. */
export const DEFAULT_EVENT_SIZE = 10
export const MAX_EVENT_SIZE = 100
const EVENT_TYPES = ['info', 'alert', 'fault'] as const

const optionalString = (name: string): ParamRule => ({ name, type: 'String', kind: 'string', required: false })

const appGetDeviceDataHistory: TokenApiAction = {
  action: 'AppGetDeviceDataHistory',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table requires DeviceId, the example sends ProductId + DeviceName instead: both work.
  params: catalogParams('AppGetDeviceDataHistory', {
    relax: ['DeviceId'],
    extra: [optionalString('ProductId'), optionalString('DeviceName')],
  }),
  handle(ctx) {
    const { world, history } = ctx.cloud
    const device = readableDevice(world, ctx.user.userId, deviceIdOf(ctx.params))
    const fieldName = ctx.params.FieldName as string
    checkField(world.products.get(device.productId)?.dataTemplate.properties.map((p) => p.id) ?? [], fieldName)
    // MinTime / MaxTime are milliseconds (typed Int in the table, 13 digits in the example).
    const { from, to } = timeRange(ctx.params.MinTime as number, ctx.params.MaxTime as number, 'MinTime', 'MaxTime')
    const limit = checkLimit('Limit', ctx.params.Limit as number, MAX_HISTORY_LIMIT)
    const cursor = decodeCursor(ctx.params.Context)
    const stream = history.propertyPoints(device, fieldName, cursor ? Math.max(from, cursor.afterMs) : from, to)
    const { page, more } = takePage<HistoryPoint>(stream, cursor, limit)
    return {
      Context: nextContext(page, cursor, more),
      FieldName: fieldName,
      Listover: !more,
      // Time and Value are strings in the reference's example ("1560949025494", "77").
      Results: page.map((p) => ({ Time: String(p.timeMs), Value: valueText(p.value) })),
    }
  },
}

const appListEventHistory: TokenApiAction = {
  action: 'AppListEventHistory',
  endpoint: 'tokenapi',
  shape: 'flat',
  // ProductId is also read as ProductID (the example's spelling); Limit is taken for Size.
  params: catalogParams('AppListEventHistory', {
    extra: [{ name: 'Limit', type: 'Int64', kind: 'integer', required: false }],
  }),
  handle(ctx) {
    const { world, history } = ctx.cloud
    const deviceId = `${String(ctx.params.ProductId)}/${String(ctx.params.DeviceName)}`
    const device = readableDevice(world, ctx.user.userId, deviceId)
    const size = checkLimit('Size', (ctx.params.Size ?? ctx.params.Limit ?? DEFAULT_EVENT_SIZE) as number, MAX_EVENT_SIZE)
    const { from, to } = eventRange(ctx.params, history.earliestMs, ctx.nowMs)
    const matches = filterEvents(history.events(device, from, to), ctx.params)
    const cursor = decodeCursor(ctx.params.Context)
    const { page, more } = takePage(matches, cursor, size)
    // The example's ClientToken / OutputParams were copied from another action; not sent.
    return {
      Context: nextContext(page, cursor, more),
      Total: matches.length,
      Listover: !more,
      EventHistory: page.map((e) => eventItem(device, e)),
    }
  },
}

function checkField(propertyIds: readonly string[], fieldName: string): void {
  if (!propertyIds.includes(fieldName)) {
    throw invalidParam(`FieldName ${fieldName} is not a property of the device's product (${propertyIds.join(', ')}).`)
  }
}

function timeRange(min: number, max: number, minName: string, maxName: string): { from: number; to: number } {
  if (min < 0 || max < 0) throw invalidParam(`${minName} and ${maxName} must not be negative.`)
  if (min > max) throw invalidParam(`${minName} ${min} is after ${maxName} ${max}.`)
  return { from: min, to: max }
}

function checkLimit(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalidParam(`${name} must be from 1 to ${max}, not ${value}.`)
  return value
}

/**
 * StartTime / EndTime are seconds, both inclusive; the reference says "0 means current
 * system time" for both. EndTime 0 (or absent) is now; StartTime 0 (or absent) would then
 * make an empty range, yet the reference's example (both 0) returns an event, so the
 * sandbox reads StartTime 0 as "from the oldest event kept".
 */
function eventRange(params: ParamValues, earliestMs: number, nowMs: number): { from: number; to: number } {
  const start = (params.StartTime as number | undefined) ?? 0
  const end = (params.EndTime as number | undefined) ?? 0
  const { from, to } = timeRange(start, end || Math.floor(nowMs / 1000), 'StartTime', 'EndTime')
  return { from: start === 0 ? Math.min(earliestMs, nowMs) : from * 1000, to: to * 1000 + 999 }
}

function filterEvents(events: HistoryEvent[], params: ParamValues): HistoryEvent[] {
  const type = ((params.Type as string | undefined) ?? '').trim().toLowerCase()
  if (type !== '' && !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw invalidParam(`Type must be one of ${EVENT_TYPES.join(', ')} (or empty for all), not ${String(params.Type)}.`)
  }
  const eventId = (params.EventId as string | undefined) ?? ''
  return events.filter((e) => (type === '' || e.type === type) && (eventId === '' || e.eventId === eventId))
}

function eventItem(device: Device, event: HistoryEvent): Record<string, unknown> {
  return {
    TimeStamp: Math.floor(event.timeMs / 1000),
    ProductId: device.productId,
    DeviceName: device.deviceName,
    EventId: event.eventId,
    Type: event.type,
    // Data is the event's parameters as a JSON string, as in the example.
    Data: JSON.stringify(event.params),
  }
}

function nextContext(page: readonly Timed[], cursor: Cursor | undefined, more: boolean): string {
  return more ? encodeCursor(cursorAfter(page, cursor)) : ''
}

function valueText(value: PropertyValue): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value)
}

export const dataHistoryActions = [appGetDeviceDataHistory, appListEventHistory]
