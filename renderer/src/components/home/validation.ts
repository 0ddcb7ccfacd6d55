/**
 * The checks the Home page's forms make before anything is sent: each answers null (fine)
 * or the message to show (an i18n key of `home.invalid` and its values). They mirror what
 * the cloud would refuse, so wrong input changes nothing and says why in the user's language.
 */
import type { Member } from '@shared/contracts/members'
import type { ShareUser } from '@shared/contracts/sharing'
import type { Room } from '@shared/domain'

export interface Problem {
  key: string
  values?: Record<string, string>
}

export const MAX_NAME = 64
export const MAX_ADDRESS = 256

const length = (text: string) => [...text.trim()].length

export function checkName(name: string): Problem | null {
  const n = length(name)
  return n < 1 || n > MAX_NAME ? { key: 'name' } : null
}

export function checkAddress(address: string): Problem | null {
  return length(address) > MAX_ADDRESS ? { key: 'address' } : null
}

export function checkRoomName(name: string, rooms: readonly Room[], self?: string): Problem | null {
  const trimmed = name.trim()
  return checkName(name) ?? (rooms.some((r) => r.name === trimmed && r.roomId !== self) ? { key: 'roomTaken', values: { name: trimmed } } : null)
}

export type InviteMethod = 'userId' | 'phone' | 'email'

const PHONE = /^\+?\d[\d -]{4,19}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function checkUserId(value: string): Problem | null {
  const id = value.trim()
  return id.length === 0 || id.length > 128 || /\s/.test(id) ? { key: 'userId' } : null
}

export function checkInvite(method: InviteMethod, value: string, members: readonly Member[]): Problem | null {
  const contact = value.trim()
  if (method === 'phone') return PHONE.test(contact) ? null : { key: 'phone' }
  if (method === 'email') return EMAIL.test(contact) ? null : { key: 'email' }
  return checkUserId(contact) ?? (members.some((m) => m.userId === contact) ? { key: 'alreadyMember', values: { userId: contact } } : null)
}

export function checkShareInvite(deviceId: string, deviceName: string, value: string, users: readonly ShareUser[], members: readonly Member[]): Problem | null {
  if (!deviceId) return { key: 'device' }
  const userId = value.trim()
  const problem = checkUserId(userId)
  if (problem) return problem
  if (members.some((m) => m.userId === userId)) return { key: 'isMember', values: { userId } }
  return users.some((u) => u.userId === userId) ? { key: 'alreadyShared', values: { userId, device: deviceName } } : null
}
