/**
 * The timers of one device or of a whole home: read, create, edit, switch on or off and
 * delete (confirmed, naming the timer and its device), each change quoting its RequestId
 * and followed by a fresh read (the list confirms what the cloud did).
 */
import { ref, type Ref } from 'vue'
import type { HomeTimer, Timer } from '@shared/schedule'
import { useApi } from '@/api'
import { useScheduleEdits } from '@/composables/useScheduleEdits'
import { timerSettings, type TimerDraft } from '@/utils/schedule-drafts'

export type TimerScope = { deviceId: string } | { familyId: string }

export function useTimers(scope: Ref<TimerScope>, deviceName: (deviceId: string) => string) {
  const api = useApi()
  const timers = ref<(Timer | HomeTimer)[]>([])
  const unreadable = ref<{ deviceId: string; deviceName: string; message: string }[]>([])
  const loading = ref(false)
  const loadError = ref<unknown>(null)
  const edits = useScheduleEdits<Timer>('timer', load)
  const { editing, busyId, dialog } = edits

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
    return edits.save(settings.name, () => (edited ? api.timers.modify({ deviceId: edited.deviceId, timerId: edited.timerId, ...settings }) : api.timers.create({ deviceId: draft.deviceId, ...settings })))
  }

  const toggle = (timer: Timer, enabled: boolean) => edits.toggle(timer.timerId, timer.name, enabled, () => api.timers.setEnabled({ deviceId: timer.deviceId, timerId: timer.timerId, enabled }))
  const remove = (timer: Timer) => edits.remove(timer.name, { device: deviceName(timer.deviceId) }, () => api.timers.delete({ deviceId: timer.deviceId, timerId: timer.timerId }))
  const openNew = () => edits.open(null)
  const openEdit = (timer: Timer) => edits.open(timer)

  /** The read, as the list frame shows it. */
  const list = { data: timers, loading, error: loadError }

  return { list, timers, unreadable, loading, loadError, editing, busyId, dialog, load, openNew, openEdit, save, toggle, remove }
}
