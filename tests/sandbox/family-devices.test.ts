import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ROOM_ID, NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type RunningSandbox } from '../../electron/sandbox'
import { errorCode, signIn, testClock, tokenapi, withSandbox, type Json } from './helpers'

let sb: RunningSandbox
let token: string
const familyByName = (name: string) => [...sb.world.families.values()].find((f) => f.name === name)!

beforeAll(async () => {
  sb = await withSandbox({ devices: 120, clock: testClock().now })
  token = await signIn(sb)
})
afterAll(() => sb.close())

async function allDevices(familyId: string, extra: Json = {}): Promise<Json[]> {
  const out: Json[] = []
  for (let offset = 0; ; offset += 50) {
    const page = (await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: familyId, Offset: offset, Limit: 50, ...extra })).Response
    out.push(...page.DeviceList)
    if (out.length >= page.Total || page.DeviceList.length === 0) return out
  }
}

describe('families and rooms', () => {
  it('lists the demo account families with roles, paged', async () => {
    const all = (await tokenapi(sb, token, 'AppGetFamilyList', { Limit: 50 })).Response
    expect(all.FamilyList.map((f: Json) => [f.Name, f.Role])).toEqual([['Home', 1], ['Office', 1], ['Holiday cottage', 0]])
    expect(all.Total).toBe(3)
    const page = (await tokenapi(sb, token, 'AppGetFamilyList', { Offset: 1, Limit: 1 })).Response
    expect(page.FamilyList.map((f: Json) => f.Name)).toEqual(['Office'])
    expect(page.Total).toBe(3)
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList', { Limit: 51 }))).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList', { Limit: 0 }))).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList', { Offset: -1 }))).toBe('InvalidParameterValue')
  })

  it('describes a family and lists its rooms with device counts', async () => {
    const home = familyByName('Home')
    const detail = (await tokenapi(sb, token, 'AppDescribeFamily', { FamilyId: home.familyId })).Response.Data
    expect(detail).toMatchObject({ FamilyId: home.familyId, FamilyName: 'Home', Address: home.address })
    const rooms = (await tokenapi(sb, token, 'AppGetRoomList', { FamilyId: home.familyId, Limit: 50 })).Response
    expect(rooms.RoomList.map((r: Json) => r.RoomName)).toEqual(['Living room', 'Bedroom', 'Kitchen', 'Study', 'Bathroom'])
    expect(rooms.Total).toBe(5)
    for (const room of rooms.RoomList) expect(room.DeviceNum).toBe(sb.world.devicesIn(home.familyId, room.RoomId).length)
    expect(errorCode(await tokenapi(sb, token, 'AppGetRoomList', {}))).toBe('ErrorRequiredParamNotFound')
  })

  it('keeps other users families out of reach', async () => {
    const flat = familyByName("Neighbour's flat")
    expect(flat.ownerId).toBe(NEIGHBOUR_ACCOUNT.userId)
    for (const action of ['AppDescribeFamily', 'AppGetRoomList', 'AppGetFamilyDeviceList']) {
      const res = await tokenapi(sb, token, action, { FamilyId: flat.familyId, RoomId: '' })
      expect(errorCode(res), action).toBe('UnauthorizedOperation.NoPermissionToFamily')
    }
    expect(errorCode(await tokenapi(sb, token, 'AppDescribeFamily', { FamilyId: 'f_nope' }))).toBe('ResourceNotFound.StudioFamilyNotExist')
    const neighbourDevice = sb.world.devicesIn(flat.familyId)[0]!
    const status = await tokenapi(sb, token, 'AppGetDeviceStatuses', { DeviceIds: [neighbourDevice.deviceId] })
    expect(errorCode(status)).toBe('InvalidParameterValue.NoPermission')
    const data = await tokenapi(sb, token, 'AppGetDeviceData', { ProductId: neighbourDevice.productId, DeviceName: neighbourDevice.deviceName })
    expect(errorCode(data)).toBe('InvalidParameterValue.NoPermission')
  })

  it('lets the neighbour read his own flat', async () => {
    const other = await signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)
    const list = (await tokenapi(sb, other, 'AppGetFamilyList')).Response
    expect(list.FamilyList.map((f: Json) => f.Name)).toEqual(['Holiday cottage', "Neighbour's flat"])
  })
})

