/**
 * Users' inboxes (AppGetMessages / AppDeleteMessage): leaving messages, and reading them
 * newest first behind a (MsgTimestamp, MsgID) cursor. Messages live in world.messages.
 */
import type { Message } from '../world/model'
import type { World } from '../world/world'

/** 1 device, 2 family, 3 notification (AppGetMessages Category). */
export type MessageCategory = Message['category']

/** What a message says; the recipient, id and time are added when it is left. */
export type Notice = Omit<Message, 'msgId' | 'userId' | 'msgTimestamp' | 'familyId' | 'productId' | 'deviceName' | 'fromUserId'> &
  Partial<Pick<Message, 'familyId' | 'productId' | 'deviceName' | 'fromUserId'>>

/**
 * MsgIDs are decimal strings of milliseconds x 1000 plus a serial, like the reference's
 * 1633328834809856: they sort with time, and stay below 2^53, so a client that sends one
 * back as a JSON number (AppDeleteMessage's example does) does not lose digits.
 */
const lastIdOf = new WeakMap<World, number>()

function newMsgId(world: World, ms: number): string {
  const id = Math.max(ms * 1000, (lastIdOf.get(world) ?? 0) + 1)
  lastIdOf.set(world, id)
  return String(id)
}

/**
 * Retention (sandbox choice; the reference states none): each user keeps his newest
 * MAX_PER_INBOX messages of each category, so a long run of the fleet simulation neither
 * grows without bound nor slows AppGetMessages. Pruned every PRUNE_EVERY messages left.
 */
export const MAX_PER_INBOX = 1000
const PRUNE_EVERY = 1000
const leftSincePrune = new WeakMap<World, number>()

function pruneNow(world: World): void {
  const counts = new Map<string, number>()
  const keep = new Set<Message>()
  for (let i = world.messages.length - 1; i >= 0; i--) {
    const m = world.messages[i] as Message
    const key = `${m.userId}|${m.category}`
    const count = (counts.get(key) ?? 0) + 1
    counts.set(key, count)
    if (count <= MAX_PER_INBOX) keep.add(m)
  }
  world.retainMessages((m) => keep.has(m))
}

function countLeft(world: World, n: number): void {
  const left = (leftSincePrune.get(world) ?? 0) + n
  leftSincePrune.set(world, left >= PRUNE_EVERY ? 0 : left)
  if (left >= PRUNE_EVERY) pruneNow(world)
}

/** Leaves the same notice in each user's inbox (once per user), at `ms`. */
export function deliver(world: World, userIds: Iterable<string>, notice: Notice, ms: number): Message[] {
  const out: Message[] = []
  for (const userId of new Set(userIds)) {
    out.push(
      world.addMessage({
        familyId: '',
        productId: '',
        deviceName: '',
        fromUserId: '',
        ...notice,
        msgId: newMsgId(world, ms),
        userId,
        msgTimestamp: ms,
      }),
    )
  }
  countLeft(world, out.length)
  return out
}

export interface InboxCursor {
  /** "" or absent on the first page. */
  msgId?: string
  /** 0 or absent on the first page. */
  msgTimestamp?: number
}

/** Newest first: by MsgTimestamp, then MsgID, both descending. */
function newerFirst(a: Message, b: Message): number {
  return b.msgTimestamp - a.msgTimestamp || compareIds(b.msgId, a.msgId)
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

/**
 * One page of a user's messages of a category, newest first, strictly after the cursor
 * (the last message of the previous page); `over` when nothing older remains.
 */
export function readInbox(world: World, userId: string, category: MessageCategory, cursor: InboxCursor, limit: number): { msgs: Message[]; over: boolean } {
  // Pruning runs in batches; reading applies the limit exactly.
  const mine = world.messages.filter((m) => m.userId === userId && m.category === category).sort(newerFirst).slice(0, MAX_PER_INBOX)
  const older = mine.filter((m) => isAfterCursor(m, cursor, mine))
  return { msgs: older.slice(0, limit), over: older.length <= limit }
}

/**
 * Only MsgID given: the message's own time completes the cursor (its id alone if it was
 * deleted meanwhile); only MsgTimestamp given: everything older than that millisecond.
 */
function isAfterCursor(m: Message, cursor: InboxCursor, mine: readonly Message[]): boolean {
  const id = cursor.msgId || undefined
  let ts = cursor.msgTimestamp || undefined
  if (id === undefined && ts === undefined) return true
  if (id !== undefined && ts === undefined) ts = mine.find((x) => x.msgId === id)?.msgTimestamp
  if (ts === undefined) return compareIds(m.msgId, id as string) < 0
  if (m.msgTimestamp !== ts) return m.msgTimestamp < ts
  return id === undefined ? false : compareIds(m.msgId, id) < 0
}
