import type { SignInCredentials } from '../../shared/bridge'
import type { SessionChange, SessionEndReason, SessionInfo } from '../../shared/domain'
import { LocalCode } from '../../shared/errors'
import { ApiError, isTokenRejection } from './api/api-error'
import type { CallOptions, CloudClient, Params } from './api/cloud-client'
import type { CloudReply } from './api/envelope'
import { readShape, tokenShape } from './api/shapes'
import type { ProfileStore, StoredProfile } from './profiles'

export interface SessionDeps {
  profiles: ProfileStore
  clientFor(profile: StoredProfile & { appSecret: string }): CloudClient
  onChange(change: SessionChange): void
  /** Milliseconds since the epoch. */
  now(): number
}

interface ActiveSession {
  info: SessionInfo
  token: string
  client: CloudClient
  expiryTimer: ReturnType<typeof setTimeout>
}

/** Longest a timer may wait in Node; a token living longer is checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The signed-in user of one profile. The AccessToken never leaves this object: callers
 * get SessionInfo, and make cloud calls through `call`.
 */
export class SessionService {
  private active: ActiveSession | null = null

  constructor(private readonly deps: SessionDeps) {}

  current(): SessionInfo | null {
    return this.active?.info ?? null
  }

  async signIn(profileId: string, credentials: SignInCredentials, call: CallOptions = {}): Promise<SessionInfo> {
    const profile = this.deps.profiles.resolve(profileId)
    const client = this.deps.clientFor(profile)
    const [action, params] = signInRequest(credentials)
    const reply = await client.callAppApi(action, params, call)
    const { Token, ExpireAt } = readShape(tokenShape, reply, action)
    if (this.active) await this.signOut()
    const account = accountName(credentials)
    const info: SessionInfo = { profileId, profileName: profile.name, account, expireAt: ExpireAt }
    this.active = { info, token: Token, client, expiryTimer: this.expiryTimer(ExpireAt) }
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
    if (this.active) clearTimeout(this.active.expiryTimer)
    this.active = null
  }

  private requireActive(action: string): ActiveSession {
    const active = this.active
    if (!active) {
      throw new ApiError({ kind: 'session', code: LocalCode.NotSignedIn, message: 'Sign in first.', action })
    }
    if (this.deps.now() >= active.info.expireAt * 1000) {
      this.end('expired')
      throw sessionEnded('expired', action)
    }
    return active
  }

  private end(reason: SessionEndReason): void {
    if (!this.active) return
    clearTimeout(this.active.expiryTimer)
    this.active = null
    this.deps.onChange({ session: null, reason })
  }

  private expiryTimer(expireAt: number): ReturnType<typeof setTimeout> {
    const wait = Math.min(Math.max(expireAt * 1000 - this.deps.now(), 0), MAX_TIMER_MS)
    const timer = setTimeout(() => {
      if (this.active && this.deps.now() >= this.active.info.expireAt * 1000) this.end('expired')
      else if (this.active) this.active.expiryTimer = this.expiryTimer(this.active.info.expireAt)
    }, wait)
    timer.unref?.()
    return timer
  }
}

function signInRequest(credentials: SignInCredentials): [string, Params] {
  switch (credentials.method) {
    case 'email':
      return ['AppGetToken', { Type: 'email', Email: credentials.email, Password: credentials.password }]
    case 'phone':
      return [
        'AppGetToken',
        { Type: 'phone', CountryCode: credentials.countryCode, PhoneNumber: credentials.phoneNumber, Password: credentials.password },
      ]
    case 'wechat':
      // The table spells it Nickname, the example NickName; the example is what clients send.
      return ['AppGetTokenByWeiXin', { WxOpenID: credentials.wxOpenId, NickName: credentials.nickname, Avatar: credentials.avatar }]
  }
}

function accountName(credentials: SignInCredentials): string {
  switch (credentials.method) {
    case 'email':
      return credentials.email
    case 'phone':
      return `+${credentials.countryCode} ${credentials.phoneNumber}`
    case 'wechat':
      return credentials.nickname
  }
}

function sessionEnded(reason: 'expired' | 'revoked', action: string, requestId?: string): ApiError {
  const message =
    reason === 'expired' ? 'Your sign-in has expired. Sign in again.' : 'The cloud no longer accepts your sign-in. Sign in again.'
  return new ApiError({ kind: 'session', code: LocalCode.SessionExpired, message, action, requestId })
}
