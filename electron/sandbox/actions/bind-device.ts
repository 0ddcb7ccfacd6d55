/**
 * Binding a directly connected device (Wi-Fi, Bluetooth) into a family, shared by
 * AppTokenBindDeviceFamily and AppSigBindDeviceInFamily. Every ProductId of the catalogue
 * with any valid DeviceName counts as a device made and registered in the console, so a
 * user can bind devices the fleet never had; a device already in the world is bound.
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { MAX_DEVICES } from '../options'
import { reportProperties, setOnline } from '../sim/device-behaviour'
import { newDevice } from '../world/device-factory'
import type { Device, Family, User } from '../world/model'
import { readableFamily } from './access'
import { checkDeviceName, deviceIdOf, existingProduct, targetRoom } from './device-access'
import type { CloudState } from './registry'

/** Devices per family (sandbox choice: the largest fleet fits in one family). */
export const FAMILY_DEVICE_LIMIT = MAX_DEVICES

export interface BindRequest {
  productId: string
  deviceName: string
  familyId: string
  roomId: string | undefined
  nowMs: number
}

/** Checks everything a bind depends on, without changing anything. */
export function checkBind(cloud: CloudState, user: User, req: BindRequest): { family: Family; roomId: string } {
  const { world } = cloud
  const family = readableFamily(world, user.userId, req.familyId)
  const roomId = targetRoom(world, family.familyId, req.roomId)
  const product = existingProduct(world, req.productId)
  if (product.deviceType === 2) {
    throw new ApiError(ErrorCode.UnsupportedOperation, `${product.productId} makes sub-devices; bind them through their gateway.`)
  }
  checkDeviceName(req.deviceName)
  checkNotBound(world.devices.get(deviceIdOf(req.productId, req.deviceName)))
  if (world.devicesIn(family.familyId).length >= FAMILY_DEVICE_LIMIT) {
    throw new ApiError(ErrorCode.FamilyDeviceExceedLimit, `Family ${family.familyId} already holds ${FAMILY_DEVICE_LIMIT} devices.`)
  }
  return { family, roomId }
}

/** A device exists in the world only while bound; binding it again is refused. */
export function checkNotBound(device: Device | undefined): void {
  if (device) {
    throw new ApiError(ErrorCode.CannotBindSameFamily, `Device ${device.deviceId} has been bound. Do not repeat binding.`)
  }
}

/** Binds after checkBind: the device joins the family's room, comes online and reports its values. */
export function bindDevice(cloud: CloudState, user: User, req: BindRequest): Device {
  const { family, roomId } = checkBind(cloud, user, req)
  const product = existingProduct(cloud.world, req.productId)
  const device = newDevice(cloud.world.seed, {
    product,
    deviceName: req.deviceName,
    ownerId: user.userId,
    familyId: family.familyId,
    roomId,
    nowMs: req.nowMs,
  })
  cloud.world.addDevice(device)
  setOnline(cloud, device, true)
  reportFirstValues(cloud, device)
  return device
}

/** A device that has just connected reports every property once, as Tencent's device SDKs do on start. */
export function reportFirstValues(cloud: CloudState, device: Device): void {
  const values = Object.fromEntries([...device.properties].map(([id, state]) => [id, state.value]))
  reportProperties(cloud, device, values, `bind-${device.deviceId}`)
}

/** The reference's AppDeviceInfo (AppSigBindDeviceInFamily, AppBindSubDeviceInFamily examples). */
export function appDeviceInfo(device: Device): Record<string, unknown> {
  return {
    DeviceId: device.deviceId,
    ProductId: device.productId,
    DeviceName: device.deviceName,
    AliasName: device.aliasName,
    IconUrl: device.iconUrl,
    FamilyId: device.familyId,
    RoomId: device.roomId,
    CreateTime: device.createTime,
    UpdateTime: device.updateTime,
  }
}

/**
 * DeviceTimestamp (Unix seconds, the device's clock) must be recent: the reference gives no
 * window, the sandbox allows the appapi skew (options.maxClockSkewSeconds) either side. A
 * timestamp too old means the device has not been in touch lately (BindDeviceNotConnected,
 * "has not connected to the cloud recently"); one in the future is a bad value (a
 * millisecond timestamp lands here too).
 */
export function checkDeviceTimestamp(cloud: CloudState, deviceTimestamp: number, nowMs: number): void {
  const skew = cloud.options.maxClockSkewSeconds
  const age = Math.floor(nowMs / 1000) - deviceTimestamp
  if (age > skew) {
    throw new ApiError(ErrorCode.BindDeviceNotConnected, `DeviceTimestamp ${deviceTimestamp} is ${age} s old; the device has not connected recently.`)
  }
  if (age < -skew) throw invalidParam(`DeviceTimestamp ${deviceTimestamp} lies in the future (Unix seconds expected).`)
}
