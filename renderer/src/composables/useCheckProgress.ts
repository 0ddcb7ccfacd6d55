/** How far the core has got checking a home's devices through (checklist or report), while this component lives. */
import { onBeforeUnmount, ref, type Ref } from 'vue'
import type { CheckProgress } from '@shared/contracts/commissioning'
import { useDesk } from '@/bridge'

export function useCheckProgress(familyId: Ref<string>) {
  const progress = ref<CheckProgress | null>(null)
  const stop = useDesk().on('commissioning.progress', (event) => {
    if (event.familyId === familyId.value) progress.value = event
  })
  onBeforeUnmount(stop)
  /** Forgets the counts of an earlier read: call as a read starts. */
  const reset = () => (progress.value = null)
  return { progress, reset }
}
