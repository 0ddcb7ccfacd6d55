/** A home's commissioning checklist, read from the core and read again on demand. */
import { ref, type Ref } from 'vue'
import type { Checklist } from '@shared/contracts/commissioning'
import { useApi } from '@/api'

export function useChecklist(familyId: Ref<string>) {
  const api = useApi()
  const checklist = ref<Checklist | null>(null)
  const error = ref<unknown>(null)
  const loading = ref(false)
  let serial = 0

  /** `everyDevice`: check a large home's devices through too (see AUTO_DEVICE_CHECKS). */
  async function load(everyDevice = false): Promise<void> {
    const mine = ++serial
    loading.value = true
    error.value = null
    try {
      const list = await api.commissioning.checklist({ familyId: familyId.value, ...(everyDevice ? { everyDevice } : {}) })
      // A slower answer for an earlier request (another home, an earlier refresh) is dropped.
      if (mine === serial) checklist.value = list
    } catch (caught) {
      if (mine === serial) error.value = caught
    } finally {
      if (mine === serial) loading.value = false
    }
  }

  return { checklist, error, loading, load }
}
