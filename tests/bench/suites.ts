/** Every benchmark suite by name; each prints `bench <name> <value> <unit>` lines. */
export const SUITES: Record<string, () => Promise<void>> = {}
