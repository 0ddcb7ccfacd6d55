/** The live-data commands of the bridge (shared/contracts/live.ts). */
import type { liveContract } from '../../../shared/contracts/live'
import type { DomainHandlers } from '../dispatcher'
import type { LiveService } from './live-service'

export function liveCommands(live: LiveService): DomainHandlers<typeof liveContract> {
  return {
    'live.watch': async ({ deviceIds, valuesOf }) => live.watch(deviceIds, valuesOf),
    'live.readValues': ({ deviceIds }) => live.readValues(deviceIds),
  }
}
