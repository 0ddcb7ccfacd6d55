import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CommandArgs, ProfileInput } from '@shared/contracts'
import type { ProfileSummary, SavedProfile, SessionChange, SessionEndReason, SessionInfo } from '@shared/domain'
import type { BridgeError } from '@shared/errors'
import { toBridgeError, useDesk } from '@/bridge'

/** A session that ended on its own (not by signing out): the user should get it back in place. */
export interface EndedSession {
  reason: Exclude<SessionEndReason, 'signed-out'>
  previous: SessionInfo
}

/** As the renderer sends them (optional fields may be left out). */
export type SignInInput = CommandArgs<'session.signIn'>['credentials']

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** Who the data on screen belongs to; a change of owner means other families, other devices. */
export function sessionOwner(session: Pick<SessionInfo, 'profileId' | 'account'> | null): string | null {
  return session ? `${session.profileId}\u0000${session.account}` : null
}

/** The same token as before (a re-sign-in or a renewal gives a new expiry). */
function sameSession(a: SessionInfo | null, b: SessionInfo): boolean {
  return a !== null && sessionOwner(a) === sessionOwner(b) && a.expireAt === b.expireAt
}

export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null)
  const ended = ref<EndedSession | null>(null)
  /** Bumped on every new sign-in so open pages know to reload. */
  const generation = ref(0)
  /**
   * Bumped whenever main starts a session afresh (any sign-in, not a renewal): main then
   * forgets the live subscriptions, so pages watching devices must ask again.
   */
  const epoch = ref(0)
  /** Unix seconds of the expiry main warned about ('session.expiring'); null when none. */
  const expiringAt = ref<number | null>(null)
  const initError = ref<BridgeError | null>(null)

  const profiles = ref<ProfileSummary[]>([])
  const profilesStatus = ref<LoadStatus>('idle')
  const profilesError = ref<BridgeError | null>(null)

  const owner = computed(() => sessionOwner(session.value))
  const signedIn = computed(() => session.value !== null)

  let ready: Promise<void> | null = null

  /** Subscribe to the host and learn the current session; the router guard awaits this. */
  function init(): Promise<void> {
    ready ??= start()
    return ready
  }

  async function start(): Promise<void> {
    const desk = useDesk()
    desk.on('session.changed', onChanged)
    desk.on('session.expiring', ({ expireAt }) => {
      if (session.value) expiringAt.value = expireAt
    })
    // A call refused for want of a session means it ended, even if no event said so yet.
    desk.onCallError((command, error) => {
      if (error.kind === 'session' && session.value && command !== 'session.signIn' && command !== 'session.signOut') {
        applyChange({ session: null, reason: 'expired' })
      }
    })
    // Events sent while the host link was down are lost, and a first attempt made before
    // the host answered failed: ask again once the link is (back) up.
    let wasOpen = desk.link === 'open'
    desk.onLink((link) => {
      if (link !== 'open') return
      if (wasOpen || initError.value) void resync()
      if (profilesStatus.value === 'error') void loadProfiles()
      wasOpen = true
    })
    // Asked alongside the session: signed out, the sign-in page comes next and its first
    // render then has the form, with no second round trip and render once it is up.
    const profilesRead = loadProfiles()
    try {
      session.value = await desk.call('session.current', {})
      if (session.value) {
        generation.value++
        epoch.value++
      }
      initError.value = null
    } catch (error) {
      // Not fatal: the sign-in page shows what went wrong when it loads profiles.
      initError.value = toBridgeError(error)
    }
    if (!session.value) await profilesRead
  }

  async function resync(): Promise<void> {
    try {
      const current = await useDesk().call('session.current', {})
      initError.value = null
      applyChange(current ? { session: current } : { session: null, reason: 'expired' })
    } catch {
      // the link dropped again; the next reopen retries
    }
  }

  // Signing in while signed in (from the expiry notice) makes main sign the old session out
  // first: that 'signed-out' must not throw the user out of the page they are on.
  let signInsInFlight = 0
  let heldSignOut: SessionChange | null = null

  function onChanged(change: SessionChange): void {
    if (signInsInFlight > 0 && !change.session && change.reason === 'signed-out' && session.value) {
      heldSignOut = change
      return
    }
    applyChange(change)
  }

  function applyChange(change: SessionChange): void {
    if (change.session) {
      const previous = session.value
      const same = sameSession(previous, change.session)
      session.value = change.session
      ended.value = null
      if (!same) expiringAt.value = null // renewed or replaced: the warning is answered
      if (!previous || sessionOwner(previous) !== sessionOwner(change.session)) generation.value++
      // A renewal keeps main's live subscriptions; anything else new starts without them.
      if (change.reason !== 'renewed' && !same) epoch.value++
      return
    }
    expiringAt.value = null
    const previous = session.value
    session.value = null
    if (previous && (change.reason === 'expired' || change.reason === 'revoked')) {
      ended.value = { reason: change.reason, previous }
    } else if (!previous && ended.value && (change.reason === 'expired' || change.reason === 'revoked')) {
      // already ended; keep the first record of who was signed in
    } else {
      ended.value = null
    }
  }

  /** `remember`: main keeps the sign-in to renew the token unattended before it expires. */
  async function signIn(profileId: string, credentials: SignInInput, remember = false): Promise<SessionInfo> {
    signInsInFlight++
    let info: SessionInfo
    try {
      info = await useDesk().call('session.signIn', { profileId, credentials, remember })
      heldSignOut = null // superseded by the new session
    } finally {
      signInsInFlight--
      if (signInsInFlight === 0 && heldSignOut) {
        const held = heldSignOut
        heldSignOut = null
        applyChange(held)
      }
    }
    // From no session to one always bumps `generation`, so pages behind the dialog reload.
    applyChange({ session: info })
    void loadProfiles() // lastAccount and `remembered` changed
    return info
  }

  async function signOut(): Promise<void> {
    await useDesk().call('session.signOut', {})
    applyChange({ session: null, reason: 'signed-out' })
  }

  /** The user chose the sign-in page over the in-place dialog. */
  function dismissEnded(): void {
    ended.value = null
  }

  async function loadProfiles(): Promise<void> {
    profilesStatus.value = 'loading'
    try {
      profiles.value = await useDesk().call('profiles.list', {})
      profilesStatus.value = 'ready'
      profilesError.value = null
    } catch (error) {
      profilesStatus.value = 'error'
      profilesError.value = toBridgeError(error)
    }
  }

  async function saveProfile(input: ProfileInput): Promise<SavedProfile> {
    const saved = await useDesk().call('profiles.save', input)
    const index = profiles.value.findIndex((p) => p.id === saved.id)
    if (index >= 0) profiles.value.splice(index, 1, saved)
    else profiles.value.push(saved)
    return saved
  }

  async function removeProfile(id: string): Promise<void> {
    await useDesk().call('profiles.remove', { id })
    profiles.value = profiles.value.filter((p) => p.id !== id)
  }

  return {
    session,
    ended,
    generation,
    epoch,
    expiringAt,
    initError,
    profiles,
    profilesStatus,
    profilesError,
    owner,
    signedIn,
    init,
    applyChange,
    signIn,
    signOut,
    dismissEnded,
    loadProfiles,
    saveProfile,
    removeProfile,
  }
})
