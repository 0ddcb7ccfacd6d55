/** Every benchmark suite by name; each prints `bench <name> <value> <unit>` lines. */
import { historyBench } from './history'
import { historyE2eBench } from './history-e2e'
import { soakBench } from './soak'
import { startupBench } from './startup'
import { otaBench } from './ota'
import { pushBench } from './push'
import { sandboxBench } from './sandbox'
import { uiBench } from './ui'
export const SUITES: Record<string, () => Promise<void>> = {}

SUITES.sandbox = sandboxBench
SUITES.push = pushBench
SUITES.history = historyBench
SUITES.ota = otaBench
SUITES.ui = uiBench
SUITES['history-e2e'] = historyE2eBench
SUITES.startup = startupBench
SUITES.soak = soakBench
