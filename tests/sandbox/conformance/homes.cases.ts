/**
 * Conformance cases of accounts and homes: User Management, Family Management, Device
 * Sharing and Message Management. Each success request creates what it changes (scratch
 * families, rooms, shares), so the demo home other groups' cases use stays as generated.
 * The neighbour account plays the other user.
 */
import { NEIGHBOUR_ACCOUNT, type RunningSandbox } from '../../../electron/sandbox'
import { errorCode, signIn, tokenapi, type Json } from '../helpers'
import { payloadOf } from './context'
import type { ConformanceCase, ConformanceContext } from './types'

const NO_PERMISSION_TO_FAMILY = 'UnauthorizedOperation.NoPermissionToFamily'
const NO_PERMISSION = 'InvalidParameterValue.NoPermission'
const MISSING = 'ErrorRequiredParamNotFound'
const INVALID = 'InvalidParameterValue'

const neighbourTokens = new WeakMap<RunningSandbox, Promise<string>>()

/** A call as the neighbour; returns the payload, throws on an error answer. */
async function asNeighbour(ctx: ConformanceContext, action: string, params: Record<string, unknown> = {}): Promise<Json> {
  if (!neighbourTokens.has(ctx.sandbox)) neighbourTokens.set(ctx.sandbox, signIn(ctx.sandbox, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password))
  const body = await tokenapi(ctx.sandbox, await (neighbourTokens.get(ctx.sandbox) as Promise<string>), action, params)
  if (errorCode(body)) throw new Error(`${action} as the neighbour failed: ${JSON.stringify(body)}`)
  return payloadOf(body)
}

const familyNamed = (ctx: ConformanceContext, name: string) => {
  const found = [...ctx.sandbox.world.families.values()].find((f) => f.name === name)
  if (!found) throw new Error(`no family ${name}`)
  return found.familyId
}
const cottageId = (ctx: ConformanceContext) => familyNamed(ctx, 'Holiday cottage')
const flatId = (ctx: ConformanceContext) => familyNamed(ctx, "Neighbour's flat")

/** A device of the neighbour's flat (light, plug or camera), which the demo account cannot see. */
function flatDevice(ctx: ConformanceContext, kind: string): { ProductId: string; DeviceName: string } {
  const world = ctx.sandbox.world
  const device = world.devicesIn(flatId(ctx)).find((d) => world.products.get(d.productId)?.kind === kind)
  if (!device) throw new Error(`no ${kind} in the neighbour's flat`)
  return { ProductId: device.productId, DeviceName: device.deviceName }
}

function homeDevice(ctx: ConformanceContext, kind: string): { ProductId: string; DeviceName: string } {
  const device = ctx.device(kind)
  return { ProductId: device.productId, DeviceName: device.deviceName }
}

/** A family of the demo account's own, for cases that change families. */
async function scratchFamily(ctx: ConformanceContext, name: string): Promise<string> {
  return (await ctx.ok('AppCreateFamily', { Name: name, Address: 'Conformance Road' })).FamilyId as string
}

/** The demo account joins a fresh family of the neighbour's as an ordinary member. */
async function joinNeighbourFamily(ctx: ConformanceContext, name: string): Promise<string> {
  const familyId = (await asNeighbour(ctx, 'AppCreateFamily', { Name: name, Address: '' })).FamilyId as string
  const { ShareToken } = await asNeighbour(ctx, 'AppInviteMember', { FamilyId: familyId })
  await ctx.ok('AppJoinFamily', { ShareToken })
  return familyId
}

/** The owner side shares `device` and the guest side binds it (already bound is fine). */
async function share(
  ctx: ConformanceContext,
  owner: (action: string, params: Record<string, unknown>) => Promise<Json>,
  guest: (action: string, params: Record<string, unknown>) => Promise<Json>,
  device: { ProductId: string; DeviceName: string },
): Promise<void> {
  const { ShareDeviceToken } = await owner('AppCreateShareDeviceToken', device)
  try {
    await guest('AppBindUserShareDevice', { ShareDeviceToken, ...device })
  } catch (error) {
    if (!String(error).includes('DeviceBinded')) throw error
  }
}

