/**
 * The draft of a schedule dialog (timer, scene, automation): made afresh each time the dialog
 * opens; its problems appear at the first try to save and then follow each edit.
 */
import { ref, watch, type Ref } from 'vue'
import type { Problem } from '@/utils/schedule-drafts'

export function useScheduleDraft<D>(open: () => boolean, fresh: () => D, problemsOf: (draft: D) => Problem[]) {
  const draft = ref(fresh()) as Ref<D>
  const problems = ref<Problem[]>([])
  const tried = ref(false)

  watch(
    open,
    (isOpen) => {
      if (!isOpen) return
      draft.value = fresh()
      problems.value = []
      tried.value = false
    },
    { immediate: true },
  )
  watch(draft, () => {
    if (tried.value) problems.value = problemsOf(draft.value)
  }, { deep: true })

  /** The draft when it may be sent, else null (then `problems` say why). */
  function check(): D | null {
    tried.value = true
    problems.value = problemsOf(draft.value)
    return problems.value.length === 0 ? draft.value : null
  }

  const problemOf = (field: string) => problems.value.find((p) => p.field === field)
  return { draft, problems, problemOf, check }
}
