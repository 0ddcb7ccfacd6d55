/**
 * One page of each history listing, read off the cloud's answer. Checked by hand rather
 * than with zod: a million points are two thousand pages, and each is looked at once.
 */
import type { HistoryEventMark } from '../../../shared/history'
import { ApiError } from '../api/api-error'
import type { CloudReply } from '../api/envelope'
import type { CloudCall } from '../api/cloud-call'
import { parseValue, type Columns } from './columns'
import type { CursorPage } from './cursor-paging'
import type { Span } from './spans'
import { splitDeviceId } from '../../../shared/device-id'

/** The sandbox takes up to 500 points a page; the reference states no maximum. */
export const POINT_PAGE_LIMIT = 500
/** Events are few; 100 a page is the sandbox's maximum Size. */
export const EVENT_PAGE_SIZE = 100

const DATA_HISTORY = 'AppGetDeviceDataHistory'
const EVENT_HISTORY = 'AppListEventHistory'

/** A page of one property's reports with span.fromMs <= time <= span.toMs (MinTime/MaxTime in ms). */
export function pointPageReader(call: CloudCall, deviceId: string, property: string, span: Span, signal: AbortSignal) {
  return async (context: string): Promise<CursorPage<Columns>> => {
    const params = { DeviceId: deviceId, FieldName: property, MinTime: span.fromMs, MaxTime: span.toMs, Limit: POINT_PAGE_LIMIT, Context: context }
    const reply = await call(DATA_HISTORY, params, { signal })
    const results = listOf(reply, 'Results', DATA_HISTORY)
    const items: Columns = { times: new Array<number>(results.length), values: new Array<number | string>(results.length) }
    results.forEach((item, i) => {
      const { Time, Value } = (item ?? {}) as { Time?: unknown; Value?: unknown }
      items.times[i] = timeOf(Time, reply, DATA_HISTORY)
      items.values[i] = parseValue(Value)
    })
    return { items, count: results.length, ...cursorOf(reply) }
  }
}

/**
 * A page of the device's events of every type. StartTime/EndTime are whole seconds, both
 * included, so the span is narrowed to the seconds that lie wholly inside it: a second cut
 * by a span boundary belongs to the span holding its start.
 */
export function eventPageReader(call: CloudCall, deviceId: string, span: Span, signal: AbortSignal) {
  const [ProductId, DeviceName] = splitDeviceId(deviceId)
  const StartTime = Math.ceil(span.fromMs / 1000)
  const EndTime = Math.floor(span.toMs / 1000)
  return async (context: string): Promise<CursorPage<HistoryEventMark[]>> => {
    // 0 means "now" to the cloud: a span before 1970-01-01T00:00:01 has nothing to ask.
    if (StartTime > EndTime || EndTime === 0) return { items: [], count: 0, listover: true, context: '' }
    const params = { ProductId, DeviceName, StartTime, EndTime, Size: EVENT_PAGE_SIZE, Context: context }
    const reply = await call(EVENT_HISTORY, params, { signal })
    const list = listOf(reply, 'EventHistory', EVENT_HISTORY)
    const items = list.map((item) => eventOf(item, reply)).filter((e) => e.timeMs >= span.fromMs && e.timeMs <= span.toMs)
    return { items, count: list.length, ...cursorOf(reply) }
  }
}

function eventOf(item: unknown, reply: CloudReply): HistoryEventMark {
  const e = (item ?? {}) as { TimeStamp?: unknown; EventId?: unknown; Type?: unknown; Data?: unknown }
  const seconds = Number(e.TimeStamp)
  if (!Number.isFinite(seconds)) throw malformed(reply, EVENT_HISTORY, 'an event without a TimeStamp')
  return {
    timeMs: Math.floor(seconds) * 1000,
    eventId: String(e.EventId ?? ''),
    type: String(e.Type ?? ''),
    data: typeof e.Data === 'string' ? e.Data : JSON.stringify(e.Data ?? {}),
  }
}

function listOf(reply: CloudReply, field: string, action: string): unknown[] {
  const list = reply.data[field]
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) throw malformed(reply, action, `${field} is not a list`)
  return list
}

function timeOf(raw: unknown, reply: CloudReply, action: string): number {
  const time = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN
  if (!Number.isFinite(time)) throw malformed(reply, action, `a point's Time is ${JSON.stringify(raw)}`)
  return time
}

/** Listover as a boolean (or its text); a missing Context reads as empty, which ends paging. */
function cursorOf(reply: CloudReply): { listover: boolean; context: string } {
  const { Listover, Context } = reply.data
  return { listover: Listover === true || Listover === 'true', context: typeof Context === 'string' ? Context : '' }
}

function malformed(reply: CloudReply, action: string, detail: string): ApiError {
  return ApiError.malformed(action, reply.requestId, detail)
}
