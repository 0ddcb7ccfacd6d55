import { computed, ref, shallowRef } from 'vue'
import type { Message } from '@shared/contracts/messages'
import type { BridgeError } from '@shared/errors'
import { useApi } from '@/api'
import { toBridgeError } from '@/bridge'
import type { LoadStatus } from '@/stores/session'
import { readPref, writePref } from '@/utils/storage'

const CATEGORIES = [1, 2, 3] as const
const PER_CATEGORY = 20
const SEEN_KEY = 'explorer-desk.messages-seen'

/**
 * The newest messages of each category. The cloud keeps no read flag, so
 * "unread" means newer than when this account last marked them read here.
 */
export function useMessages(owner: () => string | null) {
  const messages = shallowRef<Message[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const seenAt = ref(readSeen())

  function readSeen(): number {
    try {
      const saved = JSON.parse(readPref(SEEN_KEY) ?? '{}') as Record<string, number>
      return saved[owner() ?? ''] ?? 0
    } catch {
      return 0
    }
  }

  async function load(): Promise<void> {
    status.value = 'loading'
    seenAt.value = readSeen()
    try {
      const pages = await Promise.all(
        CATEGORIES.map((category) => useApi().messages.list({ category, limit: PER_CATEGORY })),
      )
      messages.value = pages.flatMap((p) => p.messages).sort((a, b) => b.timeMs - a.timeMs)
      status.value = 'ready'
      error.value = null
    } catch (e) {
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  function markRead(): void {
    const newest = messages.value[0]?.timeMs ?? Date.now()
    seenAt.value = newest
    let saved: Record<string, number> = {}
    try {
      saved = JSON.parse(readPref(SEEN_KEY) ?? '{}') as Record<string, number>
    } catch {
      // a damaged preference is simply replaced
    }
    writePref(SEEN_KEY, JSON.stringify({ ...saved, [owner() ?? '']: newest }))
  }

  const unread = computed(() => messages.value.filter((m) => m.timeMs > seenAt.value))
  return { messages, unread, status, error, load, markRead }
}
