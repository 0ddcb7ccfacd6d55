/**
 * The draft of a schedule dialog (timer, scene, automation): made afresh each time the dialog
 * opens; its problems appear at the first try to save and then follow each edit; it is sent
 * only when it has none and no change is running.
 */
import { ref, watch, type Ref } from 'vue'
import type { Problem } from '@/utils/schedule-drafts'

export interface DraftSource<D> {
  open: () => boolean
  busy: () => boolean
  fresh: () => D
  problemsOf: (draft: D) => Problem[]
  send: (draft: D) => void
}

export function useScheduleDraft<D>(source: DraftSource<D>) {
  const draft = ref(source.fresh()) as Ref<D>
  const problems = ref<Problem[]>([])
  const tried = ref(false)

  watch(
    source.open,
    (isOpen) => {
      if (!isOpen) return
      draft.value = source.fresh()
      problems.value = []
      tried.value = false
    },
    { immediate: true },
  )
  watch(draft, () => {
    if (tried.value) problems.value = source.problemsOf(draft.value)
  }, { deep: true })

  function save(): void {
    tried.value = true
    problems.value = source.problemsOf(draft.value)
    if (problems.value.length === 0 && !source.busy()) source.send(draft.value)
  }

  const problemOf = (field: string) => problems.value.find((p) => p.field === field)
  return { draft, problems, problemOf, save }
}