describe('AppGetFamilyDeviceList', () => {
  it('returns every room for RoomId "" or absent, pages of at most 50, with Total', async () => {
    const home = familyByName('Home')
    const expected = sb.world.devicesIn(home.familyId).length
    const first = (await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: home.familyId, RoomId: '', Limit: 50 })).Response
    expect(first.Total).toBe(expected)
    expect(first.DeviceList).toHaveLength(50)
    const absent = (await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: home.familyId, Limit: 50 })).Response
    expect(absent.DeviceList).toEqual(first.DeviceList)
    const all = await allDevices(home.familyId)
    expect(new Set(all.map((d) => d.DeviceId)).size).toBe(expected)
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: home.familyId, Limit: 51 }))).toBe('InvalidParameterValue')
  })

  it('filters by room, "0" being the default room', async () => {
    const home = familyByName('Home')
    const room = sb.world.roomsOf(home.familyId)[0]!
    const inRoom = await allDevices(home.familyId, { RoomId: room.roomId })
    expect(inRoom.length).toBe(sb.world.devicesIn(home.familyId, room.roomId).length)
    expect(inRoom.every((d) => d.RoomId === room.roomId)).toBe(true)
    const unassigned = await allDevices(home.familyId, { RoomId: DEFAULT_ROOM_ID })
    expect(unassigned.every((d) => d.RoomId === '0')).toBe(true)
    const foreignRoom = sb.world.roomsOf(familyByName('Office').familyId)[0]!
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: home.familyId, RoomId: foreignRoom.roomId }))).toBe('InvalidParameterValue')
  })

  it('answers items with the reference field names', async () => {
    const home = familyByName('Home')
    const [item] = (await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: home.familyId, Limit: 1 })).Response.DeviceList
    expect(Object.keys(item).sort()).toEqual(
      ['AliasName', 'CreateTime', 'DeviceId', 'DeviceName', 'DeviceType', 'FamilyId', 'IconUrl', 'ProductId', 'RoomId', 'UpdateTime', 'UserID'].sort(),
    )
    expect(item.DeviceId).toBe(`${item.ProductId}/${item.DeviceName}`)
    expect(item.FamilyId).toBe(home.familyId)
  })

  it('lists the shared cottage for the member too', async () => {
    const cottage = familyByName('Holiday cottage')
    const devices = await allDevices(cottage.familyId)
    expect(devices.length).toBeGreaterThan(0)
    expect(devices.every((d) => d.UserID === NEIGHBOUR_ACCOUNT.userId)).toBe(true)
  })
})

describe('products, statuses and data', () => {
  it('returns products with thing models, including those of the given DeviceIds', async () => {
    const camera = [...sb.world.devices.values()].find((d) => d.productId === PRODUCT_IDS.camera && d.familyId === familyByName('Home').familyId)!
    const res = (await tokenapi(sb, token, 'AppGetProducts', { ProductIds: [PRODUCT_IDS.light], DeviceIds: [camera.deviceId] })).Response
    expect(res.Products.map((p: Json) => p.ProductId)).toEqual([PRODUCT_IDS.light, PRODUCT_IDS.camera])
    const light = res.Products[0]
    expect(light).toMatchObject({ Name: 'Smart Light', NetType: 'wifi', CategoryId: 141, ProductType: 0, State: '', AppTemplate: '' })
    const ids = light.DataTemplate.properties.map((p: Json) => p.id)
    expect(ids).toEqual(expect.arrayContaining(['power_switch', 'brightness', 'color', 'color_temp']))
    const brightness = light.DataTemplate.properties.find((p: Json) => p.id === 'brightness')
    expect(brightness.define).toMatchObject({ type: 'int', min: '0', max: '100', step: '1', unit: '%' })
    expect(light.DataTemplate.events.length).toBeGreaterThan(0)
    expect(light.DataTemplate.actions.length).toBeGreaterThan(0)
    expect(errorCode(await tokenapi(sb, token, 'AppGetProducts', { ProductIds: ['NOPE000000'] }))).toBe('InvalidParameterValue')
  })

  it('reports online states as 1 online / 0 offline', async () => {
    const all = sb.world.devicesIn(familyByName('Home').familyId)
    const home = [...all.filter((d) => d.online).slice(0, 10), ...all.filter((d) => !d.online).slice(0, 10)]
    expect(home.some((d) => !d.online)).toBe(true)
    const res = (await tokenapi(sb, token, 'AppGetDeviceStatuses', { DeviceIds: home.map((d) => d.deviceId) })).Response
    expect(res.DeviceStatuses).toHaveLength(home.length)
    for (const [i, s] of res.DeviceStatuses.entries()) {
      expect(s).toEqual({ DeviceId: home[i]!.deviceId, ProductId: home[i]!.productId, DeviceName: home[i]!.deviceName, Online: home[i]!.online ? 1 : 0 })
    }
    expect(new Set(res.DeviceStatuses.map((s: Json) => s.Online))).toEqual(new Set([0, 1]))
    const tooMany = Array.from({ length: 101 }, () => home[0]!.deviceId)
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceStatuses', { DeviceIds: tooMany }))).toBe('InvalidParameterValue')
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceStatuses', { DeviceIds: ['LGT7Q2K9PA/none'] }))).toBe('ResourceNotFound.DeviceNotExist')
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceStatuses', { DeviceIds: ['no-slash'] }))).toBe('InvalidParameterValue')
  })

  it('returns device data as a JSON string of {id: {Value, LastUpdate ms}}', async () => {
    const light = [...sb.world.devices.values()].find((d) => d.productId === PRODUCT_IDS.light && d.familyId === familyByName('Home').familyId)!
    const res = (await tokenapi(sb, token, 'AppGetDeviceData', { ProductId: light.productId, DeviceName: light.deviceName })).Response
    expect(res.Data).toBeTypeOf('string')
    const data = JSON.parse(res.Data)
    expect(Object.keys(data)).toEqual(['power_switch', 'brightness', 'color', 'color_temp', 'name'])
    expect([0, 1]).toContain(data.power_switch.Value)
    expect(data.brightness.Value).toBeGreaterThanOrEqual(0)
    expect(data.brightness.Value).toBeLessThanOrEqual(100)
    expect(data.brightness.LastUpdate).toBeGreaterThan(1e12)
    const byId = (await tokenapi(sb, token, 'AppGetDeviceData', { DeviceId: light.deviceId })).Response
    expect(byId.Data).toBe(res.Data)
    expect(errorCode(await tokenapi(sb, token, 'AppGetDeviceData', { ProductId: light.productId }))).toBe('ErrorRequiredParamNotFound')
  })
})
