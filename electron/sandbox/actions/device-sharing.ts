/**
 * Device Sharing: a member of a device's family shares it with another user through a
 * ShareDeviceToken (handed over by the app, or left in the user's inbox by
 * AppSendShareDeviceInvite); binding with it makes him a guest who reads and controls the
 * device (world.canRead) but does not administer it. Tokens live 7 days and bind once.
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { readPage } from '../api/paging'
import type { ParamValues } from '../api/params'
import { chinaRfc3339 } from '../../../shared/time/china-time'
import { deviceShared, deviceShareEnded, deviceShareInvitation } from '../messages/notices'
import type { Device } from '../world/model'
import { newShareToken, SHARE_TOKEN_LIFETIME_SECONDS, type DeviceGuest, type DeviceShareToken } from '../world/sharing'
import type { World } from '../world/world'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

/** Sandbox choices: the reference names the limits' errors, not the limits. */
export const MAX_GUESTS_PER_DEVICE = 10
export const MAX_SHARED_DEVICES_PER_USER = 50
/** "Pagination offset, starting from 0, maximum not exceeding 500"; "Default is 10. Max. 100." */
const MAX_OFFSET = 500
const MAX_LIMIT = 100
const DEFAULT_LIMIT = 10

const deviceIdOf = (params: ParamValues) => `${params.ProductId as string}/${params.DeviceName as string}`

/**
 * A device of one of the caller's families. Outsiders and guests get NoPermission, the
 * code this section's tables document, also for a device that does not exist (a caller
 * must not learn which devices exist elsewhere).
 */
function sharedByMe(world: World, userId: string, deviceId: string): Device {
  const device = world.devices.get(deviceId)
  if (!device || world.roleOf(userId, device.familyId) === undefined) {
    throw new ApiError(ErrorCode.NoPermissionToDevice, `No permission for device ${deviceId}.`)
  }
  return device
}

function issueToken(ctx: TokenCallContext, device: Device, toUserId?: string): DeviceShareToken {
  const now = Math.floor(ctx.nowMs / 1000)
  return ctx.cloud.world.sharing.addDeviceToken({
    token: newShareToken(),
    deviceId: device.deviceId,
    familyId: device.familyId,
    fromUserId: ctx.user.userId,
    ...(toUserId ? { toUserId } : {}),
    context: (ctx.params.TokenContext as string | undefined) ?? '',
    createTime: now,
    expireTime: now + SHARE_TOKEN_LIFETIME_SECONDS,
    userId: '',
    bindTime: 0,
  })
}

const appCreateShareDeviceToken: TokenApiAction = {
  action: 'AppCreateShareDeviceToken',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table requires FamilyId, the example omits it (docs/api-decisions.md §4.3): the device knows
  // its family, so it may be absent; when sent it must be the device's.
  params: catalogParams('AppCreateShareDeviceToken', { relax: ['FamilyId'] }),
  handle(ctx) {
    const device = sharedByMe(ctx.cloud.world, ctx.user.userId, deviceIdOf(ctx.params))
    const familyId = ctx.params.FamilyId as string | undefined
    if (familyId && familyId !== device.familyId) throw invalidParam(`Device ${device.deviceId} is not in family ${familyId}.`)
    return { ShareDeviceToken: issueToken(ctx, device).token }
  },
}

const appSendShareDeviceInvite: TokenApiAction = {
  action: 'AppSendShareDeviceInvite',
  endpoint: 'tokenapi',
  shape: 'flat',
  // ToUserId (table) or ToUserID (example).
  params: catalogParams('AppSendShareDeviceInvite'),
  handle(ctx) {
    const { world } = ctx.cloud
    const device = sharedByMe(world, ctx.user.userId, deviceIdOf(ctx.params))
    const toUserId = ctx.params.ToUserId as string
    if (!world.users.has(toUserId)) throw invalidParam(`User ${toUserId} does not exist.`)
    if (world.roleOf(toUserId, device.familyId) !== undefined) throw invalidParam(`User ${toUserId} is a member of the device's family.`)
    if (world.sharing.isGuest(toUserId, device.deviceId)) throw invalidParam(`Device ${device.deviceId} is already shared with user ${toUserId}.`)
    // No token is returned: it reaches the invitee's inbox (Attachments.ShareDeviceToken)
    // and only he may bind with it (AppBindUserShareDevice).
    const share = issueToken(ctx, device, toUserId)
    deviceShareInvitation(world, device, ctx.user.userId, toUserId, share.token, ctx.nowMs)
    return { Status: 'OK' }
  },
}