const demoSharesWithNeighbour = (ctx: ConformanceContext, device: { ProductId: string; DeviceName: string }) =>
  share(ctx, (a, p) => ctx.ok(a, p), (a, p) => asNeighbour(ctx, a, p), device)
const neighbourSharesWithDemo = (ctx: ConformanceContext, device: { ProductId: string; DeviceName: string }) =>
  share(ctx, (a, p) => asNeighbour(ctx, a, p), (a, p) => ctx.ok(a, p), device)

const userCases: ConformanceCase[] = [
  {
    action: 'AppGetTokenByWeiXin',
    endpoint: 'appapi',
    request: () => ({ WxOpenID: '0123456789', NickName: 'tests', Avatar: 'http://example.com/path/to/avatar.jpg' }),
    negative: { what: 'a missing WxOpenID', request: () => ({ NickName: 'tests', Avatar: '' }), code: MISSING },
  },
  {
    action: 'AppLogoutUser',
    // A session of its own: logging out the suite's token would end every later case.
    request: async (ctx) => ({ AccessToken: await signIn(ctx.sandbox) }),
    negative: { what: 'an unknown AccessToken', request: () => ({ AccessToken: 'bf0000d098' }), code: 'InvalidParameterValue.InvalidAccessToken' },
  },
]

const familyCases: ConformanceCase[] = [
  {
    action: 'AppCreateFamily',
    request: () => ({ Name: 'family_name', Address: 'family_address' }),
    negative: { what: 'a missing Name', request: () => ({ Address: 'family_address' }), code: MISSING },
  },
  {
    action: 'AppDeleteFamily',
    request: async (ctx) => ({ Name: "XXX's family", FamilyId: await scratchFamily(ctx, "XXX's family") }),
    negative: { what: "another user's family", request: (ctx) => ({ Name: "Neighbour's flat", FamilyId: flatId(ctx) }), code: NO_PERMISSION_TO_FAMILY },
  },
  {
    action: 'AppModifyFamily',
    request: async (ctx) => ({ Name: 'family_name', Address: 'family_address', FamilyId: await scratchFamily(ctx, 'To modify') }),
    negative: {
      what: 'a family the caller is only an ordinary member of',
      request: (ctx) => ({ Name: 'Mine now', Address: '', FamilyId: cottageId(ctx) }),
      code: NO_PERMISSION_TO_FAMILY,
    },
  },
  {
    action: 'AppGetFamilyList',
    request: () => ({ Offset: 0, Limit: 2 }),
    negative: { what: 'a Limit above 50', request: () => ({ Offset: 0, Limit: 51 }), code: INVALID },
  },
  {
    action: 'AppDescribeFamily',
    request: (ctx) => ({ FamilyId: ctx.homeId }),
    negative: { what: "another user's family", request: (ctx) => ({ FamilyId: flatId(ctx) }), code: NO_PERMISSION_TO_FAMILY },
  },
  {
    action: 'AppCreateRoom',
    request: async (ctx) => ({ Name: 'name', FamilyId: await scratchFamily(ctx, 'Rooms to come') }),
    negative: { what: 'a missing FamilyId', request: () => ({ Name: 'name' }), code: MISSING },
  },
  {
    action: 'AppModifyRoom',
    request: async (ctx) => {
      const familyId = await scratchFamily(ctx, 'Room to rename')
      const { RoomId } = await ctx.ok('AppCreateRoom', { FamilyId: familyId, Name: 'Old name' })
      return { FamilyId: familyId, RoomId, Name: 'TestName' }
    },
    negative: {
      what: "a room of another user's family",
      request: (ctx) => ({ FamilyId: flatId(ctx), RoomId: ctx.sandbox.world.roomsOf(flatId(ctx))[0]?.roomId, Name: 'Mine' }),
      code: NO_PERMISSION_TO_FAMILY,
    },
  },
  {
    action: 'AppDeleteRoom',
    request: async (ctx) => {
      const familyId = await scratchFamily(ctx, 'Room to delete')
      const { RoomId } = await ctx.ok('AppCreateRoom', { FamilyId: familyId, Name: 'Doomed' })
      return { FamilyId: familyId, RoomId }
    },
    negative: { what: 'the default room "0"', request: (ctx) => ({ FamilyId: ctx.homeId, RoomId: '0' }), code: INVALID },
  },
  {
    action: 'AppGetRoomList',
    request: (ctx) => ({ FamilyId: ctx.homeId, Offset: 0, Limit: 2 }),
    negative: { what: 'a missing FamilyId', request: () => ({ Offset: 0, Limit: 2 }), code: MISSING },
  },
  {
    action: 'AppInviteMember',
    request: (ctx) => ({ FamilyId: ctx.homeId }),
    negative: { what: 'a family the caller does not administer', request: (ctx) => ({ FamilyId: cottageId(ctx) }), code: NO_PERMISSION_TO_FAMILY },
  },
  {
    action: 'AppJoinFamily',
    request: async (ctx) => {
      const familyId = (await asNeighbour(ctx, 'AppCreateFamily', { Name: 'Neighbour invites', Address: '' })).FamilyId
      return { ShareToken: (await asNeighbour(ctx, 'AppInviteMember', { FamilyId: familyId })).ShareToken }
    },
    negative: { what: 'an unknown ShareToken', request: () => ({ ShareToken: 'e0000000a1cf' }), code: INVALID },
  },
  {
    action: 'AppDeleteFamilyMember',
    request: async (ctx) => {
      const familyId = await scratchFamily(ctx, 'Member to remove')
      const { ShareToken } = await ctx.ok('AppInviteMember', { FamilyId: familyId })
      await asNeighbour(ctx, 'AppJoinFamily', { ShareToken })
      return { FamilyId: familyId, MemberId: NEIGHBOUR_ACCOUNT.userId }
    },
    negative: { what: 'a missing MemberId', request: (ctx) => ({ FamilyId: ctx.homeId }), code: MISSING },
  },
  {
    action: 'AppExitFamily',
    request: async (ctx) => ({ FamilyId: await joinNeighbourFamily(ctx, 'Family to exit') }),
    negative: { what: 'the administrator exiting his own family', request: (ctx) => ({ FamilyId: ctx.homeId }), code: INVALID },
  },
  {
    action: 'AppGetFamilyMemberList',
    // Limit 100 as the example asks (above the documented 50 it returns at most).
    request: (ctx) => ({ FamilyId: ctx.homeId, Offset: 0, Limit: 100 }),
    negative: { what: "another user's family", request: (ctx) => ({ FamilyId: flatId(ctx), Offset: 0, Limit: 10 }), code: NO_PERMISSION_TO_FAMILY },
  },
  {
    action: 'AppSendShareFamilyInvite',
    request: (ctx) => ({ FamilyId: ctx.homeId, ToUserID: NEIGHBOUR_ACCOUNT.userId }),
    negative: {
      what: 'a family the caller does not administer',
      request: (ctx) => ({ FamilyId: cottageId(ctx), ToUserID: NEIGHBOUR_ACCOUNT.userId }),
      code: NO_PERMISSION,
    },
  },
]

