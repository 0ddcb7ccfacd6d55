/** Family Management over loopback HTTP: families, rooms, members and invitations. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_ROOM_ID } from '../../electron/sandbox'
import { errorCode, T0, tokenapi, type Json } from './helpers'
import { codeOf, deviceOf, familyId, inbox, join, ok, shareDevice, startHomes, wechatUser, type Homes } from './homes-helpers'

const NO_PERMISSION_TO_FAMILY = 'UnauthorizedOperation.NoPermissionToFamily'
const INVALID = 'InvalidParameterValue'
const MISSING = 'ErrorRequiredParamNotFound'

let h: Homes
beforeEach(async () => {
  h = await startHomes()
})
afterEach(() => h.sb.close())

const names = (list: Json[], key: string) => list.map((item) => item[key])
const familyNames = async (who = h.demo) => names((await ok(h.sb, who, 'AppGetFamilyList', { Limit: 50 })).FamilyList, 'Name')

describe('families', () => {
  it('creates a family its creator administers, empty, answering Response.Data.FamilyId', async () => {
    const body = await tokenapi(h.sb, h.demo.token, 'AppCreateFamily', { Name: ' Beach house ', Address: '3 Shore Road' })
    const id = body.Response.Data.FamilyId
    expect(id).toMatch(/^f_[0-9a-f]{32}$/)
    const listed = (await ok(h.sb, h.demo, 'AppGetFamilyList', { Limit: 50 })).FamilyList.find((f: Json) => f.FamilyId === id)
    expect(listed).toEqual({ FamilyId: id, Name: 'Beach house', Role: 1, CreateTime: T0 / 1000, UpdateTime: T0 / 1000 })
    expect(await ok(h.sb, h.demo, 'AppDescribeFamily', { FamilyId: id })).toMatchObject({ FamilyName: 'Beach house', Address: '3 Shore Road' })
    expect((await ok(h.sb, h.demo, 'AppGetRoomList', { FamilyId: id })).Total).toBe(0)
    expect((await ok(h.sb, h.demo, 'AppGetFamilyDeviceList', { FamilyId: id })).Total).toBe(0)
    expect(await codeOf(h.sb, h.demo, 'AppCreateFamily', { Name: '  ', Address: '' })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppCreateFamily', { Name: 'x'.repeat(65), Address: '' })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppCreateFamily', { Name: 'No address' })).toBe(MISSING)
  })

  it('lets only its administrator modify a family, all fields at once', async () => {
    const home = familyId(h.sb, 'Home')
    h.clock.advance(60_000)
    await ok(h.sb, h.demo, 'AppModifyFamily', { FamilyId: home, Name: 'Main home', Address: '9 New Street' })
    const described = await ok(h.sb, h.demo, 'AppDescribeFamily', { FamilyId: home })
    expect(described).toMatchObject({ FamilyName: 'Main home', Address: '9 New Street', UpdateTime: T0 / 1000 + 60 })
    expect(await codeOf(h.sb, h.demo, 'AppModifyFamily', { FamilyId: home, Name: 'Main home' })).toBe(MISSING)
    const change = (id: string) => ({ FamilyId: id, Name: 'Mine', Address: '' })
    expect(await codeOf(h.sb, h.demo, 'AppModifyFamily', change(familyId(h.sb, 'Holiday cottage')))).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.neighbour, 'AppModifyFamily', change(home))).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.demo, 'AppModifyFamily', change('f_nope'))).toBe('ResourceNotFound.StudioFamilyNotExist')
  })

  it('deletes a family: rooms and devices go, shares end, members are told', async () => {
    const office = familyId(h.sb, 'Office')
    const devices = h.sb.world.devicesIn(office).map((d) => d.deviceId)
    const rooms = h.sb.world.roomsOf(office).map((r) => r.roomId)
    expect(devices.length).toBeGreaterThan(0)
    await join(h.sb, h.demo, h.neighbour, office)
    const guest = await wechatUser(h.sb, 'office-guest')
    await shareDevice(h.sb, h.demo, guest, deviceOf(h.sb, 'Office', 'light'))

    expect(await codeOf(h.sb, h.demo, 'AppDeleteFamily', { FamilyId: office, Name: 'Home' })).toBe(INVALID)
    expect(await codeOf(h.sb, h.neighbour, 'AppDeleteFamily', { FamilyId: office, Name: 'Office' })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await ok(h.sb, h.demo, 'AppDeleteFamily', { FamilyId: office, Name: 'Office' })).toEqual({ RequestId: expect.any(String) })

    expect(await codeOf(h.sb, h.demo, 'AppDescribeFamily', { FamilyId: office })).toBe('ResourceNotFound.StudioFamilyNotExist')
    expect(await familyNames()).toEqual(['Home', 'Holiday cottage'])
    expect(await familyNames(h.neighbour)).toEqual(['Holiday cottage', "Neighbour's flat"])
    expect(rooms.some((id) => h.sb.world.rooms.has(id))).toBe(false)
    expect(devices.some((id) => h.sb.world.devices.has(id))).toBe(false)
    expect(await codeOf(h.sb, h.demo, 'AppGetDeviceStatuses', { DeviceIds: [devices[0]] })).toBe('ResourceNotFound.DeviceNotExist')
    expect((await ok(h.sb, guest, 'AppListUserShareDevices', { Offset: 0, Limit: 10 })).Total).toBe(0)
    const [notice] = await inbox(h.sb, h.neighbour, 2)
    expect(notice).toMatchObject({ Category: 2, MsgType: 204, FamilyId: office, FamilyName: 'Office', FromUserID: h.demo.userId })
  })
})

describe('rooms', () => {
  it('creates and renames rooms with unique names; the default room is not one', async () => {
    const home = familyId(h.sb, 'Home')
    const created = await tokenapi(h.sb, h.demo.token, 'AppCreateRoom', { FamilyId: home, Name: 'Garage' })
    const roomId = created.Response.Data.RoomId
    expect(roomId).toMatch(/^r_[0-9a-f]{32}$/)
    const rooms = await ok(h.sb, h.demo, 'AppGetRoomList', { FamilyId: home, Limit: 50 })
    expect(rooms.Total).toBe(6)
    expect(rooms.RoomList.at(-1)).toEqual({ RoomId: roomId, RoomName: 'Garage', DeviceNum: 0, CreateTime: T0 / 1000, UpdateTime: T0 / 1000 })
    expect(await codeOf(h.sb, h.demo, 'AppCreateRoom', { FamilyId: home, Name: 'Kitchen' })).toBe(INVALID)

    h.clock.advance(5_000)
    await ok(h.sb, h.demo, 'AppModifyRoom', { FamilyId: home, RoomId: roomId, Name: 'Workshop' })
    const renamed = (await ok(h.sb, h.demo, 'AppGetRoomList', { FamilyId: home, Limit: 50 })).RoomList.at(-1)
    expect(renamed).toMatchObject({ RoomId: roomId, RoomName: 'Workshop', UpdateTime: T0 / 1000 + 5 })
    expect(await codeOf(h.sb, h.demo, 'AppModifyRoom', { FamilyId: home, RoomId: roomId })).toBe(MISSING)
    expect(await codeOf(h.sb, h.demo, 'AppModifyRoom', { FamilyId: home, RoomId: roomId, Name: 'Kitchen' })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppModifyRoom', { FamilyId: home, RoomId: DEFAULT_ROOM_ID, Name: 'Hall' })).toBe(INVALID)
    const officeRoom = h.sb.world.roomsOf(familyId(h.sb, 'Office'))[0]!.roomId
    expect(await codeOf(h.sb, h.demo, 'AppModifyRoom', { FamilyId: home, RoomId: officeRoom, Name: 'Hall' })).toBe(INVALID)
  })

  it('deleting a room moves its devices to the default room "0"', async () => {
    const home = familyId(h.sb, 'Home')
    const room = [...h.sb.world.roomsOf(home)].sort((a, b) => h.sb.world.devicesIn(home, b.roomId).length - h.sb.world.devicesIn(home, a.roomId).length)[0]!
    const moved = h.sb.world.devicesIn(home, room.roomId).map((d) => d.deviceId)
    expect(moved.length).toBeGreaterThan(0)
    await ok(h.sb, h.demo, 'AppDeleteRoom', { FamilyId: home, RoomId: room.roomId })
    const rooms = await ok(h.sb, h.demo, 'AppGetRoomList', { FamilyId: home, Limit: 50 })
    expect(names(rooms.RoomList, 'RoomId')).not.toContain(room.roomId)
    expect(rooms.Total).toBe(4)
    const unassigned = (await ok(h.sb, h.demo, 'AppGetFamilyDeviceList', { FamilyId: home, RoomId: DEFAULT_ROOM_ID, Limit: 50 })).DeviceList
    expect(names(unassigned, 'DeviceId')).toEqual(expect.arrayContaining(moved))
    expect(unassigned.every((d: Json) => d.RoomId === '0')).toBe(true)
    expect(await codeOf(h.sb, h.demo, 'AppDeleteRoom', { FamilyId: home, RoomId: room.roomId })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppDeleteRoom', { FamilyId: home, RoomId: DEFAULT_ROOM_ID })).toBe(INVALID)
  })

  it('lets only administrators manage rooms', async () => {
    const cottage = familyId(h.sb, 'Holiday cottage')
    const cottageRoom = h.sb.world.roomsOf(cottage)[0]!.roomId
    expect(await codeOf(h.sb, h.demo, 'AppCreateRoom', { FamilyId: cottage, Name: 'Attic' })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.demo, 'AppModifyRoom', { FamilyId: cottage, RoomId: cottageRoom, Name: 'Attic' })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.demo, 'AppDeleteRoom', { FamilyId: cottage, RoomId: cottageRoom })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.neighbour, 'AppCreateRoom', { FamilyId: familyId(h.sb, 'Home'), Name: 'Attic' })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(h.sb.world.rooms.has(cottageRoom)).toBe(true)
  })
})

describe('members', () => {
  it('joins with an AppInviteMember ShareToken as an ordinary member who then reads the family', async () => {
    const home = familyId(h.sb, 'Home')
    const { ShareToken } = await ok(h.sb, h.demo, 'AppInviteMember', { FamilyId: home })
    expect(ShareToken).toMatch(/^[0-9a-f]{32}$/)
    expect(await codeOf(h.sb, h.neighbour, 'AppDescribeFamily', { FamilyId: home })).toBe(NO_PERMISSION_TO_FAMILY)
    await ok(h.sb, h.neighbour, 'AppJoinFamily', { ShareToken })

    const body = await tokenapi(h.sb, h.neighbour.token, 'AppGetFamilyMemberList', { FamilyId: home, Offset: 0, Limit: 100 })
    expect(body.Response).toBeUndefined()
    expect(body).toEqual({
      MemberList: [
        { UserID: h.demo.userId, NickName: 'Demo installer', Avatar: '', Role: 1 },
        { UserID: h.neighbour.userId, NickName: 'Neighbour', Avatar: '', Role: 0 },
      ],
      Total: 2,
      RequestId: expect.any(String),
    })
    expect((await ok(h.sb, h.neighbour, 'AppGetFamilyList')).FamilyList.find((f: Json) => f.FamilyId === home)?.Role).toBe(0)
    expect((await ok(h.sb, h.neighbour, 'AppGetFamilyDeviceList', { FamilyId: home })).Total).toBe(h.sb.world.devicesIn(home).length)
    expect(await codeOf(h.sb, h.neighbour, 'AppJoinFamily', { ShareToken })).toBe(INVALID)
    for (const [action, params] of [
      ['AppInviteMember', {}],
      ['AppModifyFamily', { Name: 'Ours', Address: '' }],
      ['AppDeleteFamilyMember', { MemberId: h.demo.userId }],
    ] as const) {
      expect(await codeOf(h.sb, h.neighbour, action, { FamilyId: home, ...params }), action).toBe(NO_PERMISSION_TO_FAMILY)
    }
    const [notice] = await inbox(h.sb, h.demo, 2)
    expect(notice).toMatchObject({ MsgType: 200, MsgTitle: 'Member addition result notification', FromUserID: h.demo.userId, RelateUserID: h.neighbour.userId, FamilyName: 'Home' })
  })

  it('keeps a ShareToken open to anyone for 7 days, then refuses it', async () => {
    const home = familyId(h.sb, 'Home')
    const { ShareToken } = await ok(h.sb, h.demo, 'AppInviteMember', { FamilyId: home })
    await ok(h.sb, await wechatUser(h.sb, 'early'), 'AppJoinFamily', { ShareToken })
    h.clock.advance(7 * 86_400_000 - 1000)
    await ok(h.sb, await wechatUser(h.sb, 'just-in-time'), 'AppJoinFamily', { ShareToken })
    h.clock.advance(1000)
    expect(await codeOf(h.sb, await wechatUser(h.sb, 'late'), 'AppJoinFamily', { ShareToken })).toBe(INVALID)
    expect(await codeOf(h.sb, h.neighbour, 'AppJoinFamily', { ShareToken: 'e0000000a1cf' })).toBe(INVALID)
  })

  it('lets an administrator remove a member, who loses access', async () => {
    const home = familyId(h.sb, 'Home')
    await join(h.sb, h.demo, h.neighbour, home)
    const device = h.sb.world.devicesIn(home)[0]!
    await ok(h.sb, h.neighbour, 'AppGetDeviceStatuses', { DeviceIds: [device.deviceId] })
    await ok(h.sb, h.demo, 'AppDeleteFamilyMember', { FamilyId: home, MemberId: h.neighbour.userId })
    expect(await codeOf(h.sb, h.neighbour, 'AppDescribeFamily', { FamilyId: home })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.neighbour, 'AppGetDeviceStatuses', { DeviceIds: [device.deviceId] })).toBe('InvalidParameterValue.NoPermission')
    expect((await ok(h.sb, h.demo, 'AppGetFamilyMemberList', { FamilyId: home })).Total).toBe(1)
    expect((await inbox(h.sb, h.neighbour, 2))[0]).toMatchObject({ MsgType: 202, RelateUserID: h.neighbour.userId })
    expect(await codeOf(h.sb, h.demo, 'AppDeleteFamilyMember', { FamilyId: home, MemberId: h.neighbour.userId })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppDeleteFamilyMember', { FamilyId: home, MemberId: h.demo.userId })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppDeleteFamilyMember', { MemberId: h.neighbour.userId })).toBe(MISSING)
  })

  it('lets a member exit and lose access, but not the administrator', async () => {
    const cottage = familyId(h.sb, 'Holiday cottage')
    const device = h.sb.world.devicesIn(cottage)[0]!
    await ok(h.sb, h.demo, 'AppExitFamily', { FamilyId: cottage })
    expect(await familyNames()).toEqual(['Home', 'Office'])
    expect(await codeOf(h.sb, h.demo, 'AppDescribeFamily', { FamilyId: cottage })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.demo, 'AppGetDeviceStatuses', { DeviceIds: [device.deviceId] })).toBe('InvalidParameterValue.NoPermission')
    expect(await codeOf(h.sb, h.demo, 'AppExitFamily', { FamilyId: cottage })).toBe(NO_PERMISSION_TO_FAMILY)
    expect(await codeOf(h.sb, h.neighbour, 'AppExitFamily', { FamilyId: cottage })).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppExitFamily', { FamilyId: familyId(h.sb, 'Home') })).toBe(INVALID)
    expect((await inbox(h.sb, h.neighbour, 2))[0]).toMatchObject({ MsgType: 203, FromUserID: h.demo.userId, FamilyId: cottage })
  })

  it('AppSendShareFamilyInvite leaves an invitation only the invitee redeems, once', async () => {
    const home = familyId(h.sb, 'Home')
    const stranger = await wechatUser(h.sb, 'stranger')
    // The example's spelling ToUserID, and the table's ToUserId.
    expect(await ok(h.sb, h.demo, 'AppSendShareFamilyInvite', { FamilyId: home, ToUserID: h.neighbour.userId })).toEqual({ RequestId: expect.any(String) })
    await ok(h.sb, h.demo, 'AppSendShareFamilyInvite', { FamilyId: home, ToUserId: stranger.userId })
    const [invitation] = await inbox(h.sb, h.neighbour, 2)
    expect(invitation).toMatchObject({ Category: 2, MsgType: 201, FamilyId: home, FamilyName: 'Home', FromUserID: h.demo.userId, UserID: h.neighbour.userId })
    const token = invitation!.Attachments.ShareToken
    expect(await codeOf(h.sb, stranger, 'AppJoinFamily', { ShareToken: token })).toBe(INVALID)
    await ok(h.sb, h.neighbour, 'AppJoinFamily', { ShareToken: token })
    await ok(h.sb, h.demo, 'AppDeleteFamilyMember', { FamilyId: home, MemberId: h.neighbour.userId })
    expect(await codeOf(h.sb, h.neighbour, 'AppJoinFamily', { ShareToken: token })).toBe(INVALID)

    const invite = (who: typeof h.demo, family: string, to: string) => codeOf(h.sb, who, 'AppSendShareFamilyInvite', { FamilyId: family, ToUserID: to })
    expect(await invite(h.demo, home, h.demo.userId)).toBe(INVALID)
    expect(await invite(h.demo, home, '999999999')).toBe(INVALID)
    expect(await invite(h.demo, familyId(h.sb, 'Holiday cottage'), stranger.userId)).toBe('InvalidParameterValue.NoPermission')
    expect(await invite(h.demo, familyId(h.sb, "Neighbour's flat"), stranger.userId)).toBe('InvalidParameterValue.NoPermission')
    expect(await codeOf(h.sb, h.demo, 'AppSendShareFamilyInvite', { FamilyId: home })).toBe(MISSING)
  })

  it('pages the member list (at most 50 per answer) in both envelopes', async () => {
    const home = familyId(h.sb, 'Home')
    await join(h.sb, h.demo, h.neighbour, home)
    const page = await tokenapi(h.sb, h.demo.token, 'AppGetFamilyMemberList', { FamilyId: home, Offset: 1, Limit: 1 })
    expect(page.MemberList.map((m: Json) => m.UserID)).toEqual([h.neighbour.userId])
    expect(page.Total).toBe(2)
    expect(errorCode(await tokenapi(h.sb, h.demo.token, 'AppGetFamilyMemberList', { FamilyId: home, Limit: 101 }))).toBe(INVALID)
    expect(await codeOf(h.sb, h.demo, 'AppGetFamilyMemberList', { FamilyId: familyId(h.sb, "Neighbour's flat") })).toBe(NO_PERMISSION_TO_FAMILY)

    const wrapped = await startHomes({ envelope: 'wrapped' })
    try {
      const body = await tokenapi(wrapped.sb, wrapped.demo.token, 'AppGetFamilyMemberList', { FamilyId: familyId(wrapped.sb, 'Home') })
      expect(body).toMatchObject({ code: 0, msg: '', data: { Total: 1, MemberList: [{ UserID: wrapped.demo.userId, Role: 1 }] } })
    } finally {
      await wrapped.sb.close()
    }
  })
})
