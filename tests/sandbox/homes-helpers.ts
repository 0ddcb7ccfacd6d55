/** Users and calls for the accounts-and-homes tests (homes, sharing, messages). */
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { payloadOf } from './conformance/context'
import { appapi, errorCode, signIn, tokenapi, testClock, withSandbox, type Json } from './helpers'

export interface Actor {
  token: string
  userId: string
}

export interface Homes {
  sb: RunningSandbox
  clock: ReturnType<typeof testClock>
  demo: Actor
  neighbour: Actor
}

/**
 * A quiet sandbox (no fleet simulation, so inboxes only change when a test makes them)
 * on a movable clock; sessions outlive the 7-day share tokens the tests let expire.
 */
export async function startHomes(options: Parameters<typeof withSandbox>[0] = {}): Promise<Homes> {
  const clock = testClock()
  const sb = await withSandbox({ clock: clock.now, simulate: false, tokenTtlSeconds: 30 * 86_400, ...options })
  const demo = { token: await signIn(sb), userId: DEMO_ACCOUNT.userId }
  const neighbour = { token: await signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password), userId: NEIGHBOUR_ACCOUNT.userId }
  return { sb, clock, demo, neighbour }
}

/** Registers (first WeChat sign-in) a user with neither families nor shares in common. */
export async function wechatUser(sb: RunningSandbox, openId: string): Promise<Actor> {
  const json = await appapi(sb, 'AppGetTokenByWeiXin', { WxOpenID: openId, NickName: openId, Avatar: '' })
  const token = json.Response?.Data?.Token
  const user = [...sb.world.users.values()].find((u) => u.wxOpenId === openId)
  if (typeof token !== 'string' || !user) throw new Error(`WeChat sign-in failed: ${JSON.stringify(json)}`)
  return { token, userId: user.userId }
}

/** The payload of a successful call (Response, Data merged); throws on an error answer. */
export async function ok(sb: RunningSandbox, who: Actor, action: string, params: Record<string, unknown> = {}): Promise<Json> {
  const body = await tokenapi(sb, who.token, action, params)
  if (errorCode(body)) throw new Error(`${action} failed: ${JSON.stringify(body)}`)
  return payloadOf(body)
}

/** The error code a call answers with (undefined on success). */
export async function codeOf(sb: RunningSandbox, who: Actor, action: string, params: Record<string, unknown> = {}): Promise<string | undefined> {
  return errorCode(await tokenapi(sb, who.token, action, params))
}

export function familyId(sb: RunningSandbox, name: string): string {
  const family = [...sb.world.families.values()].find((f) => f.name === name)
  if (!family) throw new Error(`no family ${name}`)
  return family.familyId
}

/** A device of a family by product kind, as {ProductId, DeviceName, deviceId}. */
export function deviceOf(sb: RunningSandbox, family: string, kind: string) {
  const device = sb.world.devicesIn(familyId(sb, family)).find((d) => sb.world.products.get(d.productId)?.kind === kind)
  if (!device) throw new Error(`no ${kind} in ${family}`)
  return { ProductId: device.productId, DeviceName: device.deviceName, deviceId: device.deviceId }
}

/** Messages of a category, newest first (one page of up to 100). */
export async function inbox(sb: RunningSandbox, who: Actor, category: number): Promise<Json[]> {
  return (await ok(sb, who, 'AppGetMessages', { Category: category, Limit: 100 })).Msgs as Json[]
}

/** `owner` shares the device with `guest` through a fresh token. */
export async function shareDevice(sb: RunningSandbox, owner: Actor, guest: Actor, device: { ProductId: string; DeviceName: string }): Promise<string> {
  const ids = { ProductId: device.ProductId, DeviceName: device.DeviceName }
  const { ShareDeviceToken } = await ok(sb, owner, 'AppCreateShareDeviceToken', ids)
  await ok(sb, guest, 'AppBindUserShareDevice', { ...ids, ShareDeviceToken })
  return ShareDeviceToken as string
}

/** `member` joins the family through an administrator's AppInviteMember token. */
export async function join(sb: RunningSandbox, admin: Actor, member: Actor, family: string): Promise<void> {
  const { ShareToken } = await ok(sb, admin, 'AppInviteMember', { FamilyId: family })
  await ok(sb, member, 'AppJoinFamily', { ShareToken })
}
