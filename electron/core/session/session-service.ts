import type { SignInCredentials } from '../../../shared/contracts'
import type { SessionChange, SessionEndReason, SessionInfo } from '../../../shared/domain'
import { LocalCode } from '../../../shared/errors'
import { ApiError, isTokenRejection } from '../api/api-error'
import type { CallOptions, CloudClient, Params } from '../api/cloud-client'
import type { CloudReply } from '../api/envelope'
import type { ProfileStore, StoredProfile } from './profiles'
import { accountName, acquireToken } from './sign-in-methods'

export interface SessionDeps {
  profiles: ProfileStore
  clientFor(profile: StoredProfile & { appSecret: string }): CloudClient
  onChange(change: SessionChange): void
  /** The token ends soon and cannot be renewed unattended. */
  onExpiring(expireAt: number): void
  /** Milliseconds since the epoch. */
  now(): number
  fetch?: typeof fetch
  /** How long before expiry to renew or warn (default 5 minutes, at most half the lifetime). */
  renewLeadMs?: number
}

interface ActiveSession {
  info: SessionInfo
  token: string
  client: CloudClient
  timers: ReturnType<typeof setTimeout>[]
}

/** Longest a timer may wait in Node; a token living longer is checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1
const DEFAULT_RENEW_LEAD_MS = 5 * 60_000

/**
 * The signed-in user of one profile. The AccessToken never leaves this object: callers
 * get SessionInfo, and make cloud calls through `call`. Before the token expires it signs
 * in again by itself when the password is remembered, and asks the user otherwise.
 */
export class SessionService {
  private active: ActiveSession | null = null

  constructor(private readonly deps: SessionDeps) {}

  current(): SessionInfo | null {
    return this.active?.info ?? null
  }

  async signIn(profileId: string, credentials: SignInCredentials, options: { remember?: boolean; call?: CallOptions } = {}): Promise<SessionInfo> {
    const profile = this.deps.profiles.resolve(profileId)
    const client = this.deps.clientFor(profile)
    const issued = await acquireToken(profile, client, credentials, { fetch: this.deps.fetch, call: options.call })
    if (this.active) await this.signOut()
    const account = accountName(credentials)
    const renews = credentials.method !== 'token' && options.remember === true
    if (renews) await this.deps.profiles.rememberSignIn(profileId, credentials)
    else await this.deps.profiles.forgetSignIn(profileId)
    const info: SessionInfo = { profileId, profileName: profile.name, account, expireAt: issued.expireAt, renews }
    this.active = { info, token: issued.token, client, timers: [] }
    this.active.timers = this.expiryTimers(this.active)
    await this.deps.profiles.rememberAccount(profileId, account)
    this.deps.onChange({ session: info })
    return info
  }

  /** Revokes the token at the cloud (best effort) and forgets it here in any case. */
  async signOut(): Promise<void> {
    const active = this.active
    if (!active) return
    this.end('signed-out')
    try {
      await active.client.callTokenApi('AppLogoutUser', {}, active.token, { timeoutMs: 5_000 })
    } catch {
      // The token is forgotten here whatever the cloud says; it expires there on its own.
    }
  }

  /** A call as the signed-in user. A rejected or expired token ends the session cleanly. */
  async call(action: string, params: Params, call: CallOptions = {}): Promise<CloudReply> {
    const active = this.requireActive(action)
    try {
      return await active.client.callTokenApi(action, params, active.token, call)
    } catch (error) {
      if (isTokenRejection(error) && this.active === active) {
        this.end('revoked')
        throw sessionEnded('revoked', action, error.requestId)
      }
      throw error
    }
  }

  /** The AccessToken, for the push connection in main; never handed to the renderer. */
  accessToken(): string | null {
    return this.active?.token ?? null
  }

  /** The API base of the signed-in profile. */
  baseUrl(): string | null {
    return this.active?.client.baseUrl ?? null
  }

  /** Secret values held now (the AccessToken), so logs and audit rows can cut them out. */
  secrets(): string[] {
    return this.active ? [this.active.token] : []
  }

  /** The push connection found the token refused: end the session as the API would. */
  endRejected(): void {
    this.end('revoked')
  }

  close(): void {
    this.active?.timers.forEach(clearTimeout)
    this.active = null
  }

  private requireActive(action: string): ActiveSession {
    const active = this.active
    if (!active) {
      throw new ApiError({ kind: 'session', code: LocalCode.NotSignedIn, message: 'Sign in first.', action })
    }
    if (this.expired(active)) {
      this.end('expired')
      throw sessionEnded('expired', action)
    }
    return active
  }

  private expired(active: ActiveSession): boolean {
    return active.info.expireAt > 0 && this.deps.now() >= active.info.expireAt * 1000
  }

  private end(reason: SessionEndReason): void {
    if (!this.active) return
    this.active.timers.forEach(clearTimeout)
    this.active = null
    this.deps.onChange({ session: null, reason })
  }

  /** A renewal (or warning) shortly before expiry, and the end at expiry. */
  private expiryTimers(active: ActiveSession): ReturnType<typeof setTimeout>[] {
    const expireAtMs = active.info.expireAt * 1000
    if (expireAtMs <= 0) return []
    const left = expireAtMs - this.deps.now()
    const lead = Math.min(this.deps.renewLeadMs ?? DEFAULT_RENEW_LEAD_MS, left / 2)
    const ahead = this.timer(left - lead, () => void this.beforeExpiry(active))
    const atEnd = this.timer(left, () => {
      if (this.active === active && this.expired(active)) this.end('expired')
    })
    return [ahead, atEnd]
  }

  private async beforeExpiry(active: ActiveSession): Promise<void> {
    if (this.active !== active) return
    const remembered = active.info.renews ? this.deps.profiles.rememberedSignIn(active.info.profileId) : null
    if (!remembered) return this.deps.onExpiring(active.info.expireAt)
    try {
      const profile = this.deps.profiles.resolve(active.info.profileId)
      const issued = await acquireToken(profile, active.client, remembered, { fetch: this.deps.fetch })
      if (this.active !== active) return
      active.timers.forEach(clearTimeout)
      active.token = issued.token
      active.info = { ...active.info, expireAt: issued.expireAt }
      active.timers = this.expiryTimers(active)
      this.deps.onChange({ session: active.info, reason: 'renewed' })
    } catch {
      if (this.active === active) this.deps.onExpiring(active.info.expireAt)
    }
  }

  private timer(ms: number, run: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(run, Math.min(Math.max(ms, 0), MAX_TIMER_MS))
    timer.unref?.()
    return timer
  }
}

function sessionEnded(reason: 'expired' | 'revoked', action: string, requestId?: string): ApiError {
  const message =
    reason === 'expired' ? 'Your sign-in has expired. Sign in again.' : 'The cloud no longer accepts your sign-in. Sign in again.'
  return new ApiError({ kind: 'session', code: LocalCode.SessionExpired, message, action, requestId })
}
