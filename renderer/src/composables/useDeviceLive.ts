/**
 * One device's live side for its detail page: the state main knows (live.watch), the pushes
 * for it, and property changes sent with their pending → confirmed / failed fate.
 */
import { onBeforeUnmount, reactive, ref, type Ref } from 'vue'
import type { DeviceEvent, DeviceState, PropertyValue } from '@shared/live'
import { useDesk } from '@/bridge'
import { useApi } from '@/api'
import { ControlTracker, CONTROL_TIMEOUT_MS, type ControlEntry } from '@/utils/control-tracker'

export type DeviceEventListener = (events: DeviceEvent[]) => void

export function useDeviceLive(deviceId: Ref<string>) {
  const desk = useDesk()
  const api = useApi()
  const online = ref<boolean | null>(null)
  const properties = reactive<Record<string, PropertyValue>>({})
  const controls = reactive<Record<string, ControlEntry>>({})
  const tracker = new ControlTracker(controls, { timeoutMs: CONTROL_TIMEOUT_MS })
  const listeners = new Set<DeviceEventListener>()
  const loadError = ref<unknown>(null)

  function applyState(state: DeviceState): void {
    if (state.online !== null) online.value = state.online
    Object.assign(properties, state.properties)
  }

  function applyEvents(batch: DeviceEvent[]): void {
    const mine = batch.filter((e) => e.deviceId === deviceId.value)
    if (mine.length === 0) return
    for (const event of mine) {
      if (event.kind === 'status') online.value = event.online
      if (event.kind === 'property') {
        const at = Date.parse(event.time) || event.receivedAtMs
        for (const [id, value] of Object.entries(event.values)) properties[id] = { value, lastUpdateMs: at }
        tracker.observe(event.values, event.clientToken)
      }
    }
    for (const listener of listeners) listener(mine)
  }

  const offEvents = desk.on('device.events', applyEvents)
  const offStates = desk.on('device.states', (states) => states.filter((s) => s.deviceId === deviceId.value).forEach(applyState))

  async function watch(): Promise<void> {
    for (const key of Object.keys(properties)) delete properties[key]
    tracker.dispose()
    for (const key of Object.keys(controls)) delete controls[key]
    online.value = null
    loadError.value = null
    try {
      const states = await desk.call('live.watch', { deviceIds: [deviceId.value] })
      states.filter((s) => s.deviceId === deviceId.value).forEach(applyState)
    } catch (error) {
      loadError.value = error
    }
  }

  /** The cloud's own latest values, e.g. after a long-quiet push link. */
  async function refresh(): Promise<string> {
    const reply = await api.device.data({ deviceId: deviceId.value })
    for (const [id, entry] of Object.entries(reply.properties)) properties[id] = { value: entry.value, lastUpdateMs: entry.lastUpdateMs || Date.now() }
    return reply.requestId
  }

  /** Sets one property; the outcome lands in `controls`. */
  async function control(propertyId: string, value: unknown): Promise<void> {
    tracker.send(propertyId, value)
    try {
      const reply = await api.device.control({ deviceId: deviceId.value, values: { [propertyId]: value } })
      tracker.accepted([propertyId], reply.clientToken)
    } catch (error) {
      tracker.rejected([propertyId], error)
    }
  }

  function onDeviceEvents(listener: DeviceEventListener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  onBeforeUnmount(() => {
    offEvents()
    offStates()
    tracker.dispose()
    listeners.clear()
  })

  return { online, properties, controls, loadError, watch, refresh, control, onDeviceEvents }
}
