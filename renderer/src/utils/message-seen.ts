/**
 * "Unread" for messages. The cloud keeps no read flag, but every message carries its
 * MsgTimestamp and pages come newest first: so a message is unread when it is newer than
 * the newest one this account had marked read in that category, here, on this computer.
 */
import type { Message, MessageCategory } from '@shared/contracts/messages'
import { readPref, writePref } from './storage'

const SEEN_KEY = 'explorer-desk.messages-seen'

export type SeenMarks = Record<MessageCategory, number>

/** Every owner's marks; an older single number per owner counts for every category. */
function readAll(): Record<string, unknown> {
  try {
    const saved: unknown = JSON.parse(readPref(SEEN_KEY) ?? '{}')
    return typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function readSeen(owner: string): SeenMarks {
  const mine = readAll()[owner]
  if (typeof mine === 'number') return { 1: mine, 2: mine, 3: mine }
  const marks = (typeof mine === 'object' && mine !== null ? mine : {}) as Record<string, unknown>
  const mark = (c: MessageCategory) => (typeof marks[c] === 'number' ? (marks[c] as number) : 0)
  return { 1: mark(1), 2: mark(2), 3: mark(3) }
}

export function writeSeen(owner: string, marks: SeenMarks): void {
  writePref(SEEN_KEY, JSON.stringify({ ...readAll(), [owner]: marks }))
}

/**
 * Unread messages of a category among those read so far (newest first). When every one read
 * is unread and more pages remain, the count is a lower bound: `more` says so ("20+").
 */
export function unreadOf(messages: readonly Message[], seenAtMs: number, listover: boolean): { count: number; more: boolean } {
  const count = messages.filter((m) => m.timeMs > seenAtMs).length
  return { count, more: !listover && count > 0 && count === messages.length }
}
