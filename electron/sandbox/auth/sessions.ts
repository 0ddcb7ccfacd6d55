/**
 * AccessTokens: issued at sign-in, valid until ExpireAt on the injected clock, revoked by
 * AppLogoutUser. Tokens are random (not seeded): they are credentials, not world state.
 */
import { randomBytes } from 'node:crypto'

export interface Session {
  token: string
  userId: string
  /** Unix seconds, as AppGetToken / AppGetTokenByWeiXin return it. */
  expireAt: number
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>()

  constructor(
    private readonly clock: () => number,
    private readonly ttlSeconds: number,
  ) {}

  issue(userId: string): Session {
    this.dropExpired()
    const expireAt = Math.floor(this.clock() / 1000) + this.ttlSeconds
    const session: Session = { token: randomBytes(20).toString('hex'), userId, expireAt }
    this.sessions.set(session.token, session)
    return session
  }

  /** The live session of a token; undefined if unknown, revoked or expired. */
  resolve(token: string): Session | undefined {
    const session = this.sessions.get(token)
    if (!session) return undefined
    if (this.clock() >= session.expireAt * 1000) {
      this.sessions.delete(token)
      return undefined
    }
    return session
  }

  /** True if the token was live. */
  revoke(token: string): boolean {
    return this.sessions.delete(token)
  }

  /** Every token still live, for tests that revoke them or look for them where they must not be. */
  liveTokens(): string[] {
    this.dropExpired()
    return [...this.sessions.keys()]
  }

  get size(): number {
    return this.sessions.size
  }

  private dropExpired(): void {
    const nowMs = this.clock()
    for (const [token, s] of this.sessions) if (nowMs >= s.expireAt * 1000) this.sessions.delete(token)
  }
}
