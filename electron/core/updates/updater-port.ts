/** What the update service needs from an updater (electron-updater in the app; a fake feed in tests). */
export type UpdateChannel = 'stable' | 'beta'

export interface OfferedUpdate {
  version: string
}

export interface DownloadProgress {
  percent: number
  transferred: number
  total: number
}

export interface UpdaterPort {
  /** Asks the channel's feed; answers the newer version offered, or null when this one is current. */
  check(channel: UpdateChannel): Promise<OfferedUpdate | null>
  /** Downloads the version the last check offered, reporting progress; resolves once verified. */
  download(onProgress: (progress: DownloadProgress) => void): Promise<void>
  /** Quits the app and installs the downloaded version. */
  install(): void
}
