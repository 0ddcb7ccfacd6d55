/**
 * The timers of one device or of a whole home: read, create, edit, switch on or off and
 * delete (confirmed, naming the timer and its device), each change quoting its RequestId
 * and followed by a fresh read (the list confirms what the cloud did).
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
  const timers = ref<(Timer | HomeTimer)[]>([])
  const unreadable = ref<{ deviceId: string; deviceName: string; message: string }[]>([])
  const loading = ref(false)
  const loadError = ref<unknown>(null)
  const edits = useScheduleEdits<Timer>(load)
  const { change, editing, dialogOpen, busyId } = edits

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

  function save(draft: TimerDraft): Promise<void> {
    const settings = timerSettings(draft)
    const edited = editing.value
    const said = () => t(edited ? 'schedule.timers.saved' : 'schedule.timers.created', { name: settings.name })
    return edits.submit(() => (edited ? api.timers.modify({ deviceId: edited.deviceId, timerId: edited.timerId, ...settings }) : api.timers.create({ deviceId: draft.deviceId, ...settings })), said)
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

  const openNew = () => edits.open(null)
  const openEdit = (timer: Timer) => edits.open(timer)

  return { timers, unreadable, loading, loadError, editing, dialogOpen, busyId, busy: change.busy, error: change.error, load, openNew, openEdit, save, toggle, remove }
}
