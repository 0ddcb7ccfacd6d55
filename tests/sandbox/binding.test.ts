/**
 * Adding devices: bind tokens (state, expiry, one use), signature binding (Wi-Fi and
 * Bluetooth plaintexts, PSK, hex case, DeviceTimestamp), gateways and sub-devices.
 */
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devicePsk, NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type RunningSandbox } from '../../electron/sandbox'
import { BIND_TOKEN_TTL_MS } from '../../electron/sandbox/actions/bind-tokens'
import { bindNew, bindToGateway, freshName, gatewayBindRequest, nowSeconds, sigBindRequest, waitUsable } from './device-helpers'
import { errorCode, signIn, testClock, tokenapi, withSandbox, type Json } from './helpers'

const clock = testClock()
let sb: RunningSandbox
let token: string
let homeId: string
const call = (action: string, params: Json = {}) => tokenapi(sb, token, action, params)
const familyNamed = (name: string) => [...sb.world.families.values()].find((f) => f.name === name)!.familyId
const deviceData = async (deviceId: string): Promise<Json> =>
  JSON.parse((await call('AppGetDeviceData', { DeviceId: deviceId })).Response.Data) as Json
const homeList = async (): Promise<Json[]> =>
  (await call('AppGetFamilyDeviceList', { FamilyId: homeId, RoomId: '', Limit: 50 })).Response.DeviceList as Json[]
const homeGateway = () => sb.world.devicesIn(homeId).find((d) => d.deviceType === 1 && d.online)!

beforeAll(async () => {
  // An anonymous device reports each token after 250 ms: long enough to see State 1 on a loaded machine.
  sb = await withSandbox({ simulate: false, clock: clock.now, bindTokenConnectMs: 250 })
  token = await signIn(sb)
  homeId = familyNamed('Home')
})
afterAll(() => sb.close())

async function newToken(): Promise<string> {
  return (await call('AppCreateDeviceBindToken')).Response.Data.Token as string
}

