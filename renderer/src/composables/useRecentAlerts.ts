import { ref, shallowRef } from 'vue'
import type { Device } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import type { HistoryEventMark } from '@shared/history'
import { useApi } from '@/api'
import { toBridgeError } from '@/bridge'
import type { LoadStatus } from '@/stores/session'
import { settleConcurrently } from '@shared/concurrency'

export interface AlertEntry {
  deviceId: string
  timeMs: number
  eventId: string
  type: 'alert' | 'fault'
  data: string
}

/** Devices asked (the cloud lists events per device), calls in flight, and the window. */
export const ALERT_DEVICES = 12
const CONCURRENCY = 4
const WINDOW_MS = 86_400_000
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
    const now = Date.now()
    const results = await settleConcurrently(chosen, CONCURRENCY, async (device) => {
      const page = await useApi().device.eventHistory({ deviceId: device.deviceId, fromMs: now - WINDOW_MS, toMs: now, size: 50 })
      return alertsOf(device.deviceId, page.events)
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

function alertsOf(deviceId: string, events: readonly HistoryEventMark[]): AlertEntry[] {
  return events.flatMap((e) => (e.type === 'alert' || e.type === 'fault' ? [{ deviceId, timeMs: e.timeMs, eventId: e.eventId, type: e.type, data: e.data }] : []))
}
