/** The history commands of the bridge (shared/contracts/history.ts). */
import type { historyContract } from '../../../shared/contracts/history'
import type { DomainHandlers } from '../dispatcher'
import type { HistoryService } from './history-service'

export function historyCommands(history: HistoryService): DomainHandlers<typeof historyContract> {
  return {
    'history.fetch': async (args) => history.fetch(args),
    'history.cancel': async ({ jobId }) => ({ cancelled: history.cancel(jobId) }),
    'history.cacheStats': async () => history.cacheStats(),
    'history.clearCache': async () => history.clearCache(),
    'history.setCacheLimit': async ({ maxPoints }) => history.setCacheLimit(maxPoints),
  }
}
