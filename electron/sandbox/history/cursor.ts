/**
 * The Context cursor of the history listings: an opaque string naming the position after
 * the last item returned, as (time in ms, how many items at exactly that time were
 * returned). A position survives new items arriving later and ties in time, so the pages
 * of one range concatenate to the whole range without gaps or repeats.
 */
import { invalidParam } from '../api/errors'

export interface Cursor {
  /** Time (ms) of the last item returned. */
  afterMs: number
  /** Items at exactly `afterMs` already returned. */
  seenAtTime: number
}

export interface Timed {
  timeMs: number
}

const PREFIX = 'c1.'

export function encodeCursor(cursor: Cursor): string {
  return PREFIX + Buffer.from(`${cursor.afterMs}:${cursor.seenAtTime}`).toString('base64url')
}

/** undefined for an absent or empty Context (the first page). */
export function decodeCursor(context: unknown): Cursor | undefined {
  if (context === undefined || context === '') return undefined
  const text = typeof context === 'string' && context.startsWith(PREFIX)
    ? Buffer.from(context.slice(PREFIX.length), 'base64url').toString('utf8')
    : ''
  const match = /^(-?\d{1,16}):(\d{1,9})$/.exec(text)
  if (!match) throw invalidParam('Context is not a cursor this listing returned.')
  return { afterMs: Number(match[1]), seenAtTime: Number(match[2]) }
}

/** Whether `item` lies after the cursor; `tieIndex` counts items at the same time seen so far. */
export function isAfter(item: Timed, cursor: Cursor | undefined, tieIndex: number): boolean {
  if (!cursor) return true
  return item.timeMs > cursor.afterMs || (item.timeMs === cursor.afterMs && tieIndex >= cursor.seenAtTime)
}

/** The cursor after the last item of `page`, given everything up to it in time order. */
export function cursorAfter(page: readonly Timed[], previous: Cursor | undefined): Cursor {
  const last = page[page.length - 1] as Timed
  let seen = 0
  for (let i = page.length - 1; i >= 0 && (page[i] as Timed).timeMs === last.timeMs; i--) seen++
  // If the whole page sits at the time the previous cursor ended on, keep counting from it.
  if (previous && previous.afterMs === last.timeMs && seen === page.length) seen += previous.seenAtTime
  return { afterMs: last.timeMs, seenAtTime: seen }
}

/**
 * One page of a time-ordered stream: the first `limit` items after the cursor, and whether
 * the stream ends there. Reads one item beyond the page to know, so a page that ends the
 * range says so and no empty last page is ever needed.
 */
export function takePage<T extends Timed>(items: Iterable<T>, cursor: Cursor | undefined, limit: number): { page: T[]; more: boolean } {
  const page: T[] = []
  let tieTime = Number.NaN
  let tieIndex = 0
  for (const item of items) {
    tieIndex = item.timeMs === tieTime ? tieIndex + 1 : 0
    tieTime = item.timeMs
    if (!isAfter(item, cursor, tieIndex)) continue
    if (page.length === limit) return { page, more: true }
    page.push(item)
  }
  return { page, more: false }
}
