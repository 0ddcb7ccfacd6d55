/**
 * Gateways and their sub-devices. Two relations, as Tencent keeps them:
 * - topology: a sub-device is bound to a gateway (Device.gatewayId), by
 *   AppSigGatewayBindDevice, undone by AppGatewayUnbindDevice;
 * - family: a sub-device bound to a gateway joins the gateway's family by
 *   AppBindSubDeviceInFamily (BindStatus 1); until then its familyId is '' (BindStatus 0),
 *   it shows in AppGetGatewayBindDeviceList but in no family list.
 * The target family is never an input: the reference's examples imply the gateway's.
 */
import { ApiError, ErrorCode } from '../api/errors'
import { readPage, slicePage } from '../api/paging'
import type { ParamRule } from '../api/params'
import { reportProperties, setOnline } from '../sim/device-behaviour'
import { newDevice } from '../world/device-factory'
import { gatewayBindSignature, productSecret } from '../world/device-identity'
import { DEFAULT_ROOM_ID, type Device } from '../world/model'
import type { World } from '../world/world'
import { appDeviceInfo, checkDeviceTimestamp, FAMILY_DEVICE_LIMIT } from './bind-device'
import { checkDeviceName, deviceIdOf, existingProduct } from './device-access'
import { catalogParams, type CloudState, type TokenApiAction, type TokenCallContext } from './registry'

/** "Maximum return message count, with a maximum value of 50." */
const MAX_SUBDEVICE_PAGE = 50

/** What each action answers when the caller may not use the gateway, or it is none. */
interface GatewayCodes {
  notMember: string
  notGateway: string
}

export function subDevicesOf(world: World, gatewayId: string): Device[] {
  return [...world.devices.values()].filter((d) => d.gatewayId === gatewayId)
}

function gatewayFor(ctx: TokenCallContext, codes: GatewayCodes): Device {
  const { world } = ctx.cloud
  const id = deviceIdOf(ctx.params.GatewayProductId as string, ctx.params.GatewayDeviceName as string)
  const gateway = world.devices.get(id)
  if (!gateway) throw new ApiError(ErrorCode.DeviceNotExist, `Device ${id} does not exist.`)
  if (world.roleOf(ctx.user.userId, gateway.familyId) === undefined) {
    throw new ApiError(codes.notMember, `No permission for gateway ${id}.`)
  }
  if (gateway.deviceType !== 1) throw new ApiError(codes.notGateway, `${id} is not a gateway device.`)
  return gateway
}

/** The sub-device named by ProductId/DeviceName, bound to this gateway. */
function boundSubDevice(ctx: TokenCallContext, gateway: Device): Device {
  const id = deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string)
  const device = ctx.cloud.world.devices.get(id)
  if (!device || device.gatewayId !== gateway.deviceId) {
    throw new ApiError(ErrorCode.DeviceNotBind, `Sub-device ${id} is not bound to gateway ${gateway.deviceId}.`)
  }
  return device
}

/** A gateway relays topology changes; offline, it cannot (BindDeviceNotConnected). */
function requireOnline(gateway: Device): void {
  if (!gateway.online) {
    throw new ApiError(ErrorCode.BindDeviceNotConnected, `Gateway ${gateway.deviceId} has not connected to the cloud recently.`)
  }
}

/** The gateway's subdev_count property follows its topology (reported when it is online). */
export function refreshSubDeviceCount(cloud: CloudState, gateway: Device, clientToken: string): void {
  const state = gateway.properties.get('subdev_count')
  if (!state) return
  const count = subDevicesOf(cloud.world, gateway.deviceId).length
  if (state.value === count) return
  if (gateway.online) reportProperties(cloud, gateway, { subdev_count: count }, clientToken)
  else state.value = count
}

/** "ProductId," (trailing comma, docs/api-decisions.md §4.2) is read as ProductId; both spellings accepted. */
function gatewayParams(action: string): ParamRule[] {
  return catalogParams(action).map((rule) =>
    rule.name === 'ProductId,' ? { ...rule, name: 'ProductId', exampleName: 'ProductId,' } : rule)
}

const appSigGatewayBindDevice: TokenApiAction = {
  action: 'AppSigGatewayBindDevice',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: gatewayParams('AppSigGatewayBindDevice'),
  handle(ctx) {
    const { cloud } = ctx
    const gateway = gatewayFor(ctx, { notMember: ErrorCode.NoPermissionToFamily, notGateway: ErrorCode.DeviceTypeError })
    const product = existingProduct(cloud.world, ctx.params.ProductId as string)
    if (product.deviceType !== 2) throw new ApiError(ErrorCode.DeviceTypeError, `${product.productId} is not a sub-device product.`)
    const deviceName = checkDeviceName(ctx.params.DeviceName as string)
    requireOnline(gateway)
    checkDeviceTimestamp(cloud, ctx.params.DeviceTimestamp as number, ctx.nowMs)
    checkGatewaySignature(ctx)
    const existing = cloud.world.devices.get(deviceIdOf(product.productId, deviceName))
    if (existing?.gatewayId === gateway.deviceId) return {} // already bound here: nothing to change
    if (existing) {
      throw new ApiError(ErrorCode.UnsupportedOperation, `Sub-device ${existing.deviceId} is bound to another gateway; unbind it there first.`)
    }
    const device = newDevice(cloud.world.seed, {
      product, deviceName, ownerId: ctx.user.userId, familyId: '', roomId: DEFAULT_ROOM_ID, gatewayId: gateway.deviceId, nowMs: ctx.nowMs,
    })
    cloud.world.addDevice(device)
    setOnline(cloud, device, true)
    refreshSubDeviceCount(cloud, gateway, ctx.requestId)
    return {}
  },
}

