import type { settingsContract, SettingsView } from '../../../shared/contracts/settings'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import type { DomainHandlers } from '../dispatcher'
import type { HostCapabilities } from '../desk-contract'
import type { SettingsStore } from './settings-store'

export interface SettingsDeps {
  store: SettingsStore
  dataDir: string
  host: HostCapabilities
  /** Empties the history cache (never the audit log). */
  clearCache(): { removedPoints: number }
}

/** The settings domain: read and change settings, open the data folder, clear the cache. */
export function settingsCommands(deps: SettingsDeps): DomainHandlers<typeof settingsContract> {
  const view = (): SettingsView => ({ settings: deps.store.current, dataDir: deps.dataDir, canOpenFolder: Boolean(deps.host.openPath) })
  return {
    'settings.get': async () => view(),
    'settings.update': async (patch) => {
      await deps.store.update(patch)
      return view()
    },
    'settings.openDataFolder': async () => {
      if (!deps.host.openPath) throw unsupported('A browser cannot open a folder on this computer: copy the path and open it in your file manager.')
      const problem = await deps.host.openPath(deps.dataDir)
      if (problem) throw new ApiError({ kind: 'internal', code: LocalCode.Internal, message: `The folder could not be opened: ${problem}` })
      return { opened: true as const }
    },
    'settings.clearCache': async () => deps.clearCache(),
  }
}

export function unsupported(message: string): ApiError {
  return new ApiError({ kind: 'config', code: LocalCode.HostUnsupported, message })
}
