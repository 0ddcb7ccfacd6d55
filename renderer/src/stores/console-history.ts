import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BridgeError } from '@shared/errors'
import type { FieldValue } from '@/utils/console-form'

/** One API console call of this session: enough to re-open it or run it again. */
export interface ConsoleCall {
  id: number
  key: string
  action: string
  fields: Record<string, FieldValue>
  params: Record<string, unknown>
  atMs: number
  durationMs: number
  requestId: string
  outcome: 'ok' | 'error'
  data?: Record<string, unknown>
  error?: BridgeError
}

/** The latest calls only: a console left open all day must not hoard answers. */
export const MAX_CONSOLE_CALLS = 200

export const useConsoleHistoryStore = defineStore('console-history', () => {
  const calls = ref<ConsoleCall[]>([])
  let nextId = 1

  function record(call: Omit<ConsoleCall, 'id'>): ConsoleCall {
    const entry = { ...call, id: nextId++ }
    calls.value = [entry, ...calls.value].slice(0, MAX_CONSOLE_CALLS)
    return entry
  }

  function clear(): void {
    calls.value = []
  }

  return { calls, record, clear }
})
