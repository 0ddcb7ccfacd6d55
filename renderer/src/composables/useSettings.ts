import { ref } from 'vue'
import type { ProxySetting, Settings, SettingsView } from '@shared/contracts/settings'
import type { BridgeError } from '@shared/errors'
import { useApi } from '@/api'
import { toBridgeError } from '@/bridge'
import { useAppStore } from '@/stores/app'

/** The Settings page's state: what the core holds, and each change saved through the bridge. */
export function useSettings() {
  const api = useApi()
  const app = useAppStore()
  const view = ref<SettingsView | null>(null)
  const error = ref<BridgeError | null>(null)
  const saving = ref(false)

  async function load(): Promise<void> {
    try {
      view.value = await api.settings.get({})
      error.value = null
    } catch (e) {
      error.value = toBridgeError(e)
    }
  }

  /** Saves one change; answers whether it was taken (a refused one leaves `error` set). */
  async function update(patch: Partial<Settings>): Promise<boolean> {
    saving.value = true
    try {
      view.value = await api.settings.update(patch)
      error.value = null
      return true
    } catch (e) {
      error.value = toBridgeError(e)
      return false
    } finally {
      saving.value = false
    }
  }

  async function setLanguage(language: Settings['language']): Promise<void> {
    app.applyLocale(language)
    await update({ language })
  }

  async function setTheme(theme: Settings['theme']): Promise<void> {
    app.applyTheme(theme)
    await update({ theme })
  }

  const setProxy = (proxy: ProxySetting) => update({ proxy })

  return { view, error, saving, load, update, setLanguage, setTheme, setProxy }
}
