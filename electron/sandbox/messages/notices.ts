/**
 * The notices family and sharing operations leave in inboxes. The reference's example
 * shows MsgType 200 "Member addition result notification" (Category 2) and MsgType 300
 * "Device sharing result notification" (Category 3, with the device's ProductId,
 * DeviceName and alias), with texts like `"jordan" adds "dylan" as a member of ...`;
 * the other MsgTypes below are sandbox choices in the same numbering (2xx family, 3xx
 * sharing). Invitations carry their token in Attachments so the invitee can accept.
 */
import type { Device, Family } from '../world/model'
import type { World } from '../world/world'
import { deliver } from './inbox'

export const MsgType = {
  MemberAdded: 200,
  FamilyInvitation: 201,
  MemberRemoved: 202,
  MemberExited: 203,
  FamilyDeleted: 204,
  DeviceShared: 300,
  DeviceShareInvitation: 301,
  DeviceShareEnded: 302,
} as const

const nick = (world: World, userId: string) => world.users.get(userId)?.nickName || userId

const familyFields = (family: Family) => ({ category: 2 as const, familyId: family.familyId, familyName: family.name })

const deviceFields = (device: Device) => ({
  category: 3 as const,
  productId: device.productId,
  deviceName: device.deviceName,
  deviceAlias: device.aliasName || device.deviceName,
})

/** Every member of the family (recipients of family notices, the actor included, as in the example). */
export const membersOf = (family: Family): string[] => [...family.members.keys()]

export function memberAdded(world: World, family: Family, inviterId: string, memberId: string, ms: number): void {
  deliver(world, membersOf(family), {
    ...familyFields(family),
    msgType: MsgType.MemberAdded,
    title: 'Member addition result notification',
    content: `"${nick(world, inviterId)}" adds "${nick(world, memberId)}" as a member of "${family.name}".`,
    fromUserId: inviterId,
    relateUserId: memberId,
  }, ms)
}

export function familyInvitation(world: World, family: Family, fromId: string, toId: string, shareToken: string, ms: number): void {
  deliver(world, [toId], {
    ...familyFields(family),
    msgType: MsgType.FamilyInvitation,
    title: 'Family invitation',
    content: `"${nick(world, fromId)}" invites you to join the family "${family.name}".`,
    fromUserId: fromId,
    relateUserId: toId,
    attachments: { ShareToken: shareToken },
  }, ms)
}

/** Sent before the member leaves the family, so he is told too. */
export function memberRemoved(world: World, family: Family, adminId: string, memberId: string, ms: number): void {
  deliver(world, membersOf(family), {
    ...familyFields(family),
    msgType: MsgType.MemberRemoved,
    title: 'Member removal notification',
    content: `"${nick(world, adminId)}" removes "${nick(world, memberId)}" from "${family.name}".`,
    fromUserId: adminId,
    relateUserId: memberId,
  }, ms)
}

export function memberExited(world: World, family: Family, memberId: string, ms: number): void {
  deliver(world, membersOf(family), {
    ...familyFields(family),
    msgType: MsgType.MemberExited,
    title: 'Member exit notification',
    content: `"${nick(world, memberId)}" has left "${family.name}".`,
    fromUserId: memberId,
    relateUserId: memberId,
  }, ms)
}

export function familyDeleted(world: World, family: Family, adminId: string, ms: number): void {
  deliver(world, membersOf(family), {
    ...familyFields(family),
    msgType: MsgType.FamilyDeleted,
    title: 'Family deletion notification',
    content: `"${nick(world, adminId)}" has deleted the family "${family.name}" and unbound its devices.`,
    fromUserId: adminId,
  }, ms)
}

export function deviceShareInvitation(world: World, device: Device, fromId: string, toId: string, shareDeviceToken: string, ms: number): void {
  deliver(world, [toId], {
    ...deviceFields(device),
    msgType: MsgType.DeviceShareInvitation,
    title: 'Device sharing invitation',
    content: `"${nick(world, fromId)}" shares the device "${device.aliasName || device.deviceName}" with you.`,
    fromUserId: fromId,
    relateUserId: toId,
    attachments: { ShareDeviceToken: shareDeviceToken, ProductId: device.productId, DeviceName: device.deviceName },
  }, ms)
}

/** To the sharer and the guest, as the example's notice (RelateUserID = the guest). */
export function deviceShared(world: World, device: Device, fromId: string, guestId: string, ms: number): void {
  deliver(world, [fromId, guestId], {
    ...deviceFields(device),
    msgType: MsgType.DeviceShared,
    title: 'Device sharing result notification',
    content: `"${nick(world, guestId)}" has successfully received the device "${device.aliasName || device.deviceName}" shared by "${nick(world, fromId)}". Now it can view and control the device.`,
    fromUserId: fromId,
    relateUserId: guestId,
  }, ms)
}

/** The guest gave the device back, or was removed by `byId`. */
export function deviceShareEnded(world: World, device: Device, byId: string, fromId: string, guestId: string, ms: number): void {
  const name = device.aliasName || device.deviceName
  const content = byId === guestId
    ? `"${nick(world, guestId)}" no longer uses the device "${name}" shared by "${nick(world, fromId)}".`
    : `"${nick(world, byId)}" stopped sharing the device "${name}" with "${nick(world, guestId)}".`
  deliver(world, [fromId, guestId, byId], {
    ...deviceFields(device),
    msgType: MsgType.DeviceShareEnded,
    title: 'Device sharing ended',
    content,
    fromUserId: byId,
    relateUserId: guestId,
  }, ms)
}
