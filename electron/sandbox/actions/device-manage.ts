/** Device management (write side and details): delete, rename, move, details, ext info, WeChat ticket. */
import { appDeviceInfo } from './bind-device'
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { setOnline } from '../sim/device-behaviour'
import { derivedBytes, deviceLanIp, deviceMac } from '../world/device-identity'
import type { Device, Product, ProductKind } from '../world/model'
import { administeredFamily, administrableDevice, readableDevice } from './access'
import { deviceIdOf, deviceInFamily, targetRoom } from './device-access'
import { refreshSubDeviceCount, subDevicesOf } from './gateway'
import { catalogParams, type CloudState, type TokenApiAction } from './registry'

/** AliasName length (sandbox choice; the reference states none). */
const MAX_ALIAS_LENGTH = 64

const appDeleteDeviceInFamily: TokenApiAction = {
  action: 'AppDeleteDeviceInFamily',
  endpoint: 'tokenapi',
  shape: 'flat',
  // RoomId is marked required but the example omits it (docs/api-decisions.md §4.3): it is not needed
  // to find the device and is ignored when sent.
  params: catalogParams('AppDeleteDeviceInFamily', { relax: ['RoomId'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = administeredFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const device = deviceInFamily(world, family, deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string))
    removeFromWorld(ctx.cloud, device, ctx.requestId)
    return {}
  },
}

/**
 * A deleted device is reset (it must be configured and bound again) and drops offline, so
 * watchers see StatusChange/Offline. A gateway takes its sub-devices with it: without the
 * gateway they cannot reach the cloud, and they must be bound to a gateway again anyway.
 */
function removeFromWorld(cloud: CloudState, device: Device, clientToken: string): void {
  const subDevices = device.deviceType === 1 ? subDevicesOf(cloud.world, device.deviceId) : []
  for (const d of [...subDevices, device]) {
    setOnline(cloud, d, false)
    cloud.world.removeDevice(d.deviceId)
  }
  const gateway = device.gatewayId ? cloud.world.devices.get(device.gatewayId) : undefined
  if (gateway) refreshSubDeviceCount(cloud, gateway, clientToken)
}

const appUpdateDeviceInFamily: TokenApiAction = {
  action: 'AppUpdateDeviceInFamily',
  endpoint: 'tokenapi',
  // The example nests the device in Response.Data.
  shape: 'data',
  params: catalogParams('AppUpdateDeviceInFamily'),
  handle(ctx) {
    const { world } = ctx.cloud
    const device = administrableDevice(world, ctx.user.userId, deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string))
    device.aliasName = checkAlias(ctx.params.AliasName as string)
    device.updateTime = Math.floor(ctx.nowMs / 1000)
    return appDeviceInfo(device)
  },
}

function checkAlias(alias: string): string {
  const trimmed = alias.trim()
  if (trimmed === '' || [...trimmed].length > MAX_ALIAS_LENGTH) {
    throw invalidParam(`AliasName must be 1 to ${MAX_ALIAS_LENGTH} characters.`)
  }
  return trimmed
}


const appGetDeviceInFamily: TokenApiAction = {
  action: 'AppGetDeviceInFamily',
  endpoint: 'tokenapi',
  shape: 'data',
  params: catalogParams('AppGetDeviceInFamily'),
  handle(ctx) {
    const { world } = ctx.cloud
    const familyId = ctx.params.FamilyId as string
    const family = world.families.get(familyId)
    if (!family) throw new ApiError(ErrorCode.FamilyNotExist, `Family ${familyId} does not exist.`)
    // The table's code for a caller outside the family: "The family member is not created".
    if (!family.members.has(ctx.user.userId)) {
      throw new ApiError(ErrorCode.StudioMemberNotExist, `You are not a member of family ${familyId}.`)
    }
    const device = deviceInFamily(world, family, deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string))
    // DeviceType is in the example (0 ordinary, 1 gateway, 2 sub-device), not in the table.
    return { ...appDeviceInfo(device), DeviceType: device.deviceType }
  },
}

const appModifyFamilyDeviceRoom: TokenApiAction = {
  action: 'AppModifyFamilyDeviceRoom',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppModifyFamilyDeviceRoom'),
  handle(ctx) {
    const { world } = ctx.cloud
    const device = administrableDevice(world, ctx.user.userId, deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string))
    if (device.familyId !== ctx.params.FamilyId) {
      throw new ApiError(ErrorCode.DeviceNotExist, `Device ${device.deviceId} is not in family ${String(ctx.params.FamilyId)}.`)
    }
    // "" would mean "every room" in AppGetFamilyDeviceList; as a destination it is no room.
    if (ctx.params.RoomId === '') throw invalidParam('RoomId must name a room, or "0" for the default room.')
    world.placeDevice(device, device.familyId, targetRoom(world, device.familyId, ctx.params.RoomId as string))
    device.updateTime = Math.floor(ctx.nowMs / 1000)
    return {}
  },
}

