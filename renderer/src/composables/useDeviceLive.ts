/**
 * One device's live side for its detail page: the state main knows (live.watch), the pushes
 * for it, and property changes sent with their pending → confirmed / failed fate.
 */
import { onBeforeUnmount, reactive, ref, type Ref } from 'vue'
import type { DeviceEvent, DeviceState, PropertyValue } from '@shared/live'
import { useDesk } from '@/bridge'
import { ControlTracker, CONTROL_TIMEOUT_MS, type ControlEntry } from '@/utils/control-tracker'
import { splitDeviceId } from '@shared/device-id'

export type DeviceEventListener = (events: DeviceEvent[]) => void

export function useDeviceLive(deviceId: Ref<string>) {
  const desk = useDesk()
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

  /** AppGetDeviceData: the cloud's own latest values, e.g. after a long-quiet push link. */
  async function refresh(): Promise<string> {
    const [ProductId, DeviceName] = splitDeviceId(deviceId.value)
    const reply = await desk.call('api.call', { action: 'AppGetDeviceData', params: { ProductId, DeviceName } })
    const data = parseJsonObject(reply.data.Data)
    for (const [id, entry] of Object.entries(data)) {
      const { Value, LastUpdate } = (entry ?? {}) as { Value?: unknown; LastUpdate?: number }
      if (Value !== undefined) properties[id] = { value: Value, lastUpdateMs: Number(LastUpdate) || Date.now() }
    }
    return reply.requestId
  }

  /** AppControlDeviceData with one property; the outcome lands in `controls`. */
  async function control(propertyId: string, value: unknown): Promise<void> {
    const [ProductId, DeviceName] = splitDeviceId(deviceId.value)
    tracker.send(propertyId, value)
    try {
      const reply = await desk.call('api.call', {
        action: 'AppControlDeviceData',
        params: { ProductId, DeviceName, Data: JSON.stringify({ [propertyId]: value }) },
      })
      const token = typeof reply.data.ClientToken === 'string' ? reply.data.ClientToken : ''
      tracker.accepted([propertyId], token)
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

export function parseJsonObject(text: unknown): Record<string, unknown> {
  if (typeof text === 'object' && text !== null && !Array.isArray(text)) return text as Record<string, unknown>
  if (typeof text !== 'string' || text === '') return {}
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
