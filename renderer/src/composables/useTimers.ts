/**
 * The timers of one device or of a whole home: read, create, edit, switch on or off and
 * delete (confirmed, naming the timer and its device), each change quoting its RequestId
 * and followed by a fresh read (the list confirms what the cloud did).
 */
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { HomeTimer, Timer } from '@shared/schedule'
import { useApi } from '@/api'
import { confirmDanger } from '@/composables/confirmDanger'
import { notifyError } from '@/composables/notifyError'
import { useHomeChange } from '@/composables/useHomeChange'
import { timerSettings, type TimerDraft } from '@/utils/schedule-drafts'

export type TimerScope = { deviceId: string } | { familyId: string }

export function useTimers(scope: Ref<TimerScope>, deviceName: (deviceId: string) => string) {
  const api = useApi()
  const { t } = useI18n()
  const change = useHomeChange()
  const timers = ref<(Timer | HomeTimer)[]>([])
  const unreadable = ref<{ deviceId: string; deviceName: string; message: string }[]>([])
  const loading = ref(false)
  const loadError = ref<unknown>(null)
  const editing = ref<Timer | null>(null)
  const dialogOpen = ref(false)
  const busyId = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      const current = scope.value
      if ('deviceId' in current) {
        timers.value = (await api.timers.list({ deviceId: current.deviceId })).timers
        unreadable.value = []
      } else {
        const home = await api.timers.listForHome({ familyId: current.familyId })
        timers.value = home.timers
        unreadable.value = home.unreadable
      }
    } catch (error) {
      loadError.value = error
    } finally {
      loading.value = false
    }
  }

  function openNew(): void {
    editing.value = null
    change.clear()
    dialogOpen.value = true
  }

  function openEdit(timer: Timer): void {
    editing.value = timer
    change.clear()
    dialogOpen.value = true
  }

  async function save(draft: TimerDraft): Promise<void> {
    const settings = timerSettings(draft)
    const edited = editing.value
    const done = edited
      ? await change.run(() => api.timers.modify({ deviceId: edited.deviceId, timerId: edited.timerId, ...settings }), () => t('schedule.timers.saved', { name: settings.name }))
      : await change.run(() => api.timers.create({ deviceId: draft.deviceId, ...settings }), () => t('schedule.timers.created', { name: settings.name }))
    if (!done) return
    dialogOpen.value = false
    await load()
  }

  async function toggle(timer: Timer, enabled: boolean): Promise<void> {
    busyId.value = timer.timerId
    const key = enabled ? 'schedule.timers.enabledDone' : 'schedule.timers.disabledDone'
    const done = await change.run(() => api.timers.setEnabled({ deviceId: timer.deviceId, timerId: timer.timerId, enabled }), () => t(key, { name: timer.name }))
    busyId.value = null
    if (!done) notifyError(change.error.value)
    await load()
  }

  async function remove(timer: Timer): Promise<void> {
    const confirmed = await confirmDanger(
      t('schedule.timers.deleteConfirm', { name: timer.name, device: deviceName(timer.deviceId) }),
      t('schedule.timers.deleteTitle', { name: timer.name }),
      t('schedule.delete'),
      t('schedule.cancel'),
    )
    if (!confirmed) return
    const done = await change.run(() => api.timers.delete({ deviceId: timer.deviceId, timerId: timer.timerId }), () => t('schedule.timers.deleted', { name: timer.name }))
    if (!done) notifyError(change.error.value)
    await load()
  }

  return { timers, unreadable, loading, loadError, editing, dialogOpen, busyId, busy: change.busy, error: change.error, load, openNew, openEdit, save, toggle, remove }
}
