import { computed, reactive, ref } from 'vue'
import { MESSAGE_CATEGORIES, type Message, type MessageCategory, type MessageCursor } from '@shared/contracts/messages'
import type { BridgeError } from '@shared/errors'
import { useApi } from '@/api'
import { toBridgeError } from '@/bridge'
import type { LoadStatus } from '@/stores/session'
import { readSeen, unreadOf, writeSeen, type SeenMarks } from '@/utils/message-seen'

export const PAGE_SIZE = 20

interface CategoryState {
  messages: Message[]
  next: MessageCursor | null
  listover: boolean
  status: LoadStatus
  error: BridgeError | null
}

const empty = (): CategoryState => ({ messages: [], next: null, listover: false, status: 'idle', error: null })

/**
 * The message centre's state: each category read page by page (newest first), one message
 * opened in full, deletion, and unread counts per category (utils/message-seen.ts).
 */
export function useMessageCentre(owner: () => string | null) {
  const categories = reactive<Record<MessageCategory, CategoryState>>({ 1: empty(), 2: empty(), 3: empty() })
  const seen = ref<SeenMarks>(readSeen(owner() ?? ''))
  const openedId = ref<string | null>(null)

  async function readPage(category: MessageCategory, after: MessageCursor | null): Promise<void> {
    const state = categories[category]
    state.status = 'loading'
    try {
      const page = await useApi().messages.list({ category, limit: PAGE_SIZE, ...(after ? { after } : {}) })
      // A message may sit on both sides of a page boundary if the inbox changed meanwhile.
      const known = new Set(after ? state.messages.map((m) => m.msgId) : [])
      state.messages = [...(after ? state.messages : []), ...page.messages.filter((m) => !known.has(m.msgId))]
      state.next = page.next
      state.listover = page.listover
      state.status = 'ready'
      state.error = null
    } catch (e) {
      state.status = 'error'
      state.error = toBridgeError(e)
    }
  }

  const load = (category: MessageCategory) => readPage(category, null)
  const loadAll = () => Promise.all(MESSAGE_CATEGORIES.map(load))
  const loadMore = (category: MessageCategory) => readPage(category, categories[category].next)

  /** Deletes the message in the cloud, then from the list; throws the cloud's error. */
  async function remove(message: Message): Promise<string> {
    const { requestId } = await useApi().messages.delete({ msgId: message.msgId })
    for (const c of MESSAGE_CATEGORIES) categories[c].messages = categories[c].messages.filter((m) => m.msgId !== message.msgId)
    if (openedId.value === message.msgId) openedId.value = null
    return requestId
  }

  function markRead(category: MessageCategory): void {
    const newest = categories[category].messages[0]?.timeMs ?? 0
    seen.value = { ...seen.value, [category]: Math.max(seen.value[category], newest) }
    writeSeen(owner() ?? '', seen.value)
  }

  const unread = computed(() => {
    const out = {} as Record<MessageCategory, { count: number; more: boolean }>
    for (const c of MESSAGE_CATEGORIES) out[c] = unreadOf(categories[c].messages, seen.value[c], categories[c].listover)
    return out
  })
  const isUnread = (message: Message) => message.timeMs > (seen.value[message.category as MessageCategory] ?? 0)
  const opened = computed(() => {
    for (const c of MESSAGE_CATEGORIES) {
      const found = categories[c].messages.find((m) => m.msgId === openedId.value)
      if (found) return found
    }
    return null
  })

  return { categories, unread, isUnread, opened, openedId, load, loadAll, loadMore, remove, markRead }
}
