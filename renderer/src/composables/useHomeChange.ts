/**
 * Runs one change of the Home page: busy while it runs, the cloud's refusal kept for the
 * form to show (Code and RequestId), and a success message quoting the RequestId.
 */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'

export function useHomeChange() {
  const { t } = useI18n()
  const busy = ref(false)
  const error = ref<unknown>(null)

  /** Resolves to the change's result, or null when it was refused (then `error` holds why). */
  async function run<R extends { requestId: string }>(change: () => Promise<R>, done: (result: R) => string): Promise<R | null> {
    busy.value = true
    error.value = null
    try {
      const result = await change()
      ElMessage({ type: 'success', message: t('home.done', { what: done(result), requestId: result.requestId }) })
      return result
    } catch (caught) {
      error.value = caught
      return null
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run, clear: () => (error.value = null) }
}
