/** Every benchmark suite by name; each prints `bench <name> <value> <unit>` lines. */
import { pushBench } from './push'
import { sandboxBench } from './sandbox'
export const SUITES: Record<string, () => Promise<void>> = {}

SUITES.sandbox = sandboxBench
SUITES.push = pushBench
