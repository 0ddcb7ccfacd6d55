/** The people of a home: who is in it with which role, inviting, removing, joining, leaving. */
import { z } from 'zod'
import { changed, command, contract, id } from './define'

/** 1 administrator, 0 member. */
export const memberSchema = z.object({ userId: z.string(), nickName: z.string(), role: z.number() })
export type Member = z.infer<typeof memberSchema>

/** A user id as the cloud hands them out: no spaces. */
export const userId = id.regex(/^\S+$/, 'a user id has no spaces')
/** An invitation token to pass on; anyone holding it joins the home until it expires. */
export const shareToken = id

export const membersContract = contract({
  'members.list': command(z.object({ familyId: id }).strict(), z.array(memberSchema)),
  /** Invites a known user: the invitation reaches his inbox (AppSendShareFamilyInvite). */
  'members.invite': command(z.object({ familyId: id, userId }).strict(), changed),
  /** An invitation to hand over, for someone the cloud cannot be asked to reach (AppInviteMember). */
  'members.invitation': command(z.object({ familyId: id }).strict(), z.object({ shareToken: z.string(), link: z.string(), requestId: z.string() })),
  /** Joins a home with an invitation's token (AppJoinFamily). */
  'members.join': command(z.object({ shareToken }).strict(), changed),
  'members.remove': command(z.object({ familyId: id, userId }).strict(), changed),
  /** Leaves a home the account is a member of (AppExitFamily). */
  'members.leave': command(z.object({ familyId: id }).strict(), changed),
})