describe('bind tokens', () => {
  it('start in State 1, become usable (2) once the device connects, with RequestId inside Data', async () => {
    const created = await call('AppCreateDeviceBindToken')
    expect(created.Response.Data).toEqual({ Token: expect.stringMatching(/^[0-9a-f]{32}$/), RequestId: expect.any(String) })
    expect(created.Response.RequestId).toBeUndefined()
    const state = await call('AppGetDeviceBindTokenState', { Token: created.Response.Data.Token })
    expect(state.Response.Data.State).toBe(1)
    await waitUsable(call, created.Response.Data.Token)
  })

  it('bind a new device that then appears online with template-valid values, once', async () => {
    const t = await newToken()
    const deviceName = freshName('light')
    const request = { Token: t, ProductId: PRODUCT_IDS.light, DeviceName: deviceName, FamilyId: homeId, RoomId: '0' }
    expect(errorCode(await call('AppTokenBindDeviceFamily', request))).toBe('InvalidParameterValue.TokenNotBind')
    await waitUsable(call, t)
    const bound = await call('AppTokenBindDeviceFamily', request)
    expect(bound.Response).toEqual({ Data: { RequestId: expect.any(String) } })
    const deviceId = `${PRODUCT_IDS.light}/${deviceName}`
    expect(await homeList()).toContainEqual(expect.objectContaining({ DeviceId: deviceId, RoomId: '0', AliasName: '', UserID: '100000001' }))
    const statuses = await call('AppGetDeviceStatuses', { DeviceIds: [deviceId] })
    expect(statuses.Response.DeviceStatuses[0].Online).toBe(1)
    const data = await deviceData(deviceId)
    expect(data.power_switch.Value === 0 || data.power_switch.Value === 1).toBe(true)
    expect(data.brightness.Value).toBeGreaterThanOrEqual(0)
    expect(data.brightness.Value).toBeLessThanOrEqual(100)
    // The token is spent, and the device cannot be bound twice.
    expect(errorCode(await call('AppTokenBindDeviceFamily', request))).toBe('InvalidParameterValue.TokenNotExist')
    const again = await newToken()
    await waitUsable(call, again)
    expect(errorCode(await call('AppTokenBindDeviceFamily', { ...request, Token: again }))).toBe('UnsupportedOperation.CannotBindSameFamily')
  })

  it('expire by the cloud clock: TokenIsExpire when queried, TokenIsExpired when binding', async () => {
    const t = await newToken()
    await waitUsable(call, t)
    clock.advance(BIND_TOKEN_TTL_MS)
    try {
      expect(errorCode(await call('AppGetDeviceBindTokenState', { Token: t }))).toBe('InvalidParameterValue.TokenIsExpire')
      const bind = await call('AppTokenBindDeviceFamily', { Token: t, ProductId: PRODUCT_IDS.plug, DeviceName: freshName('plug'), FamilyId: homeId, RoomId: '0' })
      expect(errorCode(bind)).toBe('InvalidParameterValue.TokenIsExpired')
    } finally {
      clock.advance(-BIND_TOKEN_TTL_MS)
    }
  })

  it("are private to their user and bind only into the user's families, known products and rooms", async () => {
    const t = await newToken()
    await waitUsable(call, t)
    const neighbour = await signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)
    expect(errorCode(await tokenapi(sb, neighbour, 'AppGetDeviceBindTokenState', { Token: t }))).toBe('InvalidParameterValue.TokenNotExist')
    const bind = (extra: Json) => call('AppTokenBindDeviceFamily', { Token: t, ProductId: PRODUCT_IDS.light, DeviceName: freshName('light'), FamilyId: homeId, RoomId: '0', ...extra })
    expect(errorCode(await bind({ FamilyId: familyNamed("Neighbour's flat") }))).toBe('UnauthorizedOperation.NoPermissionToFamily')
    expect(errorCode(await bind({ FamilyId: 'f_missing' }))).toBe('ResourceNotFound.StudioFamilyNotExist')
    expect(errorCode(await bind({ ProductId: 'NOPRODUCT1' }))).toBe('ResourceNotFound.StudioProductNotExist')
    expect(errorCode(await bind({ ProductId: PRODUCT_IDS.sensor }))).toBe('UnsupportedOperation')
    expect(errorCode(await bind({ RoomId: sb.world.roomsOf(familyNamed('Office'))[0]!.roomId }))).toBe('InvalidParameterValue')
    expect(errorCode(await bind({ DeviceName: 'bad name!' }))).toBe('InvalidParameterValue')
    // None of the refusals spent the token.
    expect(errorCode(await bind({}))).toBeUndefined()
  })
})

