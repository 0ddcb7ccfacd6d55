/** Every benchmark suite by name; each prints `bench <name> <value> <unit>` lines. */
import { devicesBench } from './devices'
import { devtoolsNetworkBench } from './devtools-network-bench'
import { historyBench } from './history'
import { historyE2eBench } from './history-e2e'
import { liveBench } from './live'
import { otaBench } from './ota'
import { pushBench } from './push'
import { rolloutBoardBench } from './rollout-board'
import { sandboxBench } from './sandbox'
import { soakBench } from './soak'
import { startupBench } from './startup'
import { uiBench } from './ui'

/** In the order `npm run bench` runs them: the half-hour soak last. */
export const SUITES: Record<string, () => Promise<void>> = {
  sandbox: sandboxBench,
  push: pushBench,
  history: historyBench,
  'history-e2e': historyE2eBench,
  ota: otaBench,
  ui: uiBench,
  startup: startupBench,
  devices: devicesBench,
  live: liveBench,
  'rollout-board': rolloutBoardBench,
  'devtools-network': devtoolsNetworkBench,
  soak: soakBench,
}
