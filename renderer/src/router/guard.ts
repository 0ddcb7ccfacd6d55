import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'

/** What the guard needs to know about the session, so it can be tested without stores. */
export interface SessionGate {
  /** Resolves once the current session is known (first navigation waits for it). */
  ready(): Promise<void>
  signedIn(): boolean
  /** The session ended by itself: the page stays, a sign-in dialog covers it. */
  endedInPlace(): boolean
  /** The signed-in account's last page on this machine, if any. */
  lastPage?(): string | null
}

export const HOME: RouteLocationRaw = { name: 'families' }

/** Only in-app paths may be a redirect target (never a URL to elsewhere). */
export function safeRedirect(value: unknown): string | null {
  const target = Array.isArray(value) ? value[0] : value
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : null
}

export function createSessionGuard(gate: SessionGate) {
  return async (to: RouteLocationNormalized): Promise<true | RouteLocationRaw> => {
    await gate.ready()
    if (to.meta.public) {
      // Signed in already: the sign-in page has nothing to offer.
      if (to.name === 'sign-in' && gate.signedIn()) return safeRedirect(to.query.redirect) ?? gate.lastPage?.() ?? HOME
      return true
    }
    if (gate.signedIn() || gate.endedInPlace()) return true
    return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
}
