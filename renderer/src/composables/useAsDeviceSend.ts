import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { confirmDanger } from './confirmDanger'

/**
 * One test tool's send: it asks first (naming the device and what it will claim), then
 * sends, and keeps the RequestId or the error to show beside the form.
 */
export function useAsDeviceSend(deviceLabel: () => string) {
  const { t } = useI18n()
  const sending = ref(false)
  const requestId = ref('')
  const error = ref<unknown>(null)

  async function send(what: string, run: () => Promise<{ requestId: string }>): Promise<boolean> {
    if (sending.value) return false
    const ok = await confirmDanger(
      t('asDevice.confirm', { device: deviceLabel(), what }),
      t('asDevice.confirmTitle'),
      t('asDevice.confirmButton'),
      t('asDevice.cancel'),
    )
    if (!ok) return false
    sending.value = true
    error.value = null
    requestId.value = ''
    try {
      requestId.value = (await run()).requestId
      return true
    } catch (caught) {
      error.value = caught
      return false
    } finally {
      sending.value = false
    }
  }

  return { sending, requestId, error, send }
}
