/** The profile and session commands of the bridge (shared/contracts/{profiles,session}.ts). */
import type { profilesContract } from '../../../shared/contracts/profiles'
import type { sessionContract } from '../../../shared/contracts/session'
import type { DomainHandlers } from '../dispatcher'
import type { ProfileStore } from './profiles'
import type { SessionService } from './session-service'

export function profilesCommands(profiles: ProfileStore, session: SessionService): DomainHandlers<typeof profilesContract> {
  return {
    'profiles.list': async () => profiles.list(),
    'profiles.save': async (input) => profiles.save(input),
    'profiles.remove': async ({ id }) => {
      if (session.current()?.profileId === id) await session.signOut()
      await profiles.remove(id)
      return null
    },
  }
}

export function sessionCommands(session: SessionService): DomainHandlers<typeof sessionContract> {
  return {
    'session.current': async () => session.current(),
    'session.signIn': async ({ profileId, credentials, remember }) => session.signIn(profileId, credentials, { remember }),
    'session.signOut': async () => {
      await session.signOut()
      return null
    },
  }
}