const appDescribeShareDeviceToken: TokenApiAction = {
  action: 'AppDescribeShareDeviceToken',
  endpoint: 'tokenapi',
  // The table lists AliasName and IconUrl top-level; the example has them inside
  // ShareDeviceTokenInfo, which is where the sandbox answers them.
  shape: 'flat',
  params: catalogParams('AppDescribeShareDeviceToken'),
  handle(ctx) {
    const { world } = ctx.cloud
    const share = liveToken(world, ctx.params.ShareDeviceToken as string, ctx.nowMs)
    const device = world.devices.get(share.deviceId) as Device
    const nick = (userId: string) => (userId ? (world.users.get(userId)?.nickName ?? '') : '')
    return {
      // UserId and UserNick stay "" until someone binds (the example's comment: the app
      // tells a bound token by a non-empty UserId); times in Unix seconds.
      ShareDeviceTokenInfo: {
        FromUserId: share.fromUserId,
        FromUserNick: nick(share.fromUserId),
        UserId: share.userId,
        UserNick: nick(share.userId),
        ProductId: device.productId,
        DeviceName: device.deviceName,
        AliasName: device.aliasName,
        IconUrl: device.iconUrl,
        BindTime: share.bindTime,
        ExpireTime: share.expireTime,
        CreateTime: share.createTime,
      },
    }
  },
}

/**
 * A token stops working with its device's move to another family, or when whoever created
 * it is no longer a member of that family (he could not share the device any more).
 */
function liveToken(world: World, token: string, nowMs: number): DeviceShareToken {
  const share = world.sharing.deviceToken(token, Math.floor(nowMs / 1000))
  const device = share && world.devices.get(share.deviceId)
  if (!share || device?.familyId !== share.familyId || world.roleOf(share.fromUserId, share.familyId) === undefined) {
    throw new ApiError(ErrorCode.InvalidShareDeviceToken, 'The device sharing Token is invalid.')
  }
  return share
}

const appBindUserShareDevice: TokenApiAction = {
  action: 'AppBindUserShareDevice',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppBindUserShareDevice'),
  handle(ctx) {
    const { world } = ctx.cloud
    const me = ctx.user.userId
    const share = liveToken(world, ctx.params.ShareDeviceToken as string, ctx.nowMs)
    if (share.deviceId !== deviceIdOf(ctx.params) || (share.toUserId && share.toUserId !== me)) {
      throw new ApiError(ErrorCode.InvalidShareDeviceToken, 'The device sharing Token is invalid for this device or user.')
    }
    const device = world.devices.get(share.deviceId) as Device
    checkBindable(world, device, share, me)
    const now = Math.floor(ctx.nowMs / 1000)
    share.userId = me
    share.bindTime = now
    world.sharing.addGuest({ deviceId: device.deviceId, userId: me, fromUserId: share.fromUserId, bindTime: now })
    deviceShared(world, device, share.fromUserId, me, ctx.nowMs)
    return { Status: 'OK' }
  },
}

function checkBindable(world: World, device: Device, share: DeviceShareToken, me: string): void {
  if (world.roleOf(me, device.familyId) !== undefined) {
    throw new ApiError(ErrorCode.CannotBindOwnDevice, 'Cannot bind a device of your own family.')
  }
  if (world.sharing.isGuest(me, device.deviceId)) {
    throw new ApiError(ErrorCode.DeviceBinded, 'The device has been bound to the current user.')
  }
  if (share.userId) throw new ApiError(ErrorCode.ShareDeviceTokenUsed, 'The device sharing Token has been used.')
  if (world.sharing.guestsOf(device.deviceId).length >= MAX_GUESTS_PER_DEVICE) {
    throw new ApiError(ErrorCode.DeviceShareExceededLimit, `A device is shared with at most ${MAX_GUESTS_PER_DEVICE} users.`)
  }
  if (world.sharing.sharedWith(me).length >= MAX_SHARED_DEVICES_PER_USER) {
    throw new ApiError(ErrorCode.UserBindExceedLimit, `A user binds at most ${MAX_SHARED_DEVICES_PER_USER} shared devices.`)
  }
}

