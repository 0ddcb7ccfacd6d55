/**
 * The API console's state: the chosen action, its fields (ids pre-filled from what the user
 * works on, picked by name), sending through api.call with a confirmation for mutating
 * actions that names the home and device, and the session's history of calls.
 */
import { computed, h, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { toBridgeError, useDesk } from '@/bridge'
import { useConsoleHistoryStore, type ConsoleCall } from '@/stores/console-history'
import { useFleetStore } from '@/stores/fleet'
import { useWorkContextStore } from '@/stores/work-context'
import { buildRequest, callTarget, CONSOLE_ACTIONS, initialFields, type Context, type FieldValue, type IdField } from '@/utils/console-form'
import { useConsoleNames, type IdOption } from '@/composables/useConsoleNames'
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
    const familyId = fleet.selectedFamilyId ?? work.lastDevice?.familyId
    // A device of another home than the one worked in must not ride along into its forms.
    const device = work.lastDevice?.familyId === familyId ? work.lastDevice : null
    return {
      FamilyId: familyId ?? undefined,
      ProductId: device?.productId,
      DeviceName: device?.deviceName,
      DeviceId: device ? joinDeviceId(device.productId, device.deviceName) : undefined,
      RoomId: device?.roomId,
    }
  })

  const fieldText = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '')
  const homes = computed(() => [...new Set([fieldText('FamilyId'), fleet.selectedFamilyId ?? '', work.lastDevice?.familyId ?? ''].filter(Boolean))])
  const names = useConsoleNames(homes)

  /** The home the form is about: its FamilyId, else the home of the device it names. */
  const formHome = () => callTarget({ ...fields }, names.book).home?.id ?? ''
  const idOptions = (field: IdField): IdOption[] => names.options(field, formHome())
  function idName(field: IdField): string | undefined {
    const value = fieldText(field)
    if (!value) return undefined
    if (field === 'FamilyId') return names.book.homeName(value)
    if (field === 'RoomId') return names.book.roomName(value)
    if (field === 'DeviceId') return names.book.device(value)?.label
    if (field === 'DeviceName') return names.book.device(`${fieldText('ProductId')}/${value}`)?.label
    return idOptions('ProductId').find((o) => o.value === value)?.label
  }
  /** A device picked by name fills both halves of its id where the form has them. */
  function pick(field: string, option: IdOption): void {
    fields[field] = option.value
    if (!option.device) return
    if ('ProductId' in fields) fields.ProductId = option.device.productId
    if ('DeviceName' in fields) fields.DeviceName = option.device.deviceName
  }

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

  /** The question before a changing call: which home and which device, by name. */
  function question(action: string, params: Record<string, unknown>) {
    const { home, device } = callTarget(params, names.book)
    const lines: string[] = []
    if (home) lines.push(home.name ? t('apiConsole.confirmInHome', { action, home: home.name }) : t('apiConsole.confirmUnknownHome', { action, id: home.id }))
    if (device) lines.push(device.name ? t('apiConsole.confirmDevice', { device: device.name, id: device.id }) : t('apiConsole.confirmUnknownDevice', { id: device.id }))
    lines.push(t('apiConsole.confirmText', { action }))
    return h('div', { 'data-testid': 'console-confirm' }, lines.map((line) => h('p', line)))
  }

  async function confirmed(action: string, params: Record<string, unknown>): Promise<boolean> {
    try {
      await ElMessageBox.confirm(question(action, params), t('apiConsole.confirmTitle'), {
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
    if (entry.spec.mutating && !(await confirmed(entry.spec.action, params))) return
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

  return { selectedKey, selected, fields, sending, openCall, history, select, send, reopen, rerun, idOptions, idName, pick }
}
