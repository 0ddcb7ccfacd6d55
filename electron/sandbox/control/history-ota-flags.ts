/** The sandbox CLI's flags for backfilled history and firmware upgrades. */
import type { SandboxOptions } from '../options'

export const HISTORY_OTA_FLAGS = {
  'history-days': { type: 'string' },
  'ota-duration-ms': { type: 'string' },
  'ota-failure-rate': { type: 'string' },
} as const

export const HISTORY_OTA_USAGE = `  --history-days N       days of property/event history before start, 0..90 (default 7)
  --ota-duration-ms ms   how long a firmware upgrade takes from publish to done (default 20000)
  --ota-failure-rate X   share 0..1 of upgrades that fail, per (seed, device, attempt) (default 0)`

type FlagValues = { [K in keyof typeof HISTORY_OTA_FLAGS]?: string }

export function historyOtaOptions(values: FlagValues): Partial<SandboxOptions> {
  const options: Partial<SandboxOptions> = {}
  if (values['history-days'] !== undefined) options.historyDays = number('--history-days', values['history-days'])
  if (values['ota-duration-ms'] !== undefined) options.otaDurationMs = number('--ota-duration-ms', values['ota-duration-ms'])
  if (values['ota-failure-rate'] !== undefined) options.otaFailureRate = number('--ota-failure-rate', values['ota-failure-rate'])
  return options
}

/** Ranges are checked by resolveOptions; here only that it is a number at all. */
function number(flag: string, text: string): number {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value)) throw new RangeError(`${flag} must be a number, not '${text}'`)
  return value
}
