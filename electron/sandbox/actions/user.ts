/**
 * User Management: sign-in and sign-out. AppGetToken is not in the reference (Tencent's
 * own apps sign in with it on appapi: Type=phone with CountryCode + PhoneNumber + Password,
 * Type=email with Email + Password), so its parameters are declared here.
 */
import { ApiError, ErrorCode, invalidParam, missingParam } from '../api/errors'
import type { ParamRule } from '../api/params'
import type { User } from '../world/model'
import { catalogParams, type AppApiAction, type CallContext, type TokenApiAction } from './registry'

const str = (name: string, required = false): ParamRule => ({ name, type: 'String', kind: 'string', required })

const appGetToken: AppApiAction = {
  action: 'AppGetToken',
  endpoint: 'appapi',
  // Answered like AppGetTokenByWeiXin: Token and ExpireAt under Response.Data.
  shape: 'data',
  params: [str('Type', true), str('Email'), str('CountryCode'), str('PhoneNumber'), str('Password', true)],
  handle(ctx) {
    const user = findAccount(ctx)
    if (user.password !== ctx.params.Password) {
      throw new ApiError(ErrorCode.PasswordError, 'The password is incorrect.')
    }
    return tokenPayload(ctx, user)
  },
}

function findAccount(ctx: CallContext): User {
  const { world } = ctx.cloud
  const p = ctx.params as Record<string, string | undefined>
  let user: User | undefined
  if (p.Type === 'email') {
    if (!p.Email) throw missingParam('Email')
    user = world.findUserByEmail(p.Email)
  } else if (p.Type === 'phone') {
    if (!p.CountryCode) throw missingParam('CountryCode')
    if (!p.PhoneNumber) throw missingParam('PhoneNumber')
    user = world.findUserByPhone(p.CountryCode, p.PhoneNumber)
  } else {
    throw invalidParam(`Type must be 'phone' or 'email', not '${p.Type}'.`)
  }
  // The reference's AppGetTokenByWeiXin failure example: "account does not exist".
  if (!user) throw new ApiError(ErrorCode.UserNotExists, 'account does not exist')
  return user
}

/** Nickname length the sandbox accepts (the reference names the error, not the limit). */
const MAX_NICKNAME = 64

const appGetTokenByWeiXin: AppApiAction = {
  action: 'AppGetTokenByWeiXin',
  endpoint: 'appapi',
  shape: 'data',
  params: catalogParams('AppGetTokenByWeiXin'),
  handle(ctx) {
    const p = ctx.params as { WxOpenID: string; Nickname: string; Avatar: string }
    const length = [...p.Nickname].length
    if (length < 1 || length > MAX_NICKNAME) {
      throw new ApiError(ErrorCode.NickNameLengthInvalid, `Nickname must be 1 to ${MAX_NICKNAME} characters.`)
    }
    if (!p.WxOpenID) throw invalidParam('WxOpenID must not be empty.')
    const user = ctx.cloud.world.findUserByWxOpenId(p.WxOpenID) ?? registerWeChatUser(ctx, p)
    user.nickName = p.Nickname
    user.avatar = p.Avatar
    return tokenPayload(ctx, user)
  },
}

/** First WeChat sign-in registers the account, and it gets a family of its own. */
function registerWeChatUser(ctx: CallContext, p: { WxOpenID: string; Nickname: string; Avatar: string }): User {
  const { world } = ctx.cloud
  const now = Math.floor(ctx.nowMs / 1000)
  const user = world.addUser({
    userId: world.nextUserId(),
    nickName: p.Nickname,
    avatar: p.Avatar,
    wxOpenId: p.WxOpenID,
    createTime: now,
  })
  const family = world.createFamily(user.userId, 'My home', '', now)
  for (const room of ['Living room', 'Bedroom']) world.createRoom(family.familyId, room, now)
  return user
}

function tokenPayload(ctx: CallContext, user: User): { Token: string; ExpireAt: number } {
  const session = ctx.cloud.sessions.issue(user.userId)
  return { Token: session.token, ExpireAt: session.expireAt }
}

const appLogoutUser: TokenApiAction = {
  action: 'AppLogoutUser',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppLogoutUser'),
  handle(ctx) {
    ctx.cloud.sessions.revoke(ctx.session.token)
    return { Data: 'OK' }
  },
}

export const userActions = [appGetToken, appGetTokenByWeiXin, appLogoutUser]
