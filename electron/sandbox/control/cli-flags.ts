/** The sandbox CLI's flags for the living fleet, the long connection and fault injection. */
import type { SandboxOptions } from '../options'

export const SIMULATION_FLAGS = {
  'no-simulate': { type: 'boolean' },
  'sim-speed': { type: 'string' },
  'sim-tick': { type: 'string' },
  churn: { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
  latency: { type: 'string' },
  jitter: { type: 'string' },
  'error-rate': { type: 'string' },
  'drop-ws-every': { type: 'string' },
} as const

export const SIMULATION_USAGE = `  --no-simulate          a quiet fleet: no reports, churn or events of its own
  --sim-speed X          simulated ms per real ms (default 1; 60 = a minute a second)
  --sim-tick ms          real ms between simulation ticks (default 1000)
  --churn X              times an hour an online device drops off (default 0.5; 0 = never)
  --heartbeat-timeout ms a WebSocket subscription lapses this long after its last heartbeat (default 90000)
  --latency ms           delay every HTTP answer (default 0)
  --jitter ms            plus up to this much at random (default 0)
  --error-rate 0..1      share of tokenapi / YunApi calls failed with a server error (default 0)
  --drop-ws-every s      close every WebSocket every s seconds (default 0 = never)`

export const CONTROL_USAGE = `Control (loopback only): POST /_sandbox/control {"command": "device.offline", "deviceId": "..."}; commands
  device.offline|device.online|device.report|device.event|upgrade.fail|ws.dropAll|latency.set|errors.set|status`

type FlagValues = { [K in keyof typeof SIMULATION_FLAGS]?: (typeof SIMULATION_FLAGS)[K]['type'] extends 'boolean' ? boolean : string }

export function simulationOptions(values: FlagValues): Partial<SandboxOptions> {
  const options: Partial<SandboxOptions> = {}
  if (values['no-simulate']) options.simulate = false
  if (values['sim-speed'] !== undefined) options.simSpeed = number('--sim-speed', values['sim-speed'])
  if (values['sim-tick'] !== undefined) options.simTickMs = number('--sim-tick', values['sim-tick'])
  if (values.churn !== undefined) options.churnRate = number('--churn', values.churn)
  if (values['heartbeat-timeout'] !== undefined) options.heartbeatTimeoutMs = number('--heartbeat-timeout', values['heartbeat-timeout'])
  if (values.latency !== undefined) options.latencyMs = number('--latency', values.latency)
  if (values.jitter !== undefined) options.jitterMs = number('--jitter', values.jitter)
  if (values['error-rate'] !== undefined) options.errorRate = number('--error-rate', values['error-rate'])
  if (values['drop-ws-every'] !== undefined) options.dropWsEverySeconds = number('--drop-ws-every', values['drop-ws-every'])
  return options
}

/** Ranges are checked by resolveOptions; here only that it is a number at all. */
function number(flag: string, text: string): number {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value)) throw new RangeError(`${flag} must be a number, not '${text}'`)
  return value
}
