/** Every benchmark suite by name; each prints `bench <name> <value> <unit>` lines. */
import { historyBench } from './history'
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
import { devicesBench } from './devices'
SUITES.devices = devicesBench
import { liveBench } from './live'
SUITES.live = liveBench
import { rolloutBoardBench } from './rollout-board'
SUITES['rollout-board'] = rolloutBoardBench
