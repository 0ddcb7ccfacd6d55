/**
 * What the hosts (Electron main, browser mode) need from the core, and what the core needs
 * from them. The core imports nothing from 'electron'; a host injects these.
 */
import type { BridgeResult } from '../../shared/errors'
import type { BridgeEvents, EventName } from '../../shared/contracts'
import type { PagePdfPort } from './commissioning/page-pdf-port'
import type { UpdaterPort } from './updates/updater-port'

/** Encrypts secrets at rest. Electron's safeStorage fits this shape. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

export interface DeskHostOptions {
  mode: 'electron' | 'web'
  version: string
  platform: string
  /** Where profiles, secrets and the store live (Electron: app.getPath('userData')). */
  dataDir: string
  /** null where the OS offers no encryption: secrets then live for the session only. */
  cipher: SecretCipher | null
  /** Start the embedded sandbox cloud and preselect its profile (default true). */
  embeddedSandbox?: boolean
  /** What the host can do for the user beyond the bridge (Electron: shell, dialogs); browser mode has none. */
  host?: HostCapabilities
}

/** OS services a host may offer; each one absent is a feature the app explains it cannot offer there. */
export interface HostCapabilities {
  /** Opens a folder in the OS file manager; answers '' or why it failed (Electron's shell.openPath). */
  openPath?(path: string): Promise<string>
  /** Asks the user where to save and writes `data` there; answers the path, or null when cancelled. */
  saveFile?(suggestedName: string, data: Buffer): Promise<string | null>
  /** The installed app's updater (electron-updater); absent in browser mode and development. */
  updater?: UpdaterPort
  /** Prints the window's page to PDF (Electron); browser mode prints with the browser's own dialog. */
  pdf?: PagePdfPort
}

export type EventListener = <E extends EventName>(event: E, payload: BridgeEvents[E]) => void

/** The core as a host sees it: one dispatcher for commands, one stream of events. */
export interface Desk {
  /** Validates `args` for `command`, runs it, and always answers a result or an error. */
  dispatch(command: unknown, args: unknown): Promise<BridgeResult<unknown>>
  onEvent(listener: EventListener): () => void
  /** Origins the renderer may load media from now: the active profile's (its CSP follows them). */
  mediaOrigins(): string[]
  close(): Promise<void>
}
