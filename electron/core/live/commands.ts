/** The live-data command of the bridge (shared/contracts/live.ts). */
import type { liveContract } from '../../../shared/contracts/live'
import type { DomainHandlers } from '../dispatcher'
import type { LiveService } from './live-service'

export function liveCommands(live: LiveService): DomainHandlers<typeof liveContract> {
  return {
    'live.watch': async ({ deviceIds }) => live.watch(deviceIds),
  }
}
