import { defineStore } from 'pinia'
import { shallowRef, watch } from 'vue'
import { isOtaFailed, OtaStatus } from '@shared/firmware/ota-status'
import type { DeviceEvent } from '@shared/live'
import type { OtaCheck, PreviewDevice, RolloutProgress } from '@shared/rollout'
import { useDesk } from '@/bridge'
import { useSessionStore } from './session'

/** Re-checks after upgrades end go out together: this long after the first, this many per command. */
const RECHECK_DELAY_MS = 200
const RECHECK_BATCH = 200

/**
 * The firmware version each device runs, one answer for every page (device list, device
 * header, firmware page, rollout board): the cloud's AppCheckFirmwareUpdate CurrentVersion,
 * read by ota.versions, ota.check or a firmware check of a selection (rollout.preview). An upgrade's end
 * updates it live: a rollout's device that ends done carries the version it reported, and a
 * device's own OTA push that ends (done or failed) has the cloud asked again, since "done"
 * alone never proves the device runs the target.
 */
export const useFirmwareStore = defineStore('firmware', () => {
  const session = useSessionStore()
  const versions = shallowRef(new Map<string, string>())
  const pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let listening = false
  let generation = 0

  watch(
    () => session.owner,
    () => {
      generation++
      versions.value = new Map()
      pending.clear()
    },
  )

  function setMany(entries: Iterable<readonly [string, string]>): void {
    listen()
    const next = new Map(versions.value)
    let changed = false
    for (const [deviceId, version] of entries) {
      if (!version || next.get(deviceId) === version) continue
      next.set(deviceId, version)
      changed = true
    }
    if (changed) versions.value = next
  }

  const versionOf = (deviceId: string): string | undefined => versions.value.get(deviceId)

  /** What a check of one device says (ota.check). */
  function fromCheck(check: OtaCheck): void {
    setMany([[check.deviceId, check.currentVersion]])
  }

  /** What a check of a selection says (rollout.preview's devices). */
  function fromPreview(devices: readonly PreviewDevice[]): void {
    setMany(devices.map((d) => [d.deviceId, d.currentVersion] as const))
  }

  /** Asks the cloud for one device's version; a failed check keeps the last one known. */
  async function load(deviceId: string): Promise<void> {
    const mine = generation
    const answers = await useDesk().call('ota.versions', { deviceIds: [deviceId] })
    if (mine === generation) setMany(answers.map((a) => [a.deviceId, a.version] as const))
  }

  /** Asks again, batched: the ends of a wave arrive together and become one command. */
  function recheck(deviceId: string): void {
    pending.add(deviceId)
    timer ??= setTimeout(flush, RECHECK_DELAY_MS)
  }

  function flush(): void {
    timer = null
    const deviceIds = [...pending].slice(0, RECHECK_BATCH)
    for (const id of deviceIds) pending.delete(id)
    if (pending.size > 0) timer = setTimeout(flush, RECHECK_DELAY_MS)
    const mine = generation
    useDesk()
      .call('ota.versions', { deviceIds })
      .then((answers) => {
        if (mine === generation) setMany(answers.map((a) => [a.deviceId, a.version] as const))
      })
      .catch(() => {
        // The version shown stays the last one known; the next check corrects it.
      })
  }

  function onProgress(batch: RolloutProgress[]): void {
    const done: [string, string][] = []
    for (const p of batch) {
      for (const d of p.devices) {
        if (d.state === 'done' && d.finalVersion) done.push([d.deviceId, d.finalVersion])
        else if ((d.state === 'done' || d.state === 'failed') && versions.value.has(d.deviceId)) recheck(d.deviceId)
      }
    }
    setMany(done)
  }

  function onEvents(events: DeviceEvent[]): void {
    for (const e of events) {
      if (e.kind !== 'ota' || !versions.value.has(e.deviceId)) continue
      if (e.status === OtaStatus.Done || isOtaFailed(e.status)) recheck(e.deviceId)
    }
  }

  /** Follows upgrades from the first use on (the store lives as long as the app). */
  function listen(): void {
    if (listening) return
    listening = true
    const desk = useDesk()
    desk.on('rollout.progress', onProgress)
    desk.on('device.events', onEvents)
  }

  return { versions, versionOf, fromCheck, fromPreview, load, listen }
})