const appGetDeviceExtInfo: TokenApiAction = {
  action: 'AppGetDeviceExtInfo',
  endpoint: 'tokenapi',
  // The only success example prints no Response envelope at all (docs/api-decisions.md §3): the
  // documented envelope answers just that; the wrapped one puts the fields under data.
  // Tencent's own client code (and the app) accept both.
  shape: 'bare',
  params: catalogParams('AppGetDeviceExtInfo'),
  handle(ctx) {
    const device = readableDevice(ctx.cloud.world, ctx.user.userId, ctx.params.DeviceId as string)
    const product = ctx.cloud.world.products.get(device.productId) as Product
    const seed = ctx.cloud.world.seed
    return {
      ManufacturerName: MANUFACTURER,
      ProductModel: PRODUCT_MODELS[product.kind],
      Mac: deviceMac(seed, device.deviceId),
      FwVer: firmwareVersion(seed, device),
      // The example's IP is "": what a device answers that is offline or has no IP of its own
      // (a Zigbee sub-device talks through its gateway).
      IP: device.online && device.deviceType !== 2 ? deviceLanIp(seed, device.deviceId) : '',
    }
  },
}

const MANUFACTURER = 'Sandbox Devices Co., Ltd.'
const PRODUCT_MODELS: Readonly<Record<ProductKind, string>> = {
  light: 'SBX-L100', plug: 'SBX-P200', gateway: 'SBX-G300', sensor: 'SBX-T400', camera: 'SBX-C500', speaker: 'SBX-S600',
}
const FIRMWARE_VERSIONS = ['1.0.0', '1.1.0', '1.2.0'] as const

/** The firmware the device reports: its `firmware` property where the template has one. */
function firmwareVersion(seed: number, device: Device): string {
  const reported = device.properties.get('firmware')?.value
  if (typeof reported === 'string' && reported !== '') return reported
  const pick = (derivedBytes(seed, 'firmware', device.deviceId)[0] ?? 0) % FIRMWARE_VERSIONS.length
  return FIRMWARE_VERSIONS[pick] as string
}

const appGetWechatDeviceTicket: TokenApiAction = {
  // Spelt with upper-case "APP" in the reference, like its parameter "Devicename".
  action: 'APPGetWechatDeviceTicket',
  endpoint: 'tokenapi',
  // Response.Data holds DeviceId, WXIoTDeviceInfo and RequestId.
  shape: 'dataWithRequestId',
  // "Devicename" as printed; the usual "DeviceName" is accepted too.
  params: catalogParams('APPGetWechatDeviceTicket').map((rule) =>
    rule.name === 'Devicename' ? { ...rule, exampleName: 'DeviceName' } : rule),
  handle(ctx) {
    const { world } = ctx.cloud
    const device = readableDevice(world, ctx.user.userId, deviceIdOf(ctx.params.ProductId as string, ctx.params.Devicename as string))
    const isThirdApp = ctx.params.IsThirdApp as number
    if (isThirdApp !== 0 && isThirdApp !== 1) throw invalidParam('IsThirdApp must be 1 (third-party mini program) or 0.')
    return {
      DeviceId: device.deviceId,
      WXIoTDeviceInfo: {
        // WeChat SNs allow letters, digits, "_" and "-".
        SN: `${device.productId}_${device.deviceName}`.replace(/[^A-Za-z0-9_-]/g, '_'),
        SNTicket: derivedBytes(world.seed, `sn-ticket:${ctx.nowMs}`, device.deviceId).toString('hex'),
        ModelId: (ctx.params.ModelId as string | undefined) || wechatModelId(world.seed, device.productId),
      },
    }
  },
}

/** WeChat model ids look like 22 characters of URL-safe Base64; one per product. */
function wechatModelId(seed: number, productId: string): string {
  return derivedBytes(seed, 'wechat-model', productId).subarray(0, 16).toString('base64url').slice(0, 22)
}

export const deviceManageActions = [
  appDeleteDeviceInFamily, appUpdateDeviceInFamily, appGetDeviceInFamily, appModifyFamilyDeviceRoom, appGetDeviceExtInfo, appGetWechatDeviceTicket,
]
