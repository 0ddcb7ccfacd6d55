import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { Device } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import { useLiveStore } from '@/stores/live'
import { useSessionStore, type LoadStatus } from '@/stores/session'
import { settleConcurrently } from '@shared/concurrency'

/** Families whose device lists load at once (each pages concurrently in main already). */
const FAMILY_CONCURRENCY = 2

/**
 * The devices of the families in scope (one family, or every one), kept live: the overview
 * watches them so its counts and activity follow pushes. Leaving stops the watch.
 */
export function useFleetOverview(familyIds: Ref<string[]>) {
  const live = useLiveStore()
  const session = useSessionStore()
  const devices = shallowRef<Device[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    const ids = familyIds.value
    const mine = ++seq
    if (ids.length === 0) return
    status.value = 'loading'
    const results = await settleConcurrently(ids, FAMILY_CONCURRENCY, (familyId) => useDesk().call('devices.list', { familyId }))
    if (mine !== seq) return
    const failed = results.find((r) => r.status === 'rejected')
    devices.value = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
    error.value = failed ? toBridgeError(failed.reason) : null
    status.value = failed && devices.value.length === 0 ? 'error' : 'ready'
  }

  // By value: the families list is re-fetched on refresh, the scope may well be the same.
  watch(() => familyIds.value.join(','), load, { immediate: true })
  watch(() => session.generation, load)
  // Online states only: the overview shows no property values, and reading them cost one
  // AppGetDeviceData per device (~5,000 of a 10,000-device family's each time it opened).
  watch([devices, () => session.epoch], ([list]) => {
    if (status.value === 'ready') void live.watchDevices(list.map((d) => d.deviceId), { valuesOf: [] })
  })

  const deviceIds = computed(() => new Set(devices.value.map((d) => d.deviceId)))
  return { devices, deviceIds, status, error, load, stop: () => void live.watchDevices([]) }
}
