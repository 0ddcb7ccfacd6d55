/**
 * A scene run now, and each of its devices confirming it: a device is confirmed when it
 * reports the values the scene set (or a report whose clientToken names the scene, where the cloud marks
 * it so). Devices that stay silent are shown as unconfirmed after a while (offline ones).
 */
import { onBeforeUnmount, ref } from 'vue'
import type { DeviceEvent } from '@shared/live'
import { causeOfClientToken, type Scene } from '@shared/schedule'
import { useDesk } from '@/bridge'
import { sameValue } from '@/utils/thing-widgets'

export type ConfirmStatus = 'pending' | 'confirmed' | 'noAnswer'

export interface SceneRunDevice {
  deviceId: string
  values: Record<string, unknown>
  status: ConfirmStatus
}

export interface SceneRun {
  sceneId: string
  name: string
  devices: SceneRunDevice[]
}

/** How long a device may take to confirm before it is shown as silent. */
export const CONFIRM_WAIT_MS = 20_000

export function useSceneRun(waitMs = CONFIRM_WAIT_MS) {
  const run = ref<SceneRun | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = useDesk().on('device.events', (events) => events.forEach(confirm))

  function start(scene: Scene): void {
    clearTimeout(timer)
    const devices = scene.actions.flatMap((a) => (a.kind === 'control' ? [{ deviceId: a.deviceId, values: a.values, status: 'pending' as ConfirmStatus }] : []))
    run.value = { sceneId: scene.sceneId, name: scene.name, devices }
    timer = setTimeout(() => {
      for (const d of run.value?.devices ?? []) if (d.status === 'pending') d.status = 'noAnswer'
    }, waitMs)
  }

  function confirm(event: DeviceEvent): void {
    const current = run.value
    if (!current || event.kind !== 'property' || event.source !== 'report') return
    const cause = causeOfClientToken(event.clientToken)
    const byThisScene = cause?.kind === 'scene' && cause.id === current.sceneId
    for (const d of current.devices) {
      if (d.deviceId !== event.deviceId || d.status === 'confirmed') continue
      const matches = Object.entries(d.values).every(([id, v]) => id in event.values && sameValue(event.values[id], v))
      if (byThisScene || matches) d.status = 'confirmed'
    }
  }

  onBeforeUnmount(() => {
    stop()
    clearTimeout(timer)
  })
  return { run, start, clear: () => (run.value = null) }
}
