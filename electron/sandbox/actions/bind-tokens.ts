/**
 * Network-configuration (bind) tokens of AppCreateDeviceBindToken. The reference leaves
 * their life open (docs/api-decisions.md §4.7, 6.12); the sandbox's reading:
 * - State 1 (initial) at creation; the app hands the token to the device during network
 *   configuration, the device connects and reports it, and the token turns State 2
 *   (usable). A simulated device does that when told to (`useBindToken`, the control
 *   command device.useBindToken, `npm run device -- use-token`): the token then remembers
 *   the device, and binds that device only. With `options.bindTokenConnectMs` above 0 an
 *   anonymous device reports every token that long after creation instead (real time,
 *   through the scheduler, so it stops with the sandbox);
 * - a token lives BIND_TOKEN_TTL_MS by the cloud's clock, then answers TokenIsExpire(d);
 * - it binds one device: AppTokenBindDeviceFamily consumes it;
 * - it belongs to the user who created it; to anybody else it does not exist.
 */
import { ApiError, ErrorCode } from '../api/errors'
import { Rng } from '../prng'
import type { CloudState } from './registry'

/** Ten minutes, as long as a user plausibly spends configuring a device (sandbox choice). */
export const BIND_TOKEN_TTL_MS = 10 * 60_000
/** Live tokens per user; more answers TokenInfoSaveError (sandbox choice, bounds memory). */
export const MAX_LIVE_TOKENS = 50

export const BIND_TOKEN_STATE = { initial: 1, usable: 2 } as const

export interface BindToken {
  readonly token: string
  readonly userId: string
  readonly expiresMs: number
  usable: boolean
  /** The device that reported the token (ProductId/DeviceName); undefined when anonymous. */
  usedBy?: string
}

export class BindTokenStore {
  private readonly tokens = new Map<string, BindToken>()
  private readonly rng: Rng

  constructor(seed: number) {
    this.rng = new Rng((seed ^ 0x5eed03) >>> 0)
  }

  create(userId: string, nowMs: number): BindToken {
    this.sweep(nowMs)
    const live = [...this.tokens.values()].filter((t) => t.userId === userId).length
    if (live >= MAX_LIVE_TOKENS) {
      throw new ApiError(ErrorCode.TokenInfoSaveError, `At most ${MAX_LIVE_TOKENS} bind tokens may be live at once.`)
    }
    const token: BindToken = { token: this.rng.hex(32), userId, expiresMs: nowMs + BIND_TOKEN_TTL_MS, usable: false }
    this.tokens.set(token.token, token)
    return token
  }

  /**
   * The caller's live token. `expiredCode` is the action's own spelling of the expiry
   * error (TokenIsExpire for the state query, TokenIsExpired for binding).
   */
  live(userId: string, token: string, nowMs: number, expiredCode: string): BindToken {
    const found = this.tokens.get(token)
    if (!found || found.userId !== userId) throw new ApiError(ErrorCode.TokenNotExist, 'Token does not exist')
    if (nowMs >= found.expiresMs) throw new ApiError(expiredCode, 'Token has expired')
    return found
  }

  /** Any user's token, for the device side (which knows no user). */
  find(token: string): BindToken | undefined {
    return this.tokens.get(token)
  }

  consume(token: BindToken): void {
    this.tokens.delete(token.token)
  }

  /** Forgets tokens expired for a while (an expired token still answers "expired" for a TTL). */
  private sweep(nowMs: number): void {
    for (const [key, t] of this.tokens) if (nowMs >= t.expiresMs + BIND_TOKEN_TTL_MS) this.tokens.delete(key)
  }
}

const stores = new WeakMap<object, BindTokenStore>()

/** The cloud's token store (kept beside the world it belongs to). */
export function bindTokensOf(cloud: CloudState): BindTokenStore {
  let store = stores.get(cloud.world)
  if (!store) {
    store = new BindTokenStore(cloud.world.seed)
    stores.set(cloud.world, store)
  }
  return store
}

/** Issues a token; with bindTokenConnectMs set, schedules the anonymous device that makes it usable. */
export function issueBindToken(cloud: CloudState, userId: string, nowMs: number): BindToken {
  const token = bindTokensOf(cloud).create(userId, nowMs)
  if (cloud.options.bindTokenConnectMs > 0) {
    cloud.scheduler.after(cloud.options.bindTokenConnectMs, () => {
      token.usable = true
    })
  }
  return token
}

/** Why a device could not report a token (the control lever answers 400 with it). */
export class TokenUseError extends Error {
  override readonly name = 'TokenUseError'
}

/**
 * The device `deviceId` received the token during network configuration, connected and
 * reported it: the token turns usable for that device. A token is reported once.
 */
export function useBindToken(cloud: CloudState, tokenText: string, deviceId: string): BindToken {
  const token = bindTokensOf(cloud).find(tokenText)
  if (!token) throw new TokenUseError(`Bind token ${tokenText} does not exist.`)
  if (cloud.options.clock() >= token.expiresMs) throw new TokenUseError(`Bind token ${tokenText} has expired.`)
  if (token.usedBy !== undefined && token.usedBy !== deviceId) {
    throw new TokenUseError(`Bind token ${tokenText} was already reported by ${token.usedBy}.`)
  }
  token.usable = true
  token.usedBy = deviceId
  return token
}
