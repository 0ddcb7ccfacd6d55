/**
 * The push inspector's memory: the newest pushes of one device in a small ring for the view
 * and a larger one for export; anything older is only counted. The view refreshes at most
 * every 250 ms, so a device pushing thousands of times a second costs a few renders.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import type { DeviceEvent } from '@shared/live'
import type { DeviceEventListener } from './useDeviceLive'
import { Ring } from '@/utils/push-ring'

export const VIEW_CAPACITY = 500
export const EXPORT_CAPACITY = 10_000
const REFRESH_MS = 250

export function usePushLog(onDeviceEvents: (listener: DeviceEventListener) => () => void) {
  const view = new Ring<DeviceEvent>(VIEW_CAPACITY)
  const archive = new Ring<DeviceEvent>(EXPORT_CAPACITY)
  const shown = shallowRef<DeviceEvent[]>([])
  const paused = ref(false)
  const received = ref(0)
  const dropped = ref(0)
  let timer: ReturnType<typeof setTimeout> | null = null

  function publish(): void {
    timer = null
    received.value = view.length + view.dropped
    dropped.value = archive.dropped
    if (!paused.value) shown.value = view.toArray().reverse()
  }

  const off = onDeviceEvents((events) => {
    view.pushAll(events)
    archive.pushAll(events)
    timer ??= setTimeout(publish, REFRESH_MS)
  })

  function setPaused(next: boolean): void {
    paused.value = next
    if (!next) publish()
  }

  function clear(): void {
    view.clear()
    archive.clear()
    publish()
  }

  /** What an export holds: every push still in memory, oldest first. */
  const exportable = (): DeviceEvent[] => archive.toArray()

  onBeforeUnmount(() => {
    off()
    if (timer) clearTimeout(timer)
  })

  return { shown, paused, received, dropped, setPaused, clear, exportable }
}

export const toNdjson = (events: readonly DeviceEvent[]): string => events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '')

/** The kind plus its sub-type where one exists (event type, action phase, message topic). */
export function pushType(event: DeviceEvent): string {
  switch (event.kind) {
    case 'event':
      return event.eventType
    case 'action':
      return event.phase
    case 'property':
      return event.source
    case 'message':
      return event.topic
    case 'other':
      return `${event.type}/${event.subType}`
    default:
      return ''
  }
}
