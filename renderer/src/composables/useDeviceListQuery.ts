import { onBeforeUnmount, reactive, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { readDeviceQuery, writeDeviceQuery, type DeviceListQuery } from '@/utils/device-query'

/** Typing in the search box reaches the URL once the typist pauses: a navigation per keystroke cost a frame's budget. */
const TYPING_PAUSE_MS = 300

/**
 * The device list's filter and sort: local state the list filters by at once (typing stays
 * instant), mirrored into the URL query (replace, not push: no history entry per keystroke),
 * and read back when the URL changes from outside (a link from the overview, back button).
 * The search text follows a pause in typing; every other choice reaches the URL once the
 * frame showing it is painted: the router's navigation (history entry, scroll map, every
 * route watcher) would otherwise share that frame.
 */
export function useDeviceListQuery(): DeviceListQuery {
  const route = useRoute()
  const router = useRouter()
  const state = reactive<DeviceListQuery>(readDeviceQuery(route.query))
  let writing = ''
  let typed: ReturnType<typeof setTimeout> | undefined
  let frame: number | undefined
  let painted: ReturnType<typeof setTimeout> | undefined
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
      else writeAfterPaint()
    },
  )
  onBeforeUnmount(() => {
    clearTimeout(typed)
    clearTimeout(painted)
    if (frame !== undefined) cancelAnimationFrame(frame)
  })

  /** Writes the state once the next frame is painted (a task after it), once however many choices precede it. */
  function writeAfterPaint(): void {
    if (frame !== undefined) return
    frame = requestAnimationFrame(() => {
      painted = setTimeout(() => {
        frame = undefined
        write({ ...state })
      })
    })
  }

  function write(next: DeviceListQuery): void {
    const query = writeDeviceQuery(next)
    writing = JSON.stringify(query)
    if (writing !== JSON.stringify(route.query)) void router.replace({ query })
  }
  return state
}
