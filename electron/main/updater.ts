/**
 * electron-updater's autoUpdater behind the core's UpdaterPort. The core decides when to check
 * and what to show; this only translates: the channel to electron-builder's channel files
 * (latest.yml / beta.yml), the answer to "a newer version or not", progress events to a callback.
 */
import type { DownloadProgress, OfferedUpdate, UpdateChannel, UpdaterPort } from '../core/updates/updater-port'

/** The part of electron-updater's AppUpdater used here. */
export interface AutoUpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  allowPrerelease: boolean
  allowDowngrade: boolean
  channel: string | null
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>
  downloadUpdate(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'download-progress', listener: (info: { percent: number; transferred: number; total: number }) => void): unknown
  removeListener(event: 'download-progress', listener: (info: { percent: number; transferred: number; total: number }) => void): unknown
}

export function electronUpdater(autoUpdater: AutoUpdaterLike): UpdaterPort {
  // The core downloads only after a check it asked for, and installs on the user's word.
  autoUpdater.autoDownload = false
  autoUpdater.autoInstallOnAppQuit = false
  autoUpdater.allowDowngrade = false
  return {
    async check(channel: UpdateChannel): Promise<OfferedUpdate | null> {
      autoUpdater.channel = channel === 'beta' ? 'beta' : 'latest'
      autoUpdater.allowPrerelease = channel === 'beta'
      const result = await autoUpdater.checkForUpdates()
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null
    },
    async download(onProgress: (progress: DownloadProgress) => void): Promise<void> {
      const listener = (info: { percent: number; transferred: number; total: number }) =>
        onProgress({ percent: info.percent, transferred: info.transferred, total: info.total })
      autoUpdater.on('download-progress', listener)
      try {
        await autoUpdater.downloadUpdate()
      } finally {
        autoUpdater.removeListener('download-progress', listener)
      }
    },
    install(): void {
      // Silent on Windows (the user already chose to update), and the app starts again.
      autoUpdater.quitAndInstall(true, true)
    },
  }
}
