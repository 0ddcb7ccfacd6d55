import type { updatesContract } from '../../../shared/contracts/updates'
import type { DomainHandlers } from '../dispatcher'
import type { UpdateService } from './update-service'

export function updatesCommands(updates: UpdateService): DomainHandlers<typeof updatesContract> {
  return {
    'updates.state': async () => updates.state,
    'updates.check': () => updates.check(),
    'updates.install': async () => {
      updates.install()
      return { installing: true as const }
    },
  }
}
