import { ref, shallowRef } from 'vue'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import { useFirmwareStore } from '@/stores/firmware'
import type { LoadStatus } from '@/stores/session'
import { versionDistribution, type VersionRow } from '@/utils/overview-stats'

/**
 * Firmware versions per product: one firmware check of the families in scope (main runs
 * the per-device AppCheckFirmwareUpdate calls with bounded concurrency).
 */
export function useFirmwareVersions() {
  const rows = shallowRef<VersionRow[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<BridgeError | null>(null)
  let seq = 0

  async function load(familyIds: readonly string[]): Promise<void> {
    const mine = ++seq
    status.value = 'loading'
    error.value = null
    try {
      const preview = await useDesk().call('rollout.preview', { selection: { familyIds: [...familyIds] } })
      if (mine !== seq) return
      useFirmwareStore().fromPreview(preview.devices)
      rows.value = versionDistribution(preview.devices)
      status.value = 'ready'
    } catch (e) {
      if (mine !== seq) return
      status.value = 'error'
      error.value = toBridgeError(e)
    }
  }

  function reset(): void {
    seq++
    rows.value = []
    status.value = 'idle'
    error.value = null
  }

  return { rows, status, error, load, reset }
}
