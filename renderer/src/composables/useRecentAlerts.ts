import { ref, shallowRef } from 'vue'
import type { Device } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import type { LoadStatus } from '@/stores/session'
import { settleConcurrently } from '@shared/concurrency'
import { toMillis } from '@/utils/format'

export interface AlertEntry {
  deviceId: string
  timeMs: number
  eventId: string
  type: 'alert' | 'fault'
  data: string
}

/** Devices asked (AppListEventHistory is per device), calls in flight, and the window. */
export const ALERT_DEVICES = 12
const CONCURRENCY = 4
const WINDOW_S = 86_400
const SHOWN = 20

/**
 * Recent alerts and faults: the cloud lists events per device only, so the overview asks
 * the most recently active online devices (bounded), a few at a time, and merges.
 */
export function useRecentAlerts() {
  const alerts = shallowRef<AlertEntry[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const failedDevices = ref(0)
  let seq = 0

  async function load(devices: readonly Device[], isOnline: (d: Device) => boolean): Promise<void> {
    const mine = ++seq
    status.value = 'loading'
    const chosen = devices
      .filter(isOnline)
      .sort((a, b) => b.updateTime - a.updateTime)
      .slice(0, ALERT_DEVICES)
    const now = Math.floor(Date.now() / 1000)
    const results = await settleConcurrently(chosen, CONCURRENCY, async (device) => {
      const { data } = await useDesk().call('api.call', {
        action: 'AppListEventHistory',
        params: { ProductId: device.productId, DeviceName: device.deviceName, StartTime: now - WINDOW_S, EndTime: now, Size: 50 },
      })
      return readEvents(device.deviceId, data)
    })
    if (mine !== seq) return
    const failures = results.filter((r) => r.status === 'rejected')
    failedDevices.value = failures.length
    alerts.value = results
      .flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
      .sort((a, b) => b.timeMs - a.timeMs)
      .slice(0, SHOWN)
    const first = failures[0]
    error.value = first ? toBridgeError(first.reason) : null
    status.value = first && failures.length === results.length && results.length > 0 ? 'error' : 'ready'
  }

  return { alerts, status, error, failedDevices, load }
}

function readEvents(deviceId: string, data: Record<string, unknown>): AlertEntry[] {
  const list = Array.isArray(data.EventHistory) ? (data.EventHistory as Record<string, unknown>[]) : []
  return list.flatMap((e) => {
    const type = String(e.Type ?? '')
    if (type !== 'alert' && type !== 'fault') return []
    return [{ deviceId, timeMs: toMillis(Number(e.TimeStamp) || 0), eventId: String(e.EventId ?? ''), type, data: String(e.Data ?? '') }]
  })
}
