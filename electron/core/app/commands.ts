/** What the app is and where it runs (shared/contracts/app.ts). */
import type { StartNotice } from '../../../shared/domain'
import type { appContract } from '../../../shared/contracts/app'
import type { DeskHostOptions } from '../desk-contract'
import type { DomainHandlers } from '../dispatcher'

export function appCommands(options: DeskHostOptions, secretsPersist: () => boolean, notices: readonly StartNotice[]): DomainHandlers<typeof appContract> {
  return {
    'app.info': async () => ({
      version: options.version,
      mode: options.mode,
      platform: options.platform,
      secretStorage: secretsPersist() ? 'encrypted' : 'session-only',
      notices: [...notices],
    }),
    'app.versions': async () => ({
      app: options.version,
      electron: process.versions['electron'] ?? null,
      chromium: process.versions['chrome'] ?? null,
      node: process.versions.node,
    }),
  }
}
