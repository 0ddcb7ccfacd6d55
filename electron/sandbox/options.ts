/** How a sandbox cloud is configured; every field has a default (see resolveOptions). */
export type EnvelopeMode = 'documented' | 'wrapped'

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number
  /** Seed of the demo fleet: the same seed (and start time) gives the same world. */
  seed: number
  /** Devices in the demo account's families (0..MAX_DEVICES). */
  devices: number
  /** Puts the whole fleet in the demo account's first family (benchmarks of one large family). */
  oneFamily: boolean
  /**
   * 'documented': answers as the reference's examples do (`{Response: {...}}`).
   * 'wrapped': answers as Tencent's production endpoints do (`{code, msg, data}`).
   */
  envelope: EnvelopeMode
  appKey: string
  appSecret: string
  /** AccessToken lifetime. */
  tokenTtlSeconds: number
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock: () => number
  /** Largest accepted |Timestamp - clock| on signed (appapi) calls, in seconds. */
  maxClockSkewSeconds: number
  /** Runs the living fleet (sim/fleet-simulation.ts); tests that need a quiet world pass false. */
  simulate: boolean
  /** Real milliseconds between simulation ticks (one timer for the whole fleet). */
  simTickMs: number
  /** Simulated milliseconds per real millisecond: 60 makes a minute of device life pass each second. */
  simSpeed: number
  /** How many times an hour (simulated) an online device drops off; 0 keeps every device as it is. */
  churnRate: number
  /**
   * A WebSocket subscription lapses for a device this long (cloud clock) after its last
   * ActivePush or heartbeat. The reference asks for a heartbeat every 60 s; 30 s of grace.
   */
  heartbeatTimeoutMs: number
  /** Injected delay before every HTTP answer, plus up to jitterMs at random. */
  latencyMs: number
  jitterMs: number
  /** Share (0..1) of tokenapi calls (and WebSocket YunApi calls) failed with a server error. */
  errorRate: number
  /** Closes every WebSocket every this many seconds (0 = never), to exercise reconnects. */
  dropWsEverySeconds: number
  /**
   * 0 (default): a bind token turns usable (State 2) only when a device reports it
   * (control command device.useBindToken, `npm run device -- use-token`). Above 0: an
   * anonymous simulated device reports every token this many real milliseconds after
   * AppCreateDeviceBindToken (tests that need no device side).
   */
  bindTokenConnectMs: number
  /**
   * Sub-devices joined to each gateway of the demo account's own homes but bound to no
   * family yet (AppGetGatewayBindDeviceList BindStatus 0), for the gateway binding flow.
   */
  unboundSubDevices: number
  /** Days of property and event history backfilled before start (0..90). */
  historyDays: number
  /** Real milliseconds a firmware upgrade takes from publish to done (tests: a few hundred). */
  otaDurationMs: number
  /** Share (0..1) of upgrades that fail, deterministic per (seed, device, attempt). */
  otaFailureRate: number
}

export const MAX_DEVICES = 50_000
export const DEFAULT_APP_KEY = 'SandboxAppKey0001'
export const DEFAULT_APP_SECRET = 'SandboxAppSecret-not-a-real-secret'

export const DEFAULT_OPTIONS: Readonly<Omit<SandboxOptions, 'appKey' | 'appSecret' | 'clock'>> = {
  port: 0,
  seed: 1,
  devices: 30,
  oneFamily: false,
  envelope: 'documented',
  tokenTtlSeconds: 7200,
  maxClockSkewSeconds: 300,
  simulate: true,
  simTickMs: 1000,
  simSpeed: 1,
  churnRate: 0.5,
  heartbeatTimeoutMs: 90_000,
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  dropWsEverySeconds: 0,
  bindTokenConnectMs: 0,
  unboundSubDevices: 0,
  historyDays: 7,
  otaDurationMs: 20_000,
  otaFailureRate: 0,
}

type Env = Readonly<Record<string, string | undefined>>

/** Fills in defaults (env SANDBOX_APP_KEY / SANDBOX_APP_SECRET before the built-ins) and checks ranges. */
export function resolveOptions(partial: Partial<SandboxOptions> = {}, env: Env = process.env): SandboxOptions {
  const options: SandboxOptions = {
    ...DEFAULT_OPTIONS,
    appKey: nonEmpty(env.SANDBOX_APP_KEY) ?? DEFAULT_APP_KEY,
    appSecret: nonEmpty(env.SANDBOX_APP_SECRET) ?? DEFAULT_APP_SECRET,
    clock: Date.now,
    ...withoutUndefined(partial),
  }
  checkOptions(options)
  return options
}

function checkOptions(o: SandboxOptions): void {
  checkInteger('port', o.port, 0, 65_535)
  checkInteger('seed', o.seed, -(2 ** 31), 2 ** 32 - 1)
  checkInteger('devices', o.devices, 0, MAX_DEVICES)
  checkInteger('tokenTtlSeconds', o.tokenTtlSeconds, 1, 10 * 365 * 86_400)
  if (typeof o.oneFamily !== 'boolean') throw new TypeError('oneFamily must be true or false')
  checkInteger('maxClockSkewSeconds', o.maxClockSkewSeconds, 0, 86_400)
  checkSimulationAndFaults(o)
  checkInteger('bindTokenConnectMs', o.bindTokenConnectMs, 0, 600_000)
  checkInteger('unboundSubDevices', o.unboundSubDevices, 0, 20)
  checkInteger('historyDays', o.historyDays, 0, 90)
  checkInteger('otaDurationMs', o.otaDurationMs, 10, 3_600_000)
  checkNumber('otaFailureRate', o.otaFailureRate, 0, 1)
  if (o.envelope !== 'documented' && o.envelope !== 'wrapped') {
    throw new RangeError(`envelope must be 'documented' or 'wrapped', not ${String(o.envelope)}`)
  }
  if (!o.appKey || !o.appSecret) throw new RangeError('appKey and appSecret must not be empty')
  if (typeof o.clock !== 'function') throw new TypeError('clock must be a function returning milliseconds')
}

function checkSimulationAndFaults(o: SandboxOptions): void {
  if (typeof o.simulate !== 'boolean') throw new TypeError('simulate must be true or false')
  checkInteger('simTickMs', o.simTickMs, 10, 3_600_000)
  checkNumber('simSpeed', o.simSpeed, 0.001, 100_000)
  checkNumber('churnRate', o.churnRate, 0, 3600)
  checkInteger('heartbeatTimeoutMs', o.heartbeatTimeoutMs, 1, 86_400_000)
  checkInteger('latencyMs', o.latencyMs, 0, 600_000)
  checkInteger('jitterMs', o.jitterMs, 0, 600_000)
  checkNumber('errorRate', o.errorRate, 0, 1)
  checkNumber('dropWsEverySeconds', o.dropWsEverySeconds, 0, 86_400)
}

function checkNumber(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number from ${min} to ${max}, not ${String(value)}`)
  }
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, not ${String(value)}`)
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
