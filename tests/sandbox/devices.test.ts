/**
 * Device management: rename, move, delete, details, extended info and the WeChat ticket,
 * with the permissions a client relies on and the envelopes the reference prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type RunningSandbox } from '../../electron/sandbox'
import { bindNew } from './device-helpers'
import { errorCode, signIn, testClock, tokenapi, withSandbox, type Json } from './helpers'
import { decodePayload, WsTestClient } from './ws-client'

const clock = testClock()
let sb: RunningSandbox
let token: string
let homeId: string
const call = (action: string, params: Json = {}) => tokenapi(sb, token, action, params)
const familyNamed = (name: string) => [...sb.world.families.values()].find((f) => f.name === name)!.familyId
const listed = async (familyId: string, roomId = ''): Promise<Json[]> =>
  (await call('AppGetFamilyDeviceList', { FamilyId: familyId, RoomId: roomId, Limit: 50 })).Response.DeviceList as Json[]
const neighbourToken = () => signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)

beforeAll(async () => {
  sb = await withSandbox({ simulate: false, clock: clock.now })
  token = await signIn(sb)
  homeId = familyNamed('Home')
})
afterAll(() => sb.close())

describe('AppUpdateDeviceInFamily', () => {
  it('renames a device; the new alias is what every list and the details show', async () => {
    const device = await bindNew(sb, call, 'light', homeId)
    clock.advance(60_000)
    const body = await call('AppUpdateDeviceInFamily', { ProductId: device.ProductId, DeviceName: device.DeviceName, AliasName: '  Desk lamp ' })
    expect(body.Response.Data).toMatchObject({ DeviceId: device.DeviceId, AliasName: 'Desk lamp', FamilyId: homeId, RoomId: '0' })
    expect(body.Response.Data.UpdateTime).toBe(body.Response.Data.CreateTime + 60)
    expect((await listed(homeId)).find((d) => d.DeviceId === device.DeviceId)?.AliasName).toBe('Desk lamp')
    const details = await call('AppGetDeviceInFamily', { ProductId: device.ProductId, DeviceName: device.DeviceName, FamilyId: homeId })
    expect(details.Response.Data.AliasName).toBe('Desk lamp')
  })

  it('refuses empty or overlong aliases and devices of other users', async () => {
    const device = await bindNew(sb, call, 'plug', homeId)
    const ids = { ProductId: device.ProductId, DeviceName: device.DeviceName }
    expect(errorCode(await call('AppUpdateDeviceInFamily', { ...ids, AliasName: '   ' }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppUpdateDeviceInFamily', { ...ids, AliasName: 'x'.repeat(65) }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppUpdateDeviceInFamily', ids))).toBe('ErrorRequiredParamNotFound')
    const neighbour = await neighbourToken()
    expect(errorCode(await tokenapi(sb, neighbour, 'AppUpdateDeviceInFamily', { ...ids, AliasName: 'Mine now' }))).toBe('InvalidParameterValue.NoPermission')
    expect(sb.world.devices.get(device.DeviceId)?.aliasName).toBe('')
  })
})

describe('AppModifyFamilyDeviceRoom', () => {
  it('moves a device between rooms and back to the default room', async () => {
    const device = await bindNew(sb, call, 'camera', homeId)
    const [kitchen] = sb.world.roomsOf(homeId).filter((r) => r.name === 'Kitchen')
    const move = (roomId: string) => call('AppModifyFamilyDeviceRoom', { FamilyId: homeId, RoomId: roomId, ProductId: device.ProductId, DeviceName: device.DeviceName })
    expect((await move(kitchen!.roomId)).Response).toEqual({ RequestId: expect.any(String) })
    expect((await listed(homeId, kitchen!.roomId)).map((d) => d.DeviceId)).toContain(device.DeviceId)
    expect((await listed(homeId, '0')).map((d) => d.DeviceId)).not.toContain(device.DeviceId)
    expect(errorCode(await move('0'))).toBeUndefined()
    expect((await listed(homeId, '0')).map((d) => d.DeviceId)).toContain(device.DeviceId)
  })

  it('refuses rooms of other families, "", a FamilyId that is not the device\'s, and strangers', async () => {
    const device = await bindNew(sb, call, 'light', homeId)
    const ids = { ProductId: device.ProductId, DeviceName: device.DeviceName }
    const officeRoom = sb.world.roomsOf(familyNamed('Office'))[0]!.roomId
    expect(errorCode(await call('AppModifyFamilyDeviceRoom', { ...ids, FamilyId: homeId, RoomId: officeRoom }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppModifyFamilyDeviceRoom', { ...ids, FamilyId: homeId, RoomId: '' }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppModifyFamilyDeviceRoom', { ...ids, FamilyId: familyNamed('Office'), RoomId: officeRoom }))).toBe('ResourceNotFound.DeviceNotExist')
    const neighbour = await neighbourToken()
    expect(errorCode(await tokenapi(sb, neighbour, 'AppModifyFamilyDeviceRoom', { ...ids, FamilyId: homeId, RoomId: '0' }))).toBe('InvalidParameterValue.NoPermission')
    expect(sb.world.devices.get(device.DeviceId)?.roomId).toBe('0')
  })
})

describe('AppDeleteDeviceInFamily', () => {
  it('deletes a device (no RoomId needed): it leaves the lists and drops offline for watchers', async () => {
    const device = await bindNew(sb, call, 'plug', homeId)
    const ws = await WsTestClient.connect(sb.wsUrl)
    try {
      await ws.activePush(token, [device.DeviceId])
      const body = await call('AppDeleteDeviceInFamily', { FamilyId: homeId, ProductId: device.ProductId, DeviceName: device.DeviceName })
      expect(body.Response).toEqual({ RequestId: expect.any(String) })
      const push = await ws.waitForPush((p) => p.params.DeviceId === device.DeviceId && p.params.Type === 'StatusChange')
      expect(push.params.SubType).toBe('Offline')
      expect(decodePayload(push)).toEqual({ DeviceId: device.DeviceId, Online: 0 })
    } finally {
      ws.close()
    }
    expect((await listed(homeId)).map((d) => d.DeviceId)).not.toContain(device.DeviceId)
    expect(errorCode(await call('AppGetDeviceStatuses', { DeviceIds: [device.DeviceId] }))).toBe('ResourceNotFound.DeviceNotExist')
    // A second delete finds nothing.
    expect(errorCode(await call('AppDeleteDeviceInFamily', { FamilyId: homeId, ProductId: device.ProductId, DeviceName: device.DeviceName }))).toBe('ResourceNotFound.DeviceNotExist')
  })

  it('is for the family administrator only', async () => {
    const cottage = familyNamed('Holiday cottage')
    const device = sb.world.devicesIn(cottage)[0]!
    const body = await call('AppDeleteDeviceInFamily', { FamilyId: cottage, RoomId: device.roomId, ProductId: device.productId, DeviceName: device.deviceName })
    expect(errorCode(body)).toBe('UnauthorizedOperation.NoPermissionToFamily')
    const flat = familyNamed("Neighbour's flat")
    const theirs = sb.world.devicesIn(flat)[0]!
    expect(errorCode(await call('AppDeleteDeviceInFamily', { FamilyId: flat, RoomId: '0', ProductId: theirs.productId, DeviceName: theirs.deviceName })))
      .toBe('UnauthorizedOperation.NoPermissionToFamily')
    // A device named under the wrong family is not found there.
    const mine = await bindNew(sb, call, 'light', homeId)
    expect(errorCode(await call('AppDeleteDeviceInFamily', { FamilyId: familyNamed('Office'), ProductId: mine.ProductId, DeviceName: mine.DeviceName })))
      .toBe('ResourceNotFound.DeviceNotExist')
    expect(sb.world.devices.has(device.deviceId) && sb.world.devices.has(theirs.deviceId) && sb.world.devices.has(mine.DeviceId)).toBe(true)
  })
})

describe('AppGetDeviceInFamily', () => {
  it('answers the details with DeviceType under Response.Data', async () => {
    const gateway = sb.world.devicesIn(homeId).find((d) => d.deviceType === 1)!
    const body = await call('AppGetDeviceInFamily', { ProductId: gateway.productId, FamilyId: homeId, DeviceName: gateway.deviceName })
    expect(body.Response.Data).toEqual({
      DeviceId: gateway.deviceId, ProductId: gateway.productId, DeviceName: gateway.deviceName, AliasName: gateway.aliasName,
      IconUrl: '', FamilyId: homeId, RoomId: gateway.roomId, DeviceType: 1, CreateTime: gateway.createTime, UpdateTime: gateway.updateTime,
    })
  })

  it('refuses non-members (StudioMemberNotExist) and devices of another family', async () => {
    const light = sb.world.devicesIn(homeId).find((d) => d.deviceType === 0)!
    const neighbour = await neighbourToken()
    const asNeighbour = await tokenapi(sb, neighbour, 'AppGetDeviceInFamily', { ProductId: light.productId, FamilyId: homeId, DeviceName: light.deviceName })
    expect(errorCode(asNeighbour)).toBe('ResourceNotFound.StudioMemberNotExist')
    expect(errorCode(await call('AppGetDeviceInFamily', { ProductId: light.productId, FamilyId: familyNamed('Office'), DeviceName: light.deviceName })))
      .toBe('ResourceNotFound.DeviceNotExist')
  })
})

describe('AppGetDeviceExtInfo', () => {
  it('answers without a Response envelope, as the reference prints it', async () => {
    const light = sb.world.devicesIn(homeId).find((d) => d.productId === PRODUCT_IDS.light && d.online)!
    const body = await call('AppGetDeviceExtInfo', { DeviceId: light.deviceId })
    expect(body.Response).toBeUndefined()
    expect(body).toEqual({
      RequestId: expect.any(String),
      ManufacturerName: expect.any(String),
      ProductModel: expect.any(String),
      Mac: expect.stringMatching(/^[0-9A-F]{12}$/),
      FwVer: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      IP: expect.stringMatching(/^192\.168\.\d+\.\d+$/),
    })
    // The same device has the same MAC in another sandbox of the same seed.
    const other = await withSandbox({ simulate: false, clock: clock.now, envelope: 'wrapped' })
    try {
      const wrapped = await tokenapi(other, await signIn(other), 'AppGetDeviceExtInfo', { DeviceId: light.deviceId })
      expect(wrapped).toMatchObject({ code: 0, msg: '', data: { Mac: body.Mac, RequestId: expect.any(String) } })
    } finally {
      await other.close()
    }
  })

  it('gives no IP for an offline device and refuses other users', async () => {
    const device = await bindNew(sb, call, 'camera', homeId)
    sb.control.setDeviceOnline(device.DeviceId, false)
    expect((await call('AppGetDeviceExtInfo', { DeviceId: device.DeviceId })).IP).toBe('')
    const neighbour = await neighbourToken()
    expect(errorCode(await tokenapi(sb, neighbour, 'AppGetDeviceExtInfo', { DeviceId: device.DeviceId }))).toBe('InvalidParameterValue.NoPermission')
  })
})

describe('APPGetWechatDeviceTicket', () => {
  it('answers Response.Data {DeviceId, WXIoTDeviceInfo, RequestId} under the upper-case action', async () => {
    const light = sb.world.devicesIn(homeId).find((d) => d.deviceType === 0)!
    const body = await call('APPGetWechatDeviceTicket', { ProductId: light.productId, Devicename: light.deviceName, IsThirdApp: 1, ModelId: 'DYEbVAhhZS-model' })
    expect(body.Response.Data).toEqual({
      DeviceId: light.deviceId,
      WXIoTDeviceInfo: { SN: `${light.productId}_${light.deviceName}`, SNTicket: expect.stringMatching(/^[0-9a-f]{64}$/), ModelId: 'DYEbVAhhZS-model' },
      RequestId: expect.any(String),
    })
    const usual = await call('APPGetWechatDeviceTicket', { ProductId: light.productId, DeviceName: light.deviceName, IsThirdApp: '1' })
    expect(usual.Response.Data.WXIoTDeviceInfo.ModelId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(errorCode(await call('APPGetWechatDeviceTicket', { ProductId: light.productId, Devicename: light.deviceName, IsThirdApp: 2 }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppGetWechatDeviceTicket', { ProductId: light.productId, Devicename: light.deviceName, IsThirdApp: 1 }))).toBe('InvalidAction')
  })
})