function sharePage(params: ParamValues) {
  const page = readPage(params, MAX_LIMIT, DEFAULT_LIMIT)
  if (page.offset > MAX_OFFSET) throw invalidParam(`Offset must not exceed ${MAX_OFFSET}.`)
  return page
}

const appListUserShareDevices: TokenApiAction = {
  action: 'AppListUserShareDevices',
  endpoint: 'tokenapi',
  shape: 'flat',
  // Both marked required, yet Offset "starts from 0" and Limit "Default is 10".
  params: catalogParams('AppListUserShareDevices', { relax: ['Offset', 'Limit'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const page = sharePage(ctx.params)
    const shares = world.sharing.sharedWith(ctx.user.userId)
    const items = shares.slice(page.offset, page.offset + page.limit).map((g) => shareDeviceItem(world, g))
    return { ShareDevices: items, Total: shares.length }
  },
}

/** CreateTime is an RFC 3339 string here, unlike everywhere else (docs/api-decisions.md §4.6): when he bound it. */
function shareDeviceItem(world: World, guest: DeviceGuest): Record<string, unknown> {
  const device = world.devices.get(guest.deviceId) as Device
  return {
    ProductId: device.productId,
    DeviceName: device.deviceName,
    DeviceId: device.deviceId,
    AliasName: device.aliasName,
    IconUrl: device.iconUrl,
    CreateTime: chinaRfc3339(guest.bindTime * 1000),
  }
}

const appRemoveUserShareDevice: TokenApiAction = {
  action: 'AppRemoveUserShareDevice',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppRemoveUserShareDevice'),
  handle(ctx) {
    const { world } = ctx.cloud
    const me = ctx.user.userId
    const deviceId = deviceIdOf(ctx.params)
    const guest = world.sharing.guest(deviceId, me)
    const device = world.devices.get(deviceId)
    if (!guest || !device) throw new ApiError(ErrorCode.AppDeviceNotExist, 'No bound devices were found.')
    world.sharing.removeGuest(deviceId, me)
    deviceShareEnded(world, device, me, guest.fromUserId, me, ctx.nowMs)
    return { Status: 'OK' }
  },
}

const appListShareDeviceUsers: TokenApiAction = {
  action: 'AppListShareDeviceUsers',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppListShareDeviceUsers', { relax: ['Offset', 'Limit'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const device = sharedByMe(world, ctx.user.userId, deviceIdOf(ctx.params))
    const page = sharePage(ctx.params)
    const guests = world.sharing.guestsOf(device.deviceId)
    return { Users: guests.slice(page.offset, page.offset + page.limit).map((g) => shareUserItem(world, g)), Total: guests.length }
  },
}

function shareUserItem(world: World, guest: DeviceGuest): Record<string, unknown> {
  const user = world.users.get(guest.userId)
  return {
    UserId: guest.userId,
    CountryCode: user?.countryCode ?? '',
    PhoneNumber: maskPhone(user?.phoneNumber ?? ''),
    NickName: user?.nickName ?? '',
    Avatar: user?.avatar ?? '',
    BindTime: guest.bindTime,
  }
}

/** "139***5678", as the example masks it. */
export function maskPhone(phone: string): string {
  return phone.length >= 8 ? `${phone.slice(0, 3)}***${phone.slice(-4)}` : phone
}

const appRemoveShareDeviceUser: TokenApiAction = {
  action: 'AppRemoveShareDeviceUser',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppRemoveShareDeviceUser'),
  handle(ctx) {
    const { world } = ctx.cloud
    const device = sharedByMe(world, ctx.user.userId, deviceIdOf(ctx.params))
    const guestId = ctx.params.RemoveUserId as string
    const guest = world.sharing.guest(device.deviceId, guestId)
    if (!guest) throw new ApiError(ErrorCode.AppDeviceNotExist, `Device ${device.deviceId} is not shared with user ${guestId}.`)
    world.sharing.removeGuest(device.deviceId, guestId)
    deviceShareEnded(world, device, ctx.user.userId, guest.fromUserId, guestId, ctx.nowMs)
    return { Status: 'OK' }
  },
}

export const deviceSharingActions = [
  appSendShareDeviceInvite,
  appCreateShareDeviceToken,
  appDescribeShareDeviceToken,
  appBindUserShareDevice,
  appListUserShareDevices,
  appRemoveUserShareDevice,
  appListShareDeviceUsers,
  appRemoveShareDeviceUser,
]