const sharingCases: ConformanceCase[] = [
  {
    action: 'AppSendShareDeviceInvite',
    request: (ctx) => ({ ...homeDevice(ctx, 'camera'), ToUserID: NEIGHBOUR_ACCOUNT.userId }),
    negative: { what: "another user's device", request: (ctx) => ({ ...flatDevice(ctx, 'light'), ToUserID: NEIGHBOUR_ACCOUNT.userId }), code: NO_PERMISSION },
  },
  {
    action: 'AppCreateShareDeviceToken',
    // Without FamilyId, as the example (the table requires it).
    request: (ctx) => homeDevice(ctx, 'light'),
    negative: { what: "another user's device", request: (ctx) => flatDevice(ctx, 'light'), code: NO_PERMISSION },
  },
  {
    action: 'AppDescribeShareDeviceToken',
    request: async (ctx) => ({ ShareDeviceToken: (await ctx.ok('AppCreateShareDeviceToken', homeDevice(ctx, 'light'))).ShareDeviceToken }),
    outputs: {
      skip: {
        AliasName: 'the table lists it top-level; the example (followed) has it inside ShareDeviceTokenInfo',
        IconUrl: 'the table lists it top-level; the example (followed) has it inside ShareDeviceTokenInfo',
      },
    },
    negative: { what: 'an unknown token', request: () => ({ ShareDeviceToken: '49d2b71dc58140000000a4c756d3ce9' }), code: 'InvalidParameterValue.InvalidShareDeviceToken' },
  },
  {
    action: 'AppBindUserShareDevice',
    request: async (ctx) => {
      const device = flatDevice(ctx, 'light')
      return { ...device, ShareDeviceToken: (await asNeighbour(ctx, 'AppCreateShareDeviceToken', device)).ShareDeviceToken }
    },
    negative: {
      what: 'an unknown token',
      request: (ctx) => ({ ...flatDevice(ctx, 'light'), ShareDeviceToken: '0820728466424d8f0000422ec06bd398' }),
      code: 'InvalidParameterValue.InvalidShareDeviceToken',
    },
  },
  {
    action: 'AppListUserShareDevices',
    request: async (ctx) => {
      await neighbourSharesWithDemo(ctx, flatDevice(ctx, 'plug'))
      return { Offset: 0, Limit: 10 }
    },
    negative: { what: 'a Limit above 100', request: () => ({ Offset: 0, Limit: 101 }), code: INVALID },
  },
  {
    action: 'AppRemoveUserShareDevice',
    request: async (ctx) => {
      await neighbourSharesWithDemo(ctx, flatDevice(ctx, 'camera'))
      return flatDevice(ctx, 'camera')
    },
    negative: { what: 'a device not shared with the caller', request: (ctx) => homeDevice(ctx, 'light'), code: 'InvalidParameterValue.AppDeviceNotExist' },
  },
  {
    action: 'AppListShareDeviceUsers',
    request: async (ctx) => {
      await demoSharesWithNeighbour(ctx, homeDevice(ctx, 'plug'))
      return { ...homeDevice(ctx, 'plug'), Offset: 0, Limit: 10 }
    },
    negative: { what: 'a missing ProductId', request: (ctx) => ({ DeviceName: homeDevice(ctx, 'plug').DeviceName, Offset: 0, Limit: 10 }), code: MISSING },
  },
  {
    action: 'AppRemoveShareDeviceUser',
    request: async (ctx) => {
      await demoSharesWithNeighbour(ctx, homeDevice(ctx, 'sensor'))
      return { RemoveUserId: NEIGHBOUR_ACCOUNT.userId, ...homeDevice(ctx, 'sensor') }
    },
    negative: {
      what: "another user's device",
      request: (ctx) => ({ RemoveUserId: NEIGHBOUR_ACCOUNT.userId, ...flatDevice(ctx, 'plug') }),
      code: NO_PERMISSION,
    },
  },
]

const messageCases: ConformanceCase[] = [
  {
    action: 'AppGetMessages',
    request: () => ({ Category: 2, MsgID: '', MsgTimestamp: 0, Limit: 5 }),
    outputs: { skip: { Listover: 'the table types it String; the example (followed) answers a boolean in Data' } },
    negative: { what: 'a missing Category', request: () => ({ MsgID: '', MsgTimestamp: 0, Limit: 5 }), code: MISSING },
  },
  {
    action: 'AppDeleteMessage',
    request: async (ctx) => {
      const { Msgs } = await ctx.ok('AppGetMessages', { Category: 2, Limit: 1 })
      if (!Msgs?.[0]) throw new Error('the demo account has no family message to delete')
      // A number, as the example sends it.
      return { MsgID: Number(Msgs[0].MsgID) }
    },
    negative: { what: 'a MsgID not in the inbox', request: () => ({ MsgID: '1633328834809856' }), code: 'InvalidParameterValue.MsgIDInvalid' },
  },
]

export const HOMES_CASES: ConformanceCase[] = [...userCases, ...familyCases, ...sharingCases, ...messageCases]
