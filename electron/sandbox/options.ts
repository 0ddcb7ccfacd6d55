/** How a sandbox cloud is configured; every field has a default (see resolveOptions). */
export type EnvelopeMode = 'documented' | 'wrapped'

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number
  /** Seed of the demo fleet: the same seed (and start time) gives the same world. */
  seed: number
  /** Devices in the demo account's families (0..MAX_DEVICES). */
  devices: number
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
}

export const MAX_DEVICES = 10_000
export const DEFAULT_APP_KEY = 'SandboxAppKey0001'
export const DEFAULT_APP_SECRET = 'SandboxAppSecret-not-a-real-secret'

export const DEFAULT_OPTIONS: Readonly<Omit<SandboxOptions, 'appKey' | 'appSecret' | 'clock'>> = {
  port: 0,
  seed: 1,
  devices: 30,
  envelope: 'documented',
  tokenTtlSeconds: 7200,
  maxClockSkewSeconds: 300,
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
  checkInteger('maxClockSkewSeconds', o.maxClockSkewSeconds, 0, 86_400)
  if (o.envelope !== 'documented' && o.envelope !== 'wrapped') {
    throw new RangeError(`envelope must be 'documented' or 'wrapped', not ${String(o.envelope)}`)
  }
  if (!o.appKey || !o.appSecret) throw new RangeError('appKey and appSecret must not be empty')
  if (typeof o.clock !== 'function') throw new TypeError('clock must be a function returning milliseconds')
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