describe('AppSigBindDeviceInFamily', () => {
  const plaintextWifi = (pid: string, dn: string, ts: number, conn: string) => `DeviceName=${dn}&DeviceTimestamp=${ts}&ProductId=${pid}&ConnId=${conn}`
  const hmac = (alg: 'sha1' | 'sha256', deviceId: string, text: string) =>
    createHmac(alg, Buffer.from(devicePsk(sb.options.seed, deviceId), 'base64')).update(text).digest('hex')

  it('binds with the Wi-Fi signature (either hex case) and answers Response.data.AppDeviceInfo', async () => {
    const room = sb.world.roomsOf(homeId)[2]!
    const request = sigBindRequest(sb, 'camera', homeId, { RoomId: room.roomId })
    const body = await call('AppSigBindDeviceInFamily', request)
    expect(body.Response.RequestId).toEqual(expect.any(String))
    expect(body.Response.data.AppDeviceInfo).toEqual({
      DeviceId: `${request.ProductId}/${request.DeviceName}`, ProductId: request.ProductId, DeviceName: request.DeviceName,
      AliasName: '', IconUrl: '', FamilyId: homeId, RoomId: room.roomId, CreateTime: nowSeconds(sb), UpdateTime: nowSeconds(sb),
    })
    const lower = sigBindRequest(sb, 'light', homeId)
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...lower, Signature: String(lower.Signature).toLowerCase() }))).toBeUndefined()
  })

  it('signs Bluetooth as ProductId+DeviceName;ConnId;DeviceTimestamp with no separator, HMAC-SHA256 on request', async () => {
    const pid = PRODUCT_IDS.light
    const dn = freshName('ble')
    const ts = nowSeconds(sb)
    const base = { FamilyId: homeId, ProductId: pid, DeviceName: dn, DeviceTimestamp: ts, ConnId: 'ab12c', BindType: 'bluetooth_sign', SignMethod: 'hmacsha256' }
    // The code comment's reading ("ProductId;DeviceName;...") is not what devices sign.
    const commented = hmac('sha256', `${pid}/${dn}`, `${pid};${dn};ab12c;${ts}`)
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...base, Signature: commented }))).toBe('InvalidParameterValue.BindDeviceSigMismatch')
    // A Wi-Fi plaintext under a Bluetooth BindType is refused too.
    const wifi = hmac('sha256', `${pid}/${dn}`, plaintextWifi(pid, dn, ts, 'ab12c'))
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...base, Signature: wifi }))).toBe('InvalidParameterValue.BindDeviceSigMismatch')
    const right = hmac('sha256', `${pid}/${dn}`, `${pid}${dn};ab12c;${ts}`)
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...base, Signature: right }))).toBeUndefined()
  })

  it('defaults BindType to wifi_sign and signs a missing ConnId as ""', async () => {
    const pid = PRODUCT_IDS.plug
    const dn = freshName('plug')
    const ts = nowSeconds(sb)
    const signature = hmac('sha1', `${pid}/${dn}`, plaintextWifi(pid, dn, ts, ''))
    const body = await call('AppSigBindDeviceInFamily', { FamilyId: homeId, ProductId: pid, DeviceName: dn, DeviceTimestamp: ts, Signature: signature })
    expect(errorCode(body)).toBeUndefined()
    expect(body.Response.data.AppDeviceInfo.RoomId).toBe('0')
  })

  it("refuses another device's PSK, stale or future DeviceTimestamps, unknown BindTypes", async () => {
    const request = sigBindRequest(sb, 'light', homeId)
    const otherPsk = createHmac('sha1', Buffer.from(devicePsk(sb.options.seed, 'LGT7Q2K9PA/someone_else'), 'base64'))
      .update(plaintextWifi(String(request.ProductId), String(request.DeviceName), Number(request.DeviceTimestamp), '1938')).digest('hex')
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...request, Signature: otherPsk }))).toBe('InvalidParameterValue.BindDeviceSigMismatch')
    const skew = sb.options.maxClockSkewSeconds
    const stale = sigBindRequest(sb, 'light', homeId, { DeviceTimestamp: nowSeconds(sb) - skew - 1 })
    expect(errorCode(await call('AppSigBindDeviceInFamily', stale))).toBe('InvalidParameterValue.BindDeviceNotConnected')
    const future = sigBindRequest(sb, 'light', homeId, { DeviceTimestamp: sb.options.clock() })
    expect(errorCode(await call('AppSigBindDeviceInFamily', future))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...request, BindType: 'zigbee_sign' }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppSigBindDeviceInFamily', { ...request, FamilyId: familyNamed("Neighbour's flat") }))).toBe('UnauthorizedOperation.NoPermissionToFamily')
    // Still bindable after the refusals; a second bind of it is refused.
    expect(errorCode(await call('AppSigBindDeviceInFamily', request))).toBeUndefined()
    expect(errorCode(await call('AppSigBindDeviceInFamily', request))).toBe('UnsupportedOperation.CannotBindSameFamily')
  })

  it('gives the same device the same starting values for the same seed', async () => {
    const other = await withSandbox({ simulate: false, clock: clock.now, seed: sb.options.seed })
    try {
      const otherToken = await signIn(other)
      const request = sigBindRequest(sb, 'camera', homeId, { DeviceName: 'cam_same_seed' })
      expect(errorCode(await call('AppSigBindDeviceInFamily', request))).toBeUndefined()
      expect(errorCode(await tokenapi(other, otherToken, 'AppSigBindDeviceInFamily', request))).toBeUndefined()
      const theirs = JSON.parse((await tokenapi(other, otherToken, 'AppGetDeviceData', { DeviceId: `${request.ProductId}/cam_same_seed` })).Response.Data)
      expect(await deviceData(`${request.ProductId}/cam_same_seed`)).toEqual(theirs)
    } finally {
      await other.close()
    }
  })
})

