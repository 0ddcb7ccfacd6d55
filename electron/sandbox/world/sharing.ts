/**
 * Invitations and shares: family ShareTokens (AppInviteMember, AppSendShareFamilyInvite),
 * device ShareDeviceTokens (AppCreateShareDeviceToken, AppSendShareDeviceInvite) and the
 * per-device guest lists they lead to (AppBindUserShareDevice). A guest reads and
 * controls a shared device but does not administer it. Times are Unix seconds.
 */
import { randomBytes } from 'node:crypto'

/** The reference's AppDescribeShareDeviceToken example: ExpireTime - CreateTime = 604800 s. */
export const SHARE_TOKEN_LIFETIME_SECONDS = 7 * 86_400

export interface FamilyInvitation {
  token: string
  familyId: string
  /** The administrator who invited. */
  fromUserId: string
  /** Set by AppSendShareFamilyInvite: only this user may redeem it, once. */
  toUserId?: string
  createTime: number
  expireTime: number
}

export interface DeviceShareToken {
  token: string
  deviceId: string
  familyId: string
  fromUserId: string
  /** Set by AppSendShareDeviceInvite: only this user may bind with it. */
  toUserId?: string
  /** AppCreateShareDeviceToken's TokenContext, kept as given. */
  context: string
  createTime: number
  expireTime: number
  /** The guest who bound with it ("" before), and when (0 before). */
  userId: string
  bindTime: number
}

export interface DeviceGuest {
  deviceId: string
  userId: string
  /** Who shared the device with him. */
  fromUserId: string
  bindTime: number
}

/**
 * Tokens are random, not seeded: like AccessTokens they are credentials, and drawing them
 * from the world's PRNG would shift every id generated after them.
 */
export function newShareToken(): string {
  return randomBytes(16).toString('hex')
}

export class SharingState {
  private readonly familyInvitations = new Map<string, FamilyInvitation>()
  private readonly deviceTokens = new Map<string, DeviceShareToken>()
  /** deviceId -> userId -> guest, in bind order. */
  private readonly guestsByDevice = new Map<string, Map<string, DeviceGuest>>()

  // --- family invitations --------------------------------------------------------------

  addFamilyInvitation(invitation: FamilyInvitation): FamilyInvitation {
    this.familyInvitations.set(invitation.token, invitation)
    return invitation
  }

  /** A live invitation (undefined when unknown or expired at `now`). */
  familyInvitation(token: string, now: number): FamilyInvitation | undefined {
    const invitation = this.familyInvitations.get(token)
    if (invitation && invitation.expireTime <= now) this.familyInvitations.delete(token)
    return invitation && invitation.expireTime > now ? invitation : undefined
  }

  dropFamilyInvitation(token: string): void {
    this.familyInvitations.delete(token)
  }

  // --- device share tokens -------------------------------------------------------------

  addDeviceToken(token: DeviceShareToken): DeviceShareToken {
    this.deviceTokens.set(token.token, token)
    return token
  }

  /** A live device share token (undefined when unknown or expired at `now`). */
  deviceToken(token: string, now: number): DeviceShareToken | undefined {
    const found = this.deviceTokens.get(token)
    if (found && found.expireTime <= now) this.deviceTokens.delete(token)
    return found && found.expireTime > now ? found : undefined
  }

  // --- guests --------------------------------------------------------------------------

  addGuest(guest: DeviceGuest): DeviceGuest {
    let guests = this.guestsByDevice.get(guest.deviceId)
    if (!guests) this.guestsByDevice.set(guest.deviceId, (guests = new Map()))
    guests.set(guest.userId, guest)
    return guest
  }

  /** True if the user was a guest of the device. */
  removeGuest(deviceId: string, userId: string): boolean {
    return this.guestsByDevice.get(deviceId)?.delete(userId) ?? false
  }

  guest(deviceId: string, userId: string): DeviceGuest | undefined {
    return this.guestsByDevice.get(deviceId)?.get(userId)
  }

  isGuest(userId: string, deviceId: string): boolean {
    return this.guestsByDevice.get(deviceId)?.has(userId) ?? false
  }

  guestsOf(deviceId: string): DeviceGuest[] {
    return [...(this.guestsByDevice.get(deviceId)?.values() ?? [])]
  }

  /** The devices shared with a user, oldest share first. */
  sharedWith(userId: string): DeviceGuest[] {
    const out: DeviceGuest[] = []
    for (const guests of this.guestsByDevice.values()) {
      const guest = guests.get(userId)
      if (guest) out.push(guest)
    }
    return out.sort((a, b) => a.bindTime - b.bindTime)
  }

  /** A device left the world (unbound, family deleted): its guests and tokens go with it. */
  forgetDevice(deviceId: string): void {
    this.guestsByDevice.delete(deviceId)
    for (const [token, share] of this.deviceTokens) if (share.deviceId === deviceId) this.deviceTokens.delete(token)
  }

  /** A family was deleted: its invitations die with it. */
  forgetFamily(familyId: string): void {
    for (const [token, invitation] of this.familyInvitations) {
      if (invitation.familyId === familyId) this.familyInvitations.delete(token)
    }
  }
}
