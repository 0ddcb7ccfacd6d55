import { onBeforeUnmount, reactive, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationNormalized } from 'vue-router'
import { readDeviceQuery, writeDeviceQuery, type DeviceListQuery } from '@/utils/device-query'
import { useNavigationStore } from '@/stores/navigation'
import { whenIdle } from '@/utils/when-idle'

/** Typing in the search box reaches the URL once the typist pauses: a navigation per keystroke cost a frame's budget. */
const TYPING_PAUSE_MS = 300
/** Any other choice reaches the URL when the page is next idle, at the latest after this. */
const CHOICE_IDLE_MS = 250

/**
 * The device list's filter and sort: local state the list filters by at once (typing stays
 * instant), mirrored into the URL query (replace, not push: no history entry per keystroke),
 * and read back when the URL changes from outside (a link from the overview, back button).
 * The search text follows a pause in typing; every other choice reaches the URL once the
 * page is idle: the router's navigation (history entry, scroll map, every route watcher)
 * never shares the frame that shows the choice, and choices in a row (arrow keys on a
 * closed select) write once. Leaving the page before then still records the list's query
 * for the way back to it.
 */
export function useDeviceListQuery(): DeviceListQuery {
  const route = useRoute()
  const router = useRouter()
  const navigation = useNavigationStore()
  const state = reactive<DeviceListQuery>(readDeviceQuery(route.query))
  let writing = ''
  let typed: ReturnType<typeof setTimeout> | undefined
  let cancelIdle: (() => void) | undefined
  const besidesText = (q: DeviceListQuery) => JSON.stringify({ ...q, query: '' })

  watch(
    () => route.query,
    (query) => {
      const wanted = JSON.stringify(query)
      if (wanted === writing) return
      writing = wanted // the URL now says what the state will: a return to the last written query is news again
      Object.assign(state, readDeviceQuery(query))
    },
  )
  watch(
    () => ({ ...state }),
    (next) => {
      clearTimeout(typed)
      if (besidesText(next) === besidesText(readDeviceQuery(route.query))) typed = setTimeout(() => write({ ...state }), TYPING_PAUSE_MS)
      else if (!cancelIdle) cancelIdle = whenIdle(() => write({ ...state }), CHOICE_IDLE_MS)
    },
  )
  const stopGuard = router.beforeEach(keepUnwritten)
  onBeforeUnmount(() => {
    stopGuard()
    cancel()
  })

  /** Off to another page or family before the URL caught up: the way back keeps the list's query, and no late write lands on where the user went. */
  function keepUnwritten(to: RouteLocationNormalized, from: RouteLocationNormalized): void {
    if ((typed === undefined && cancelIdle === undefined) || to.path === from.path) return
    cancel()
    navigation.listQueries.set(String(from.params.familyId), writeDeviceQuery(state))
  }

  function cancel(): void {
    clearTimeout(typed)
    cancelIdle?.()
    typed = cancelIdle = undefined
  }

  function write(next: DeviceListQuery): void {
    cancel()
    const query = writeDeviceQuery(next)
    writing = JSON.stringify(query)
    if (writing !== JSON.stringify(route.query)) void router.replace({ query })
  }
  return state
}
