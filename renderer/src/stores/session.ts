import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CommandArgs, ProfileInput } from '@shared/bridge'
import type { ProfileSummary, SessionChange, SessionEndReason, SessionInfo } from '@shared/domain'
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

export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null)
  const ended = ref<EndedSession | null>(null)
  /** Bumped on every new sign-in so open pages know to reload. */
  const generation = ref(0)
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
    desk.on('session.changed', applyChange)
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
    try {
      session.value = await desk.call('session.current', {})
      if (session.value) generation.value++
      initError.value = null
    } catch (error) {
      // Not fatal: the sign-in page shows what went wrong when it loads profiles.
      initError.value = toBridgeError(error)
    }
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

  function applyChange(change: SessionChange): void {
    if (change.session) {
      const previous = session.value
      session.value = change.session
      ended.value = null
      if (!previous || sessionOwner(previous) !== sessionOwner(change.session)) generation.value++
      return
    }
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

  async function signIn(profileId: string, credentials: SignInInput): Promise<SessionInfo> {
    const info = await useDesk().call('session.signIn', { profileId, credentials })
    // From no session to one always bumps `generation`, so pages behind the dialog reload.
    applyChange({ session: info })
    void loadProfiles() // lastAccount changed
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

  async function saveProfile(input: ProfileInput): Promise<ProfileSummary> {
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
