/**
 * The API console's state: the chosen action, its fields (ids pre-filled from what the user
 * works on), sending through api.call with a confirmation for mutating actions, and the
 * session's history of calls.
 */
import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { toBridgeError, useDesk } from '@/bridge'
import { useConsoleHistoryStore, type ConsoleCall } from '@/stores/console-history'
import { useFleetStore } from '@/stores/fleet'
import { useWorkContextStore } from '@/stores/work-context'
import { buildRequest, CONSOLE_ACTIONS, initialFields, type Context, type FieldValue } from '@/utils/console-form'
import { joinDeviceId } from '@shared/device-id'

export function useApiConsole() {
  const { t } = useI18n()
  const desk = useDesk()
  const fleet = useFleetStore()
  const work = useWorkContextStore()
  const history = useConsoleHistoryStore()

  const selectedKey = ref('')
  const fields = reactive<Record<string, FieldValue>>({})
  const sending = ref(false)
  const openCall = ref<ConsoleCall | null>(null)
  const selected = computed(() => CONSOLE_ACTIONS.find((a) => a.key === selectedKey.value) ?? null)

  const context = computed((): Context => {
    const device = work.lastDevice
    return {
      FamilyId: fleet.selectedFamilyId ?? device?.familyId,
      ProductId: device?.productId,
      DeviceName: device?.deviceName,
      DeviceId: device ? joinDeviceId(device.productId, device.deviceName) : undefined,
      RoomId: device?.roomId,
    }
  })

  function setFields(next: Record<string, FieldValue>): void {
    for (const key of Object.keys(fields)) delete fields[key]
    Object.assign(fields, next)
  }

  function select(key: string, preset?: Record<string, FieldValue>): void {
    const entry = CONSOLE_ACTIONS.find((a) => a.key === key)
    if (!entry) return
    selectedKey.value = key
    setFields(preset ? { ...preset } : initialFields(entry.spec, context.value))
  }

  async function confirmed(action: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(t('apiConsole.confirmText', { action }), t('apiConsole.confirmTitle'), {
        type: 'warning',
        confirmButtonText: t('apiConsole.confirmSend'),
        cancelButtonText: t('apiConsole.cancel'),
      })
      return true
    } catch {
      return false
    }
  }

  async function send(): Promise<void> {
    const entry = selected.value
    if (!entry || sending.value) return
    const { params, errors } = buildRequest(entry.spec, fields)
    if (Object.keys(errors).length > 0) return
    if (entry.spec.mutating && !(await confirmed(entry.spec.action))) return
    sending.value = true
    const atMs = Date.now()
    const base = { key: entry.key, action: entry.spec.action, fields: { ...fields }, params, atMs }
    try {
      const reply = await desk.call('api.call', { action: entry.spec.action, params })
      openCall.value = history.record({ ...base, durationMs: Date.now() - atMs, requestId: reply.requestId, outcome: 'ok', data: reply.data })
    } catch (error) {
      const detail = toBridgeError(error)
      openCall.value = history.record({ ...base, durationMs: Date.now() - atMs, requestId: detail.requestId ?? '', outcome: 'error', error: detail })
    } finally {
      sending.value = false
    }
  }

  function reopen(call: ConsoleCall): void {
    select(call.key, call.fields)
    openCall.value = call
  }

  async function rerun(call: ConsoleCall): Promise<void> {
    select(call.key, call.fields)
    await send()
  }

  return { selectedKey, selected, fields, sending, openCall, history, select, send, reopen, rerun }
}
