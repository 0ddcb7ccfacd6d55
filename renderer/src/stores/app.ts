import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { AppInfo } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'
import type { Settings } from '@shared/contracts/settings'
import { detectLocale, i18n, isLocale, LOCALE_STORAGE_KEY, type Locale } from '@/i18n'
import { readPref, writePref } from '@/utils/storage'

export type ThemePreference = 'system' | 'light' | 'dark'
export const THEME_STORAGE_KEY = 'explorer-desk.theme'

function isTheme(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark'
}

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const infoError = ref<BridgeError | null>(null)

  // vue-i18n owns the active locale; the store is where the app changes and persists it.
  const locale = computed<Locale>(() => {
    const current = i18n.global.locale.value
    return isLocale(current) ? current : 'en'
  })

  const saved = readPref(THEME_STORAGE_KEY)
  const themePreference = ref<ThemePreference>(isTheme(saved) ? saved : 'system')
  const media = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia('(prefers-color-scheme: dark)') : null
  const systemDark = ref(media?.matches ?? false)
  media?.addEventListener?.('change', (event) => {
    systemDark.value = event.matches
  })
  const isDark = computed(() => (themePreference.value === 'system' ? systemDark.value : themePreference.value === 'dark'))

  // Element Plus switches its dark CSS variables on the `dark` class of <html>.
  watch(
    isDark,
    (dark) => {
      const root = globalThis.document?.documentElement
      if (!root) return
      root.classList.toggle('dark', dark)
      root.style.colorScheme = dark ? 'dark' : 'light'
    },
    { immediate: true },
  )

  watch(
    locale,
    (value) => {
      const root = globalThis.document?.documentElement
      if (root) root.lang = value
    },
    { immediate: true },
  )

  let started = false
  /** Load AppInfo now, and again when the host link opens if it could not be had before. */
  function init(): void {
    if (started) return
    started = true
    const desk = useDesk()
    // Calls made while the link is connecting wait for it; only a failed first try is retried.
    desk.onLink((link) => {
      if (link === 'open' && infoError.value) void loadInfo().then(loadSettings)
    })
    void loadInfo()
    void loadSettings()
  }

  /** Language and theme saved in the data folder win over this browser's own memory of them. */
  async function loadSettings(): Promise<void> {
    try {
      const { settings } = await useDesk().call('settings.get', {})
      applySettings(settings)
    } catch {
      // the page keeps the language and theme it already shows
    }
  }

  function applySettings(settings: Pick<Settings, 'language' | 'theme'>): void {
    if (settings.language) applyLocale(settings.language)
    applyTheme(settings.theme)
  }

  /** The language the OS asks for, for "follow system". */
  function systemLocale(): Locale {
    return detectLocale({ getItem: () => null })
  }

  async function loadInfo(): Promise<void> {
    try {
      info.value = await useDesk().call('app.info', {})
      infoError.value = null
    } catch (error) {
      infoError.value = toBridgeError(error)
    }
  }

  /** Shows the language now (null follows the OS language); this browser remembers it for the next start. */
  function applyLocale(value: Locale | null): void {
    i18n.global.locale.value = value ?? systemLocale()
    writePref(LOCALE_STORAGE_KEY, value)
  }

  function applyTheme(value: ThemePreference): void {
    themePreference.value = value
    writePref(THEME_STORAGE_KEY, value === 'system' ? null : value)
  }

  /** Also saved in the data folder, so the Settings page and the next start agree. */
  function setLocale(value: Locale | null): void {
    applyLocale(value)
    save({ language: value })
  }

  function setTheme(value: ThemePreference): void {
    applyTheme(value)
    save({ theme: value })
  }

  function save(patch: Partial<Settings>): void {
    useDesk()
      .call('settings.update', patch)
      .catch(() => undefined) // shown now and kept by this browser; the data folder catches up next change
  }

  return { info, infoError, locale, themePreference, isDark, init, loadInfo, setLocale, setTheme, applyLocale, applyTheme, applySettings, systemLocale }
})