describe('gateways and sub-devices', () => {
  const gwParams = () => {
    const gw = homeGateway()
    return { GatewayProductId: gw.productId, GatewayDeviceName: gw.deviceName }
  }
  const topology = async () =>
    (await call('AppGetGatewayBindDeviceList', { ProductId: PRODUCT_IDS.sensor, ...gwParams(), Offset: 0, Limit: 50 })).Response
  const familySubs = async () => (await call('AppGetFamilySubDeviceList', { ...gwParams(), Offset: 0, Limit: 50 })).Response
  const subdevCount = async () => (await deviceData(homeGateway().deviceId)).subdev_count.Value as number

  it('binds a sub-device to the gateway, then into the family, then unbinds it', async () => {
    const countBefore = await subdevCount()
    const request = await bindToGateway(sb, call, homeGateway().deviceId)
    const deviceId = `${request.ProductId}/${request.DeviceName}`
    expect((await topology()).DeviceList).toContainEqual({
      ProductId: request.ProductId, DeviceName: request.DeviceName, DeviceId: deviceId, AliasName: '', IconUrl: '', BindStatus: 0,
    })
    expect((await homeList()).map((d) => d.DeviceId)).not.toContain(deviceId)
    expect((await familySubs()).DeviceList.map((d: Json) => d.DeviceId)).not.toContain(deviceId)
    expect(await subdevCount()).toBe(countBefore + 1)
    // Binding it to the same gateway again changes nothing.
    expect(errorCode(await call('AppSigGatewayBindDevice', gatewayBindRequest(sb, homeGateway().deviceId, String(request.DeviceName))))).toBeUndefined()

    const ids = { ...gwParams(), ProductId: request.ProductId, DeviceName: request.DeviceName }
    const bound = await call('AppBindSubDeviceInFamily', ids)
    expect(bound.Response.Data.AppDeviceInfo).toMatchObject({ DeviceId: deviceId, FamilyId: homeId, RoomId: '0' })
    expect((await topology()).DeviceList.find((d: Json) => d.DeviceId === deviceId).BindStatus).toBe(1)
    expect((await familySubs()).DeviceList).toContainEqual(expect.objectContaining({ DeviceId: deviceId, FamilyId: homeId, DeviceType: 2, RoomId: '0' }))
    expect((await homeList()).map((d) => d.DeviceId)).toContain(deviceId)
    expect(errorCode(await call('AppBindSubDeviceInFamily', ids))).toBe('UnsupportedOperation.CannotBindSameFamily')

    expect(errorCode(await call('AppGatewayUnbindDevice', ids))).toBeUndefined()
    expect((await topology()).DeviceList.map((d: Json) => d.DeviceId)).not.toContain(deviceId)
    expect((await homeList()).map((d) => d.DeviceId)).not.toContain(deviceId)
    expect(errorCode(await call('AppGetDeviceStatuses', { DeviceIds: [deviceId] }))).toBe('ResourceNotFound.DeviceNotExist')
    expect(await subdevCount()).toBe(countBefore)
  })

  it('pages the lists with a numeric Total and filters the topology by sub-device product', async () => {
    await bindToGateway(sb, call, homeGateway().deviceId)
    const all = await topology()
    expect(typeof all.Total).toBe('number')
    expect(all.Total).toBe(all.DeviceList.length)
    const page = (await call('AppGetGatewayBindDeviceList', { ProductId: PRODUCT_IDS.sensor, ...gwParams(), Offset: 1, Limit: 1 })).Response
    expect(page.DeviceList).toEqual([all.DeviceList[1]])
    expect(page.Total).toBe(all.Total)
    expect((await call('AppGetGatewayBindDeviceList', { ProductId: PRODUCT_IDS.light, ...gwParams(), Offset: 0, Limit: 50 })).Response.Total).toBe(0)
    expect(errorCode(await call('AppGetGatewayBindDeviceList', { ProductId: PRODUCT_IDS.sensor, ...gwParams(), Offset: 0, Limit: 51 }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppGetFamilySubDeviceList', { ...gwParams(), Offset: 0 }))).toBe('ErrorRequiredParamNotFound')
  })

  it('accepts the table\'s "ProductId," spelling', async () => {
    const request = gatewayBindRequest(sb, homeGateway().deviceId)
    const { ProductId, ...rest } = request
    expect(errorCode(await call('AppSigGatewayBindDevice', { ...rest, 'ProductId,': ProductId }))).toBeUndefined()
  })

  it('refuses wrong signatures, non-gateways, non-sub-device products, offline gateways and strangers', async () => {
    const gw = homeGateway()
    const request = gatewayBindRequest(sb, gw.deviceId)
    expect(errorCode(await call('AppSigGatewayBindDevice', { ...request, Nonce: '654321' }))).toBe('InvalidParameterValue.BindDeviceSigMismatch')
    const light = sb.world.devicesIn(homeId).find((d) => d.deviceType === 0)!
    expect(errorCode(await call('AppSigGatewayBindDevice', { ...request, GatewayProductId: light.productId, GatewayDeviceName: light.deviceName })))
      .toBe('UnsupportedOperation.DeviceType')
    expect(errorCode(await call('AppGetGatewayBindDeviceList', { ProductId: PRODUCT_IDS.sensor, GatewayProductId: light.productId, GatewayDeviceName: light.deviceName, Offset: 0, Limit: 5 })))
      .toBe('UnsupportedOperation.DeviceNotGateway')
    expect(errorCode(await call('AppSigGatewayBindDevice', { ...request, ProductId: PRODUCT_IDS.light }))).toBe('UnsupportedOperation.DeviceType')
    expect(errorCode(await call('AppSigGatewayBindDevice', { ...request, GatewayDeviceName: 'gw_none' }))).toBe('ResourceNotFound.DeviceNotExist')
    expect(errorCode(await call('AppBindSubDeviceInFamily', { ...gwParams(), ProductId: PRODUCT_IDS.sensor, DeviceName: 'never_bound' })))
      .toBe('UnsupportedOperation.DeviceNotBind')

    const neighbour = await signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)
    const asNeighbour = await tokenapi(sb, neighbour, 'AppSigGatewayBindDevice', gatewayBindRequest(sb, gw.deviceId))
    expect(errorCode(asNeighbour)).toBe('UnauthorizedOperation.NoPermissionToFamily')
    expect(errorCode(await tokenapi(sb, neighbour, 'AppGetGatewayBindDeviceList', { ProductId: PRODUCT_IDS.sensor, ...gwParams(), Offset: 0, Limit: 5 })))
      .toBe('ResourceNotFound.StudioMemberNotExist')
    expect(errorCode(await tokenapi(sb, neighbour, 'AppGetFamilySubDeviceList', { ...gwParams(), Offset: 0, Limit: 5 }))).toBe('InvalidParameterValue.NoPermission')

    sb.control.setDeviceOnline(gw.deviceId, false)
    try {
      expect(errorCode(await call('AppSigGatewayBindDevice', gatewayBindRequest(sb, gw.deviceId)))).toBe('InvalidParameterValue.BindDeviceNotConnected')
    } finally {
      sb.control.setDeviceOnline(gw.deviceId, true)
    }
  })

  it('lets only the administrator unbind a sub-device that is in a family', async () => {
    const cottage = familyNamed('Holiday cottage')
    const sub = sb.world.devicesIn(cottage).find((d) => d.deviceType === 2)!
    const gw = sb.world.devices.get(sub.gatewayId!)!
    const ids = { GatewayProductId: gw.productId, GatewayDeviceName: gw.deviceName, ProductId: sub.productId, DeviceName: sub.deviceName }
    expect(errorCode(await call('AppGatewayUnbindDevice', ids))).toBe('UnauthorizedOperation.NoPermissionToFamily')
    expect(sb.world.devices.has(sub.deviceId)).toBe(true)
  })

  it('takes the sub-devices along when a gateway is deleted', async () => {
    const gateway = await bindNew(sb, call, 'gateway', homeId)
    const request = await bindToGateway(sb, call, gateway.DeviceId)
    const subId = `${request.ProductId}/${request.DeviceName}`
    await call('AppBindSubDeviceInFamily', { GatewayProductId: gateway.ProductId, GatewayDeviceName: gateway.DeviceName, ProductId: request.ProductId, DeviceName: request.DeviceName })
    expect((await homeList()).map((d) => d.DeviceId)).toContain(subId)
    expect(errorCode(await call('AppDeleteDeviceInFamily', { FamilyId: homeId, ProductId: gateway.ProductId, DeviceName: gateway.DeviceName }))).toBeUndefined()
    const ids = (await homeList()).map((d) => d.DeviceId)
    expect(ids).not.toContain(gateway.DeviceId)
    expect(ids).not.toContain(subId)
  })
})
