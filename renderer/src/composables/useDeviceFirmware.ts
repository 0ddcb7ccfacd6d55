import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import type { BridgeError } from '@shared/errors'
import type { DeviceEvent } from '@shared/live'
import type { OtaCheck, RolloutDevice, RolloutProgress, RolloutSummary } from '@shared/rollout'
import { toBridgeError, useDesk } from '@/bridge'
import { notifyError } from '@/composables/notifyError'
import { useFirmwareStore } from '@/stores/firmware'
import { useLiveStore } from '@/stores/live'
import type { LoadStatus } from '@/stores/session'

/** The latest OTA push of the device: the cloud's Status, percent and the device's ResultCode. */
export interface OtaSignal {
  status: number
  percent: number
  version: string
  resultCode: number | null
}

/**
 * One device's firmware: what it runs and can get (ota.check), and an upgrade the user
 * confirmed, followed live through its one-device rollout and the device's own OTA pushes.
 */
export function useDeviceFirmware(deviceId: Ref<string>) {
  const desk = useDesk()
  const live = useLiveStore()
  const versions = useFirmwareStore()
  const check = shallowRef<OtaCheck | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  const upgrade = shallowRef<RolloutSummary | null>(null)
  const device = shallowRef<RolloutDevice | null>(null)
  const signal = shallowRef<OtaSignal | null>(null)
  const starting = ref(false)

  async function load(): Promise<void> {
    const id = deviceId.value
    status.value = 'loading'
    try {
      const answer = await desk.call('ota.check', { deviceId: id })
      if (id !== deviceId.value) return
      check.value = answer
      versions.fromCheck(answer)
      status.value = 'ready'
      error.value = null
    } catch (e) {
      if (id !== deviceId.value) return
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  /** Publishes the version the user was shown (main refuses a stale one). */
  async function start(targetVersion: string): Promise<boolean> {
    starting.value = true
    signal.value = null
    device.value = null
    try {
      upgrade.value = await desk.call('ota.upgradeDevice', { deviceId: deviceId.value, targetVersion })
      void follow(upgrade.value.rolloutId)
      return true
    } catch (e) {
      notifyError(e)
      return false
    } finally {
      starting.value = false
    }
  }

  /** The board once, in case the upgrade moved before progress events reached us. */
  async function follow(rolloutId: string): Promise<void> {
    try {
      const board = await desk.call('rollout.get', { rolloutId, limit: 1 })
      if (upgrade.value?.rolloutId !== rolloutId) return
      upgrade.value = board.summary
      device.value ??= board.devices[0] ?? null
      if (device.value && isEnded(device.value)) void load()
    } catch {
      // Progress events still arrive; the check button reloads the rest.
    }
  }

  const isEnded = (d: RolloutDevice) => d.state === 'done' || d.state === 'failed' || d.state === 'skipped' || d.state === 'cancelled'

  function onProgress(batch: RolloutProgress[]): void {
    for (const p of batch) {
      if (p.summary.rolloutId !== upgrade.value?.rolloutId) continue
      upgrade.value = p.summary
      const mine = p.devices.find((d) => d.deviceId === deviceId.value)
      if (!mine) continue
      const wasEnded = device.value !== null && isEnded(device.value)
      device.value = mine
      if (isEnded(mine) && !wasEnded) void load() // the cloud's word on the version it now runs
    }
  }

  function onEvents(events: DeviceEvent[]): void {
    for (const e of events) {
      if (e.kind !== 'ota' || e.deviceId !== deviceId.value) continue
      signal.value = { status: e.status, percent: e.percent, version: e.version, resultCode: e.resultCode ?? null }
    }
  }

  const offs: (() => void)[] = []
  onMounted(() => {
    offs.push(desk.on('rollout.progress', onProgress), desk.on('device.events', onEvents))
    void load()
    void live.watchDevices([deviceId.value])
  })
  onBeforeUnmount(() => {
    for (const off of offs) off()
    void live.watchDevices([])
  })
  watch(deviceId, (id) => {
    upgrade.value = null
    device.value = null
    signal.value = null
    void load()
    void live.watchDevices([id])
  })

  /** Percent shown: the device's own push when newer than the rollout's record of it. */
  const percent = computed(() => {
    if (device.value?.state === 'done') return 100
    return signal.value?.percent ?? device.value?.percent ?? 0
  })
  const running = computed(() => upgrade.value !== null && (device.value === null || !isEnded(device.value)))

  return { check, status, error, upgrade, device, signal, starting, percent, running, load, start }
}
