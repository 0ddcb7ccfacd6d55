/**
 * The changes a schedule list makes (timers, scenes, automations): the dialog on a new or an
 * edited item, a row switched on or off, a confirmed delete. Each change quotes its RequestId
 * and is followed by a fresh read, since the list confirms what the cloud did.
 */
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { confirmDanger } from '@/composables/confirmDanger'
import { notifyError } from '@/composables/notifyError'
import { useHomeChange } from '@/composables/useHomeChange'

type Send = () => Promise<{ requestId: string }>
type Said = () => string

export function useScheduleEdits<T>(reload: () => Promise<unknown>) {
  const { t } = useI18n()
  const change = useHomeChange()
  const editing = ref(null) as Ref<T | null>
  const dialogOpen = ref(false)
  const busyId = ref<string | null>(null)

  /** Opens the dialog on an item, or on a new one when null. */
  function open(item: T | null): void {
    editing.value = item
    change.clear()
    dialogOpen.value = true
  }

  /** The dialog's change: it closes once the cloud took it; a refusal stays in the dialog. */
  async function submit(send: Send, done: Said): Promise<void> {
    if (!(await change.run(send, done))) return
    dialogOpen.value = false
    await reload()
  }

  /** A row's switch, busy while its change runs. */
  async function toggle(id: string, send: Send, done: Said): Promise<void> {
    busyId.value = id
    const result = await change.run(send, done)
    busyId.value = null
    await settle(result)
  }

  /** Deletes only once the user confirms the question that names what goes. */
  async function remove(question: { message: string; title: string }, send: Send, done: Said): Promise<void> {
    const confirmed = await confirmDanger(question.message, question.title, t('schedule.delete'), t('schedule.cancel'))
    if (!confirmed) return
    await settle(await change.run(send, done))
  }

  async function settle(result: unknown): Promise<void> {
    if (!result) notifyError(change.error.value)
    await reload()
  }

  return { change, editing, dialogOpen, busyId, open, submit, toggle, remove }
}
