import { computed, ref, shallowRef } from 'vue'
import { MESSAGE_CATEGORIES, type Message } from '@shared/contracts/messages'
import type { BridgeError } from '@shared/errors'
import { useApi } from '@/api'
import { toBridgeError } from '@/bridge'
import type { LoadStatus } from '@/stores/session'
import { readSeen, writeSeen } from '@/utils/message-seen'

const PER_CATEGORY = 20

/**
 * The newest messages of each category, for the overview's panel (the message centre has
 * them all). Unread as utils/message-seen.ts decides it.
 */
export function useMessages(owner: () => string | null) {
  const messages = shallowRef<Message[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const seen = ref(readSeen(owner() ?? ''))

  async function load(): Promise<void> {
    status.value = 'loading'
    seen.value = readSeen(owner() ?? '')
    try {
      const pages = await Promise.all(MESSAGE_CATEGORIES.map((category) => useApi().messages.list({ category, limit: PER_CATEGORY })))
      messages.value = pages.flatMap((p) => p.messages).sort((a, b) => b.timeMs - a.timeMs)
      status.value = 'ready'
      error.value = null
    } catch (e) {
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  function markRead(): void {
    const newestOf = (category: number) => messages.value.find((m) => m.category === category)?.timeMs ?? 0
    const marks = { ...seen.value }
    for (const c of MESSAGE_CATEGORIES) marks[c] = Math.max(marks[c], newestOf(c))
    seen.value = marks
    writeSeen(owner() ?? '', marks)
  }

  const unread = computed(() => messages.value.filter((m) => m.timeMs > (seen.value[m.category as 1 | 2 | 3] ?? 0)))
  return { messages, unread, status, error, load, markRead }
}
