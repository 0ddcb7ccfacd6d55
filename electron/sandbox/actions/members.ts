/**
 * Family Management (members): invitations, joining, removal, exit and the member list.
 * Administrators (role 1) invite and remove; whoever joins is an ordinary member (role 0).
 * A ShareToken lives 7 days, as the reference's share tokens do.
 */
import { ErrorCode, invalidParam } from '../api/errors'
import { readPage } from '../api/paging'
import { familyInvitation, memberAdded, memberExited, memberRemoved } from '../messages/notices'
import type { Family, User } from '../world/model'
import { newShareToken, SHARE_TOKEN_LIFETIME_SECONDS, type FamilyInvitation } from '../world/sharing'
import type { World } from '../world/world'
import { administeredFamily, readableFamily } from './access'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

const appInviteMember: TokenApiAction = {
  action: 'AppInviteMember',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppInviteMember'),
  handle(ctx) {
    const family = administeredFamily(ctx.cloud.world, ctx.user.userId, ctx.params.FamilyId as string)
    // Meant to be passed on to WeChat friends: anyone holding it may join until it expires.
    const invitation = invite(ctx, family)
    return { ShareToken: invitation.token }
  },
}

function invite(ctx: TokenCallContext, family: Family, toUserId?: string): FamilyInvitation {
  const now = Math.floor(ctx.nowMs / 1000)
  return ctx.cloud.world.sharing.addFamilyInvitation({
    token: newShareToken(),
    familyId: family.familyId,
    fromUserId: ctx.user.userId,
    ...(toUserId ? { toUserId } : {}),
    createTime: now,
    expireTime: now + SHARE_TOKEN_LIFETIME_SECONDS,
  })
}

const appSendShareFamilyInvite: TokenApiAction = {
  action: 'AppSendShareFamilyInvite',
  endpoint: 'tokenapi',
  shape: 'flat',
  // ToUserId as the table spells it, ToUserID as the example does (catalogParams takes both).
  params: catalogParams('AppSendShareFamilyInvite'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string, ErrorCode.NoPermissionToShareFamily)
    const invitee = existingUser(world, ctx.params.ToUserId as string)
    if (family.members.has(invitee.userId)) throw invalidParam(`User ${invitee.userId} is already a member of family ${family.familyId}.`)
    // The reference returns no token here: the invitation reaches the invitee's inbox with
    // its ShareToken in Attachments, redeemable by him alone, once, with AppJoinFamily.
    const invitation = invite(ctx, family, invitee.userId)
    familyInvitation(world, family, ctx.user.userId, invitee.userId, invitation.token, ctx.nowMs)
    return {}
  },
}

function existingUser(world: World, userId: string): User {
  const user = world.users.get(userId)
  if (!user) throw invalidParam(`User ${userId} does not exist.`)
  return user
}

const appJoinFamily: TokenApiAction = {
  action: 'AppJoinFamily',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppJoinFamily'),
  handle(ctx) {
    const { world } = ctx.cloud
    const me = ctx.user.userId
    const invitation = world.sharing.familyInvitation(ctx.params.ShareToken as string, Math.floor(ctx.nowMs / 1000))
    const family = invitation && world.families.get(invitation.familyId)
    if (!invitation || !family || (invitation.toUserId && invitation.toUserId !== me)) {
      throw invalidParam('ShareToken is invalid or has expired.')
    }
    if (family.members.has(me)) throw invalidParam(`You are already a member of family ${family.familyId}.`)
    family.members.set(me, 0)
    if (invitation.toUserId) world.sharing.dropFamilyInvitation(invitation.token)
    memberAdded(world, family, invitation.fromUserId, me, ctx.nowMs)
    return {}
  },
}

const appDeleteFamilyMember: TokenApiAction = {
  action: 'AppDeleteFamilyMember',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table marks FamilyId optional, but a user may belong to several families.
  params: catalogParams('AppDeleteFamilyMember', { require: ['FamilyId'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const memberId = ctx.params.MemberId as string
    if (memberId === ctx.user.userId) throw invalidParam('An administrator cannot remove himself; delete the family instead.')
    if (!family.members.has(memberId)) throw invalidParam(`User ${memberId} is not a member of family ${family.familyId}.`)
    memberRemoved(world, family, ctx.user.userId, memberId, ctx.nowMs)
    family.members.delete(memberId)
    return {}
  },
}

const appExitFamily: TokenApiAction = {
  action: 'AppExitFamily',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppExitFamily'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = readableFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    // Not documented; the family would be left without an administrator, so the sandbox
    // refuses with InvalidParameterValue, the only such code the table lists.
    if (family.members.get(ctx.user.userId) === 1) {
      throw invalidParam('The administrator cannot exit the family; delete it instead.')
    }
    memberExited(world, family, ctx.user.userId, ctx.nowMs)
    family.members.delete(ctx.user.userId)
    return {}
  },
}

/** "Maximum returns 50 items"; the example itself asks with Limit 100, so up to 100 is accepted. */
const MAX_MEMBERS_RETURNED = 50
const MAX_MEMBERS_LIMIT = 100

const appGetFamilyMemberList: TokenApiAction = {
  action: 'AppGetFamilyMemberList',
  endpoint: 'tokenapi',
  // The example answers with no Response envelope at all (docs/api-decisions.md §3): answered literally,
  // as every documented-mode answer follows its example; the app's client reads both.
  shape: 'bare',
  params: catalogParams('AppGetFamilyMemberList'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = readableFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const page = readPage(ctx.params, MAX_MEMBERS_LIMIT)
    const members = [...family.members.entries()]
    const slice = members.slice(page.offset, page.offset + Math.min(page.limit, MAX_MEMBERS_RETURNED))
    return { MemberList: slice.map(([userId, role]) => memberItem(world, userId, role)), Total: members.length }
  },
}

function memberItem(world: World, userId: string, role: number): Record<string, unknown> {
  const user = world.users.get(userId)
  return { UserID: userId, NickName: user?.nickName ?? '', Avatar: user?.avatar ?? '', Role: role }
}

export const memberActions = [appInviteMember, appSendShareFamilyInvite, appJoinFamily, appDeleteFamilyMember, appExitFamily, appGetFamilyMemberList]
