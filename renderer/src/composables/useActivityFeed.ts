import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue'
import type { DeviceEvent } from '@shared/live'
import { useDesk } from '@/bridge'
import { Ring } from '@/utils/overview-stats'
import { downloadText, fileStamp } from '@/utils/download'

/** Entries on screen, entries kept for export, and how often the screen catches up. */
export const FEED_SHOWN = 200
const FEED_KEPT = 20_000
const REFRESH_MS = 250

/**
 * The latest pushes of the devices in view: a bounded ring in memory (older entries only
 * exportable as JSON, never in the DOM) and a screen list of the newest 200 refreshed at
 * most four times a second, however fast the pushes come.
 */
export function useActivityFeed(deviceIds: Ref<ReadonlySet<string>>) {
  const ring = new Ring<DeviceEvent>(FEED_KEPT)
  const shown = shallowRef<DeviceEvent[]>([])
  const total = ref(0)
  const paused = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null

  function refresh(): void {
    timer = null
    shown.value = ring.newest(FEED_SHOWN)
    total.value = ring.seen
  }

  const off = useDesk().on('device.events', (events) => {
    const ids = deviceIds.value
    for (const event of events) if (ids.has(event.deviceId)) ring.push(event)
    if (!paused.value && timer === null) timer = setTimeout(refresh, REFRESH_MS)
  })
  onBeforeUnmount(() => {
    off()
    if (timer !== null) clearTimeout(timer)
  })

  function togglePause(): void {
    paused.value = !paused.value
    if (!paused.value) refresh()
  }

  function exportJson(): void {
    downloadText(`activity-${fileStamp()}.json`, JSON.stringify(ring.newest().reverse(), null, 2), 'application/json')
  }

  function clear(): void {
    ring.clear()
    refresh()
  }

  return { shown, total, paused, togglePause, exportJson, clear }
}
