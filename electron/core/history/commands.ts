/** The history commands of the bridge, as the dispatcher runs them. */
import type { CommandHandlers } from '../dispatcher'
import type { HistoryService } from './history-service'

type HistoryCommand = 'history.fetch' | 'history.cancel' | 'history.cacheStats' | 'history.clearCache' | 'history.setCacheLimit'

export function historyCommands(history: HistoryService): Pick<CommandHandlers, HistoryCommand> {
  return {
    'history.fetch': async (args) => history.fetch(args),
    'history.cancel': async ({ jobId }) => ({ cancelled: history.cancel(jobId) }),
    'history.cacheStats': async () => history.cacheStats(),
    'history.clearCache': async () => history.clearCache(),
    'history.setCacheLimit': async ({ maxPoints }) => history.setCacheLimit(maxPoints),
  }
}
