/** The member commands of the bridge (shared/contracts/members.ts): who is in a home. */
import type { membersContract } from '../../../shared/contracts/members'
import { invitationShape, memberListShape } from '../api/answers/home'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import { fetchAllPages } from '../api/paging'
import type { DomainHandlers } from '../dispatcher'
import { joinLink } from '../sharing/share-link'

/** The reference returns at most 50 members a page. */
const MEMBER_PAGE = 50

export function membersCommands(call: CloudCall): DomainHandlers<typeof membersContract> {
  const change = async (action: string, params: Params) => ({ requestId: (await call(action, params)).requestId })
  return {
    'members.list': async ({ familyId }) => {
      const list = await fetchAllPages(async (Offset, Limit) => {
        const action = 'AppGetFamilyMemberList'
        const page = readAnswer(memberListShape, await call(action, { FamilyId: familyId, Offset, Limit }), action)
        return { items: page.MemberList, total: page.Total }
      }, MEMBER_PAGE)
      return list.map((m) => ({ userId: m.UserID || m.UserId, nickName: m.NickName, role: m.Role }))
    },
    'members.invite': ({ familyId, userId }) => change('AppSendShareFamilyInvite', { FamilyId: familyId, ToUserId: userId }),
    'members.invitation': async ({ familyId }) => {
      const reply = await call('AppInviteMember', { FamilyId: familyId })
      const shareToken = readAnswer(invitationShape, reply, 'AppInviteMember').ShareToken
      return { shareToken, link: joinLink(shareToken), requestId: reply.requestId }
    },
    'members.join': ({ shareToken }) => change('AppJoinFamily', { ShareToken: shareToken }),
    'members.remove': ({ familyId, userId }) => change('AppDeleteFamilyMember', { FamilyId: familyId, MemberId: userId }),
    'members.leave': ({ familyId }) => change('AppExitFamily', { FamilyId: familyId }),
  }
}
