/** What the home, room, member and device-sharing actions answer. */
import { z } from 'zod'
import { int, listOf, optInt, optStr, str } from './read'

export const createdFamilyShape = z.object({ FamilyId: str })
export const createdRoomShape = z.object({ RoomId: str })

/** The table spells the id UserID; accept UserId too. */
export const memberListShape = z.object({
  MemberList: listOf(z.object({ UserID: optStr, UserId: optStr, NickName: optStr, Role: optInt })),
  Total: optInt,
})

export const invitationShape = z.object({ ShareToken: str })

export const shareTokenShape = z.object({ ShareDeviceToken: str })

export const shareUsersShape = z.object({
  Users: listOf(z.object({ UserId: str, NickName: optStr, PhoneNumber: optStr, BindTime: optInt })),
  Total: optInt,
})

export const userShareDevicesShape = z.object({
  ShareDevices: listOf(z.object({ DeviceId: optStr, ProductId: str, DeviceName: str, AliasName: optStr, CreateTime: optStr })),
  Total: optInt,
})

/** The table lists AliasName top-level, the example inside ShareDeviceTokenInfo: read both. */
export const shareTokenInfoShape = z.object({
  ShareDeviceTokenInfo: z.object({
    FromUserId: optStr,
    FromUserNick: optStr,
    UserId: optStr,
    ProductId: str,
    DeviceName: str,
    AliasName: optStr,
    ExpireTime: int.optional().default(0),
  }),
  AliasName: optStr,
})
