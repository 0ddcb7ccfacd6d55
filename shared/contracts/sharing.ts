/**
 * Sharing a device out of its home with another user: invitations, share tokens, who has
 * access, revoking; and, from the receiving side, accepting and dropping a shared device.
 */
import { z } from 'zod'
import { changed, command, contract, deviceId, id } from './define'
import { userId } from './members'

export const shareUserSchema = z.object({
  userId: z.string(),
  nickName: z.string(),
  /** Masked by the cloud ("139***5678"). */
  phoneNumber: z.string(),
  /** Unix seconds. */
  bindTime: z.number(),
})
export type ShareUser = z.infer<typeof shareUserSchema>

export const sharedDeviceSchema = z.object({ deviceId: z.string(), aliasName: z.string(), sharedAt: z.string() })
export type SharedDevice = z.infer<typeof sharedDeviceSchema>

export const shareTokenInfoSchema = z.object({
  deviceId: z.string(),
  aliasName: z.string(),
  fromUserId: z.string(),
  fromNickName: z.string(),
  /** '' until someone binds with it. */
  usedBy: z.string(),
  /** Unix seconds. */
  expireTime: z.number(),
})

const token = id

export const sharingContract = contract({
  /** Who the device is shared with (AppListShareDeviceUsers, every page). */
  'sharing.users': command(z.object({ deviceId }).strict(), z.array(shareUserSchema)),
  /** Invites a user to the device: the invitation reaches his inbox (AppSendShareDeviceInvite). */
  'sharing.invite': command(z.object({ deviceId, userId }).strict(), changed),
  /** A token to hand over as text, QR code or link (AppCreateShareDeviceToken). */
  'sharing.createToken': command(
    z.object({ familyId: id, deviceId }).strict(),
    z.object({ token: z.string(), link: z.string(), requestId: z.string() }),
  ),
  'sharing.describeToken': command(z.object({ token }).strict(), shareTokenInfoSchema),
  /** Takes a shared device with its token (AppBindUserShareDevice). */
  'sharing.accept': command(z.object({ token, deviceId }).strict(), changed),
  /** Ends a user's access to a device of the account's home (AppRemoveShareDeviceUser). */
  'sharing.revoke': command(z.object({ deviceId, userId }).strict(), changed),
  /** Devices others shared with the account (AppListUserShareDevices, every page). */
  'sharing.received': command(z.object({}).strict(), z.array(sharedDeviceSchema)),
  /** Gives back a device shared with the account (AppRemoveUserShareDevice). */
  'sharing.drop': command(z.object({ deviceId }).strict(), changed),
})
