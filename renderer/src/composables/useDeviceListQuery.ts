import { reactive, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { readDeviceQuery, writeDeviceQuery, type DeviceListQuery } from '@/utils/device-query'

/**
 * The device list's filter and sort: local state the list filters by at once (typing stays
 * instant), mirrored into the URL query (replace, not push: no history entry per keystroke),
 * and read back when the URL changes from outside (a link from the overview, back button).
 */
export function useDeviceListQuery(): DeviceListQuery {
  const route = useRoute()
  const router = useRouter()
  const state = reactive<DeviceListQuery>(readDeviceQuery(route.query))
  let writing = ''

  watch(
    () => route.query,
    (query) => {
      const wanted = JSON.stringify(query)
      if (wanted === writing) return
      Object.assign(state, readDeviceQuery(query))
    },
  )
  watch(
    () => ({ ...state }),
    (next) => {
      const query = writeDeviceQuery(next)
      writing = JSON.stringify(query)
      if (writing !== JSON.stringify(route.query)) void router.replace({ query })
    },
  )
  return state
}
