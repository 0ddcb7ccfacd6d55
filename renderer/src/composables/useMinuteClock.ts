import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/**
 * "Now", moved on once a minute, for ages shown on screen ("2 h ago"). One timer for all
 * readers, running only while someone reads it.
 */
const now = ref(Date.now())
let readers = 0
let timer: ReturnType<typeof setInterval> | undefined

export function useMinuteClock(): Readonly<Ref<number>> {
  if (readers++ === 0) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), 60_000)
  }
  onScopeDispose(() => {
    if (--readers === 0) clearInterval(timer)
  })
  return readonly(now)
}
