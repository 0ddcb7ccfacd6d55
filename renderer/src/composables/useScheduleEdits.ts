/**
 * The changes a schedule list makes (timers, scenes, automations): the dialog on a new or an
 * edited item, a row switched on or off, a confirmed delete. Each change quotes its RequestId
 * in a message of its kind (`schedule.<kind>s.saved`, …) and is followed by a fresh read,
 * since the list confirms what the cloud did.
 */
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { confirmDanger } from '@/composables/confirmDanger'
import { notifyError } from '@/composables/notifyError'
import { useHomeChange } from '@/composables/useHomeChange'

export type ScheduleKind = 'timer' | 'scene' | 'automation'
type Send = () => Promise<{ requestId: string }>

export function useScheduleEdits<T>(kind: ScheduleKind, reload: () => Promise<unknown>) {
  const { t } = useI18n()
  const change = useHomeChange()
  const editing = ref(null) as Ref<T | null>
  const dialogOpen = ref(false)
  const busyId = ref<string | null>(null)
  const said = (key: string, name: string) => () => t(`schedule.${kind}s.${key}`, { name })

  /** Opens the dialog on an item, or on a new one when null. */
  function open(item: T | null): void {
    editing.value = item
    change.clear()
    dialogOpen.value = true
  }

  /** The dialog's change: it closes once the cloud took it; a refusal stays in the dialog. */
  async function save(name: string, send: Send): Promise<void> {
    if (!(await change.run(send, said(editing.value ? 'saved' : 'created', name)))) return
    dialogOpen.value = false
    await reload()
  }

  /** A row's switch, busy while its change runs. */
  async function toggle(id: string, name: string, enabled: boolean, send: Send): Promise<void> {
    busyId.value = id
    const result = await change.run(send, said(enabled ? 'enabledDone' : 'disabledDone', name))
    busyId.value = null
    await settle(result)
  }

  /** Deletes only once the user confirms the question that names what goes (and where: `home`, `device`). */
  async function remove(name: string, where: Record<string, string>, send: Send): Promise<void> {
    const question = t(`schedule.${kind}s.deleteConfirm`, { name, ...where })
    const confirmed = await confirmDanger(question, t(`schedule.${kind}s.deleteTitle`, { name }), t('schedule.delete'), t('schedule.cancel'))
    if (!confirmed) return
    await settle(await change.run(send, said('deleted', name)))
  }

  async function settle(result: unknown): Promise<void> {
    if (!result) notifyError(change.error.value)
    await reload()
  }

  /** What the list's dialog is bound to (`v-bind`): open, busy, the refusal, and closing it. */
  const dialog = computed(() => ({ open: dialogOpen.value, busy: change.busy.value, error: change.error.value, onClose: () => (dialogOpen.value = false) }))

  return { change, editing, busyId, dialog, open, save, toggle, remove }
}
