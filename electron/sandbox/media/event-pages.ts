/**
 * Paging of lotVideoDescribeCloudStorageEvents by Context. The cursor is opaque to the
 * caller (base64url, like the reference's long Context) and carries the query it belongs
 * to - range, EventId filter - plus the StartTime of the last event returned, so later
 * pages continue the first one's query even as new events arrive, and no event is
 * listed twice or skipped. Events come newest first.
 */
import { Rng } from '../prng'
import { hashKey } from '../sim/seed-hash'

export interface EventQuery {
  start: number
  end: number
  /** '' = every event type. */
  eventId: string
  /** Only events starting before this (Infinity on the first page). */
  before: number
}

const PREFIX = 'sbx1'

export function encodeCursor(q: EventQuery): string {
  return Buffer.from([PREFIX, q.start, q.end, q.before, q.eventId].join('|'), 'utf8').toString('base64url')
}

/** undefined when the text is not a cursor this sandbox issued. */
export function decodeCursor(text: string): EventQuery | undefined {
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('|')
  if (parts.length !== 5 || parts[0] !== PREFIX) return undefined
  const [start, end, before] = parts.slice(1, 4).map((p) => (/^\d{1,12}$/.test(p) ? Number(p) : NaN))
  if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(before)) return undefined
  return { start: start as number, end: end as number, before: before as number, eventId: parts[4] as string }
}

/**
 * How many events a page holds. The reference: "Assuming Size=10 is passed ... the actual
 * number of events returned is N, then 5 <= N <= 10"; the sandbox returns N in
 * [ceil(Size/2), Size], fixed per (camera, position), so clients must page by Listover
 * and Context, not by counting.
 */
export function pageSize(seed: number, deviceId: string, size: number, before: number): number {
  const rng = new Rng(hashKey(seed, 'cloud-events-page', deviceId, before, size))
  return rng.int(Math.ceil(size / 2), size)
}
