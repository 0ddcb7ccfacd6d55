import { computed, ref, shallowRef } from 'vue'
import type { Msg } from '@shared/api/action-types'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import type { LoadStatus } from '@/stores/session'
import { readPref, writePref } from '@/utils/storage'

const CATEGORIES = [1, 2, 3] as const
const PER_CATEGORY = 20
const SEEN_KEY = 'explorer-desk.messages-seen'

/**
 * The newest messages of each category (AppGetMessages). The cloud keeps no read flag, so
 * "unread" means newer than when this account last marked them read here.
 */
export function useMessages(owner: () => string | null) {
  const messages = shallowRef<Msg[]>([])
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
        CATEGORIES.map((Category) => useDesk().call('api.call', { action: 'AppGetMessages', params: { Category, Limit: PER_CATEGORY } })),
      )
      messages.value = pages
        .flatMap((p) => (Array.isArray(p.data.Msgs) ? (p.data.Msgs as Msg[]) : []))
        .sort((a, b) => (b.MsgTimestamp ?? 0) - (a.MsgTimestamp ?? 0))
      status.value = 'ready'
      error.value = null
    } catch (e) {
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  function markRead(): void {
    const newest = messages.value[0]?.MsgTimestamp ?? Date.now()
    seenAt.value = newest
    let saved: Record<string, number> = {}
    try {
      saved = JSON.parse(readPref(SEEN_KEY) ?? '{}') as Record<string, number>
    } catch {
      // a damaged preference is simply replaced
    }
    writePref(SEEN_KEY, JSON.stringify({ ...saved, [owner() ?? '']: newest }))
  }

  const unread = computed(() => messages.value.filter((m) => (m.MsgTimestamp ?? 0) > seenAt.value))
  return { messages, unread, status, error, load, markRead }
}
