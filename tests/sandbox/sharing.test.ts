/** Device Sharing over loopback HTTP: tokens, guests, lists, removal and invitations. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_GUESTS_PER_DEVICE } from '../../electron/sandbox/actions/device-sharing'
import { T0, type Json } from './helpers'
import { codeOf, deviceOf, familyId, inbox, ok, shareDevice, startHomes, wechatUser, type Homes } from './homes-helpers'

const NO_PERMISSION = 'InvalidParameterValue.NoPermission'
const INVALID_TOKEN = 'InvalidParameterValue.InvalidShareDeviceToken'
const NOT_FOUND = 'InvalidParameterValue.AppDeviceNotExist'

let h: Homes
let light: ReturnType<typeof deviceOf>
const ids = (d: { ProductId: string; DeviceName: string }) => ({ ProductId: d.ProductId, DeviceName: d.DeviceName })

beforeEach(async () => {
  h = await startHomes()
  light = deviceOf(h.sb, 'Home', 'light')
})
afterEach(() => h.sb.close())

describe('share tokens', () => {
  it('describes a token: who shares what, unbound until bound, 7 days of life, in seconds', async () => {
    const { ShareDeviceToken } = await ok(h.sb, h.demo, 'AppCreateShareDeviceToken', { FamilyId: familyId(h.sb, 'Home'), ...ids(light), TokenContext: 'for a friend' })
    expect(ShareDeviceToken).toMatch(/^[0-9a-f]{32}$/)
    const alias = h.sb.world.devices.get(light.deviceId)!.aliasName
    const before = (await ok(h.sb, h.neighbour, 'AppDescribeShareDeviceToken', { ShareDeviceToken })).ShareDeviceTokenInfo
    expect(before).toEqual({
      FromUserId: h.demo.userId, FromUserNick: 'Demo installer', UserId: '', UserNick: '',
      ...ids(light), AliasName: alias, IconUrl: '', BindTime: 0,
      CreateTime: T0 / 1000, ExpireTime: T0 / 1000 + 604_800,
    })
    h.clock.advance(30_000)
    await ok(h.sb, h.neighbour, 'AppBindUserShareDevice', { ShareDeviceToken, ...ids(light) })
    const after = (await ok(h.sb, h.demo, 'AppDescribeShareDeviceToken', { ShareDeviceToken })).ShareDeviceTokenInfo
    expect(after).toMatchObject({ UserId: h.neighbour.userId, UserNick: 'Neighbour', BindTime: T0 / 1000 + 30 })
    expect(await codeOf(h.sb, h.demo, 'AppDescribeShareDeviceToken', { ShareDeviceToken: 'nope' })).toBe(INVALID_TOKEN)
  })

  it('only members of the device family share it (FamilyId may be left out, must match if sent)', async () => {
    const flatLight = deviceOf(h.sb, "Neighbour's flat", 'light')
    expect(await codeOf(h.sb, h.demo, 'AppCreateShareDeviceToken', ids(flatLight))).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.demo, 'AppCreateShareDeviceToken', { ProductId: light.ProductId, DeviceName: 'missing' })).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.demo, 'AppCreateShareDeviceToken', { ...ids(light), FamilyId: familyId(h.sb, 'Office') })).toBe('InvalidParameterValue')
    // An ordinary member of the cottage may share its devices.
    const cottageDevice = h.sb.world.devicesIn(familyId(h.sb, 'Holiday cottage'))[0]!
    await ok(h.sb, h.demo, 'AppCreateShareDeviceToken', { ProductId: cottageDevice.productId, DeviceName: cottageDevice.deviceName })
  })

  it('refuses foreign, own, repeated, used and expired tokens with the documented codes', async () => {
    const create = async () => (await ok(h.sb, h.demo, 'AppCreateShareDeviceToken', ids(light))).ShareDeviceToken as string
    const bind = (who: typeof h.demo, token: string, device = light) => codeOf(h.sb, who, 'AppBindUserShareDevice', { ShareDeviceToken: token, ...ids(device) })
    const first = await create()
    expect(await bind(h.neighbour, first, deviceOf(h.sb, 'Home', 'plug'))).toBe(INVALID_TOKEN)
    expect(await bind(h.demo, first)).toBe('InvalidParameterValue.CannotBindOwnDevice')
    expect(await bind(h.neighbour, first)).toBeUndefined()
    expect(await bind(h.neighbour, await create())).toBe('InvalidParameterValue.DeviceBinded')
    expect(await bind(await wechatUser(h.sb, 'late-comer'), first)).toBe('InvalidParameterValue.ShareDeviceTokenUsed')
    const expiring = await create()
    h.clock.advance(7 * 86_400_000)
    expect(await bind(await wechatUser(h.sb, 'too-late'), expiring)).toBe(INVALID_TOKEN)
    expect(await codeOf(h.sb, h.demo, 'AppDescribeShareDeviceToken', { ShareDeviceToken: expiring })).toBe(INVALID_TOKEN)
  })

  it('dies with its creator leaving the family', async () => {
    const cottage = familyId(h.sb, 'Holiday cottage')
    const device = h.sb.world.devicesIn(cottage)[0]!
    const cottageIds = { ProductId: device.productId, DeviceName: device.deviceName }
    const { ShareDeviceToken } = await ok(h.sb, h.demo, 'AppCreateShareDeviceToken', cottageIds)
    await ok(h.sb, h.demo, 'AppExitFamily', { FamilyId: cottage })
    const guest = await wechatUser(h.sb, 'guest')
    expect(await codeOf(h.sb, guest, 'AppBindUserShareDevice', { ShareDeviceToken, ...cottageIds })).toBe(INVALID_TOKEN)
  })

  it(`caps a device at ${MAX_GUESTS_PER_DEVICE} users`, async () => {
    for (let i = 0; i < MAX_GUESTS_PER_DEVICE; i++) await shareDevice(h.sb, h.demo, await wechatUser(h.sb, `guest-${i}`), light)
    const { ShareDeviceToken } = await ok(h.sb, h.demo, 'AppCreateShareDeviceToken', ids(light))
    expect(await codeOf(h.sb, h.neighbour, 'AppBindUserShareDevice', { ShareDeviceToken, ...ids(light) })).toBe('InvalidParameterValue.DeviceShareExceededLimit')
    expect((await ok(h.sb, h.demo, 'AppListShareDeviceUsers', { ...ids(light), Offset: 0, Limit: 100 })).Total).toBe(MAX_GUESTS_PER_DEVICE)
  })
})

describe('guests', () => {
  it('read and control a shared device but do not administer it or see its family', async () => {
    expect(await codeOf(h.sb, h.neighbour, 'AppGetDeviceStatuses', { DeviceIds: [light.deviceId] })).toBe(NO_PERMISSION)
    await shareDevice(h.sb, h.demo, h.neighbour, light)
    const status = await ok(h.sb, h.neighbour, 'AppGetDeviceStatuses', { DeviceIds: [light.deviceId] })
    expect(status.DeviceStatuses[0].DeviceId).toBe(light.deviceId)
    expect(typeof (await ok(h.sb, h.neighbour, 'AppGetDeviceData', ids(light))).Data).toBe('string')
    expect(await codeOf(h.sb, h.neighbour, 'AppCreateShareDeviceToken', ids(light))).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.neighbour, 'AppListShareDeviceUsers', { ...ids(light), Offset: 0, Limit: 10 })).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.neighbour, 'AppSendShareDeviceInvite', { ...ids(light), ToUserId: h.demo.userId })).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.neighbour, 'AppDescribeFamily', { FamilyId: familyId(h.sb, 'Home') })).toBe('UnauthorizedOperation.NoPermissionToFamily')
  })

  it('list the devices shared with them, CreateTime in RFC 3339 (+08:00), paged', async () => {
    const plug = deviceOf(h.sb, 'Home', 'plug')
    await shareDevice(h.sb, h.demo, h.neighbour, light)
    h.clock.advance(90_000)
    await shareDevice(h.sb, h.demo, h.neighbour, plug)
    const all = await ok(h.sb, h.neighbour, 'AppListUserShareDevices', { Offset: 0, Limit: 10 })
    expect(all.Total).toBe(2)
    expect(all.ShareDevices[0]).toEqual({
      ...ids(light), DeviceId: light.deviceId, AliasName: h.sb.world.devices.get(light.deviceId)!.aliasName, IconUrl: '',
      CreateTime: '2025-01-01T08:00:00+08:00',
    })
    expect(all.ShareDevices[1]).toMatchObject({ DeviceId: plug.deviceId, CreateTime: '2025-01-01T08:01:30+08:00' })
    const second = await ok(h.sb, h.neighbour, 'AppListUserShareDevices', { Offset: 1, Limit: 1 })
    expect(second.ShareDevices.map((d: Json) => d.DeviceId)).toEqual([plug.deviceId])
    expect((await ok(h.sb, h.neighbour, 'AppListUserShareDevices')).ShareDevices).toHaveLength(2)
    expect(await codeOf(h.sb, h.neighbour, 'AppListUserShareDevices', { Offset: 0, Limit: 101 })).toBe('InvalidParameterValue')
    expect(await codeOf(h.sb, h.neighbour, 'AppListUserShareDevices', { Offset: 501, Limit: 10 })).toBe('InvalidParameterValue')
    expect((await ok(h.sb, h.demo, 'AppListUserShareDevices', { Offset: 0, Limit: 10 })).Total).toBe(0)
  })

  it('give a shared device back, and then no longer read it', async () => {
    await shareDevice(h.sb, h.demo, h.neighbour, light)
    expect(await ok(h.sb, h.neighbour, 'AppRemoveUserShareDevice', ids(light))).toMatchObject({ Status: 'OK' })
    expect((await ok(h.sb, h.neighbour, 'AppListUserShareDevices', { Offset: 0, Limit: 10 })).Total).toBe(0)
    expect(await codeOf(h.sb, h.neighbour, 'AppGetDeviceStatuses', { DeviceIds: [light.deviceId] })).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.neighbour, 'AppRemoveUserShareDevice', ids(light))).toBe(NOT_FOUND)
    expect((await inbox(h.sb, h.demo, 3))[0]).toMatchObject({ MsgType: 302, FromUserID: h.neighbour.userId, RelateUserID: h.neighbour.userId })
  })
})

describe('the sharing side', () => {
  it('lists the users of a device with masked phone numbers and removes one, who loses access', async () => {
    h.clock.advance(1_000)
    await shareDevice(h.sb, h.demo, h.neighbour, light)
    const users = await ok(h.sb, h.demo, 'AppListShareDeviceUsers', { ...ids(light), Offset: 0, Limit: 10 })
    expect(users).toMatchObject({ Total: 1, Users: [{ UserId: h.neighbour.userId, CountryCode: '86', PhoneNumber: '138***0001', NickName: 'Neighbour', Avatar: '', BindTime: T0 / 1000 + 1 }] })
    expect(await codeOf(h.sb, h.neighbour, 'AppRemoveShareDeviceUser', { RemoveUserId: h.neighbour.userId, ...ids(light) })).toBe(NO_PERMISSION)
    expect(await ok(h.sb, h.demo, 'AppRemoveShareDeviceUser', { RemoveUserId: h.neighbour.userId, ...ids(light) })).toMatchObject({ Status: 'OK' })
    expect(await codeOf(h.sb, h.neighbour, 'AppGetDeviceStatuses', { DeviceIds: [light.deviceId] })).toBe(NO_PERMISSION)
    expect(await codeOf(h.sb, h.demo, 'AppRemoveShareDeviceUser', { RemoveUserId: h.neighbour.userId, ...ids(light) })).toBe(NOT_FOUND)
    expect((await ok(h.sb, h.demo, 'AppListShareDeviceUsers', { ...ids(light), Offset: 0, Limit: 10 })).Users).toEqual([])
    expect((await inbox(h.sb, h.neighbour, 3))[0]).toMatchObject({ MsgType: 302, FromUserID: h.demo.userId, ...ids(light) })
  })

  it('AppSendShareDeviceInvite leaves a token only the invitee binds; both are told of the result', async () => {
    const stranger = await wechatUser(h.sb, 'stranger')
    expect(await ok(h.sb, h.demo, 'AppSendShareDeviceInvite', { ...ids(light), ToUserID: h.neighbour.userId })).toMatchObject({ Status: 'OK' })
    const [invitation] = await inbox(h.sb, h.neighbour, 3)
    expect(invitation).toMatchObject({ Category: 3, MsgType: 301, FromUserID: h.demo.userId, ...ids(light) })
    const token = invitation!.Attachments.ShareDeviceToken
    expect(await codeOf(h.sb, stranger, 'AppBindUserShareDevice', { ShareDeviceToken: token, ...ids(light) })).toBe(INVALID_TOKEN)
    await ok(h.sb, h.neighbour, 'AppBindUserShareDevice', { ShareDeviceToken: token, ...ids(light) })
    for (const who of [h.demo, h.neighbour]) {
      expect((await inbox(h.sb, who, 3))[0]).toMatchObject({ MsgType: 300, MsgTitle: 'Device sharing result notification', FromUserID: h.demo.userId, RelateUserID: h.neighbour.userId })
    }
    const invite = (to: string, device = light) => codeOf(h.sb, h.demo, 'AppSendShareDeviceInvite', { ...ids(device), ToUserId: to })
    expect(await invite(h.neighbour.userId)).toBe('InvalidParameterValue')
    expect(await invite(h.demo.userId)).toBe('InvalidParameterValue')
    expect(await invite('999999999')).toBe('InvalidParameterValue')
    expect(await invite(stranger.userId, deviceOf(h.sb, "Neighbour's flat", 'plug'))).toBe(NO_PERMISSION)
  })
})
