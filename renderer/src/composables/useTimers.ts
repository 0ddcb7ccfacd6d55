/**
 * The timers of one device or of a whole home: read, create, edit, switch on or off and
 * delete (confirmed, naming the timer and its device).
 */
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { HomeTimer, Timer } from '@shared/schedule'
import { useApi } from '@/api'
import { useScheduleEdits } from '@/composables/useScheduleEdits'
import { timerSettings, type TimerDraft } from '@/utils/schedule-drafts'

export type TimerScope = { deviceId: string } | { familyId: string }

export function useTimers(scope: Ref<TimerScope>, deviceName: (deviceId: string) => string) {
  const api = useApi()
  const { t } = useI18n()
  const { change, editing, dialogOpen, busyId, open, ...edits } = useScheduleEdits<Timer>(() => load())
  const timers = ref<(Timer | HomeTimer)[]>([])
  const unreadable = ref<{ deviceId: string; deviceName: string; message: string }[]>([])
  const loading = ref(false)
  const loadError = ref<unknown>(null)

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

  const openNew = () => open(null)
  const openEdit = (timer: Timer) => open(timer)

  async function save(draft: TimerDraft): Promise<void> {
    const settings = timerSettings(draft)
    const edited = editing.value
    await (edited
      ? edits.submit(() => api.timers.modify({ deviceId: edited.deviceId, timerId: edited.timerId, ...settings }), () => t('schedule.timers.saved', { name: settings.name }))
      : edits.submit(() => api.timers.create({ deviceId: draft.deviceId, ...settings }), () => t('schedule.timers.created', { name: settings.name })))
  }

  function toggle(timer: Timer, enabled: boolean): Promise<void> {
    const key = enabled ? 'schedule.timers.enabledDone' : 'schedule.timers.disabledDone'
    return edits.toggle(timer.timerId, () => api.timers.setEnabled({ deviceId: timer.deviceId, timerId: timer.timerId, enabled }), () => t(key, { name: timer.name }))
  }

  function remove(timer: Timer): Promise<void> {
    const question = {
      message: t('schedule.timers.deleteConfirm', { name: timer.name, device: deviceName(timer.deviceId) }),
      title: t('schedule.timers.deleteTitle', { name: timer.name }),
    }
    return edits.remove(question, () => api.timers.delete({ deviceId: timer.deviceId, timerId: timer.timerId }), () => t('schedule.timers.deleted', { name: timer.name }))
  }

  return { timers, unreadable, loading, loadError, editing, dialogOpen, busyId, busy: change.busy, error: change.error, load, openNew, openEdit, save, toggle, remove }
}