/** Base64 HMAC-SHA1 with the sub-device's ProductSecret, compared exactly (see device-identity.ts). */
function checkGatewaySignature(ctx: TokenCallContext): void {
  const p = ctx.params
  const productId = p.ProductId as string
  const expected = gatewayBindSignature(productSecret(ctx.cloud.world.seed, productId), {
    productId,
    deviceName: p.DeviceName as string,
    deviceTimestamp: p.DeviceTimestamp as number,
    nonce: p.Nonce as string,
  })
  if (p.Signature !== expected) {
    throw new ApiError(ErrorCode.BindDeviceSigMismatch, 'The dynamic signature does not match the sub-device.')
  }
}

const appGatewayUnbindDevice: TokenApiAction = {
  action: 'AppGatewayUnbindDevice',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: gatewayParams('AppGatewayUnbindDevice'),
  handle(ctx) {
    const { cloud } = ctx
    const gateway = gatewayFor(ctx, { notMember: ErrorCode.NoPermissionToFamily, notGateway: ErrorCode.DeviceTypeError })
    const id = deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string)
    if (!cloud.world.devices.has(id)) throw new ApiError(ErrorCode.DeviceNotExist, `Device ${id} does not exist.`)
    const device = boundSubDevice(ctx, gateway)
    // Unbinding also takes it out of its family, which only the administrator may do.
    if (device.familyId !== '' && cloud.world.roleOf(ctx.user.userId, device.familyId) !== 1) {
      throw new ApiError(ErrorCode.NoPermissionToFamily, `Only the administrator of family ${device.familyId} may remove its devices.`)
    }
    requireOnline(gateway)
    setOnline(cloud, device, false)
    cloud.world.removeDevice(device.deviceId)
    refreshSubDeviceCount(cloud, gateway, ctx.requestId)
    return {}
  },
}

const appBindSubDeviceInFamily: TokenApiAction = {
  action: 'AppBindSubDeviceInFamily',
  endpoint: 'tokenapi',
  // The success example nests AppDeviceInfo in Response.Data.
  shape: 'data',
  params: catalogParams('AppBindSubDeviceInFamily'),
  handle(ctx) {
    const { world } = ctx.cloud
    const gateway = gatewayFor(ctx, { notMember: ErrorCode.NoPermissionToFamily, notGateway: ErrorCode.DeviceNotGateway })
    const device = boundSubDevice(ctx, gateway)
    if (device.familyId !== '') {
      throw new ApiError(ErrorCode.CannotBindSameFamily, `Sub-device ${device.deviceId} has been bound. Do not repeat binding.`)
    }
    if (world.devicesIn(gateway.familyId).length >= FAMILY_DEVICE_LIMIT) {
      throw new ApiError(ErrorCode.FamilyDeviceExceedLimit, `Family ${gateway.familyId} already holds ${FAMILY_DEVICE_LIMIT} devices.`)
    }
    world.placeDevice(device, gateway.familyId, DEFAULT_ROOM_ID)
    device.ownerId = ctx.user.userId
    device.updateTime = Math.floor(ctx.nowMs / 1000)
    return { AppDeviceInfo: appDeviceInfo(device) }
  },
}

const appGetGatewayBindDeviceList: TokenApiAction = {
  action: 'AppGetGatewayBindDeviceList',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetGatewayBindDeviceList'),
  handle(ctx) {
    const gateway = gatewayFor(ctx, { notMember: ErrorCode.StudioMemberNotExist, notGateway: ErrorCode.DeviceNotGateway })
    const page = readPage(ctx.params, MAX_SUBDEVICE_PAGE)
    const devices = subDevicesOf(ctx.cloud.world, gateway.deviceId).filter((d) => d.productId === ctx.params.ProductId)
    // Total is typed String but the example answers the number 2; the example wins (docs/api-decisions.md §4.5).
    return { DeviceList: slicePage(devices, page).map(topologyItem), Total: devices.length }
  },
}

/** The example's items; BindStatus (comment): 0 not bound to a family, 1 bound. */
function topologyItem(device: Device): Record<string, unknown> {
  return {
    ProductId: device.productId,
    DeviceName: device.deviceName,
    DeviceId: device.deviceId,
    AliasName: device.aliasName,
    IconUrl: device.iconUrl,
    BindStatus: device.familyId === '' ? 0 : 1,
  }
}

const appGetFamilySubDeviceList: TokenApiAction = {
  action: 'AppGetFamilySubDeviceList',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetFamilySubDeviceList'),
  handle(ctx) {
    const gateway = gatewayFor(ctx, { notMember: ErrorCode.NoPermissionToDevice, notGateway: ErrorCode.DeviceNotGateway })
    const page = readPage(ctx.params, MAX_SUBDEVICE_PAGE)
    const devices = subDevicesOf(ctx.cloud.world, gateway.deviceId).filter((d) => d.familyId === gateway.familyId)
    return { DeviceList: slicePage(devices, page).map(familySubDeviceItem), Total: devices.length }
  },
}

function familySubDeviceItem(device: Device): Record<string, unknown> {
  return {
    FamilyId: device.familyId,
    ProductId: device.productId,
    DeviceName: device.deviceName,
    DeviceId: device.deviceId,
    AliasName: device.aliasName,
    RoomId: device.roomId,
    IconUrl: device.iconUrl,
    DeviceType: device.deviceType,
    CreateTime: device.createTime,
    UpdateTime: device.updateTime,
  }
}

export const gatewayActions = [
  appSigGatewayBindDevice, appGatewayUnbindDevice, appBindSubDeviceInFamily, appGetGatewayBindDeviceList, appGetFamilySubDeviceList,
]
