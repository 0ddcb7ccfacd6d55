/**
 * Kugou accounts on devices. Every device starts logged in to its owner's (VIP) Kugou
 * account, as a speaker set up in Tencent's app would be; user_logout logs that device out
 * for the user, and there is no documented way back in (Kugou logs in by a QR code scanned
 * on the device), so a logged-out device stays so until the sandbox restarts. The state
 * lives beside the World it belongs to and dies with it.
 */
import { hashKey } from '../sim/seed-hash'
import type { User } from '../world/model'
import type { World } from '../world/world'

const loggedOut = new WeakMap<World, Set<string>>()

export function isLoggedIn(world: World, userId: string, deviceId: string): boolean {
  return !loggedOut.get(world)?.has(`${userId}|${deviceId}`)
}

export function logOut(world: World, userId: string, deviceId: string): void {
  let set = loggedOut.get(world)
  if (!set) {
    set = new Set()
    loggedOut.set(world, set)
  }
  set.add(`${userId}|${deviceId}`)
}

export interface KugouAccount {
  userId: string
  nickname: string
  /** 0 none, 1 music package, 2 super VIP. */
  vipType: number
  /** Unix seconds. */
  vipEndTime: number
}

const YEAR = 365 * 86_400

/** The user's Kugou account: a 9-digit id from the seed, VIP for two years from sign-up. */
export function kugouAccountOf(seed: number, user: Readonly<User>): KugouAccount {
  const key = hashKey(seed, 'kugou-user', user.userId)
  return {
    userId: String(100_000_000 + (key % 900_000_000)),
    nickname: user.nickName || `kugou_${key % 10_000}`,
    vipType: 1 + (key % 2),
    vipEndTime: user.createTime + 2 * YEAR,
  }
}
