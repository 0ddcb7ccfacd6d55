/**
 * Per-device rules shared by device management, binding, gateways and control, beside
 * access.ts (readableDevice: members and share guests read and control a device;
 * administrableDevice: only members of its family manage it; administeredFamily):
 * - devices are added to a family by any member, removed only by its administrator
 *   (AppDeleteFamilyMember is the reference's only "by administrators" action; Tencent's
 *   apps let only the administrator delete devices).
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { DEFAULT_ROOM_ID, type Device, type Family, type Product } from '../world/model'
import type { World } from '../world/world'
import { readableDevice } from './access'
import { joinDeviceId } from '../../../shared/device-id'

export function deviceIdOf(productId: string, deviceName: string): string {
  return joinDeviceId(productId, deviceName)
}

/** A device of the named family (the user being a member of it). */
export function deviceInFamily(world: World, family: Family, deviceId: string): Device {
  const device = world.devices.get(deviceId)
  if (!device || device.familyId !== family.familyId) {
    throw new ApiError(ErrorCode.DeviceNotExist, `Device ${deviceId} is not in family ${family.familyId}.`)
  }
  return device
}

/** A device the user may send commands to, and that can hear them. */
export function controllableDevice(world: World, userId: string, deviceId: string): Device {
  const device = readableDevice(world, userId, deviceId)
  if (!device.online) throw new ApiError(ErrorCode.DeviceOffline, `Device ${deviceId} is offline.`)
  return device
}

/** A RoomId for a device: a room of the family, or "0" / "" for the default room. */
export function targetRoom(world: World, familyId: string, roomId: string | undefined): string {
  const id = roomId === undefined || roomId === '' ? DEFAULT_ROOM_ID : roomId
  if (!world.isRoomOf(familyId, id)) throw invalidParam(`Room ${id} is not a room of family ${familyId}.`)
  return id
}

export function existingProduct(world: World, productId: string): Product {
  const product = world.products.get(productId)
  if (!product) throw new ApiError(ErrorCode.StudioProductNotExist, `Product ${productId} does not exist.`)
  return product
}

/**
 * Tencent's DeviceName rule (sandbox reading): 1-48 characters of letters, digits and
 * _ - . : @. Anything else could never have been created in the console.
 */
export function checkDeviceName(deviceName: string): string {
  if (!/^[A-Za-z0-9_\-.:@]{1,48}$/.test(deviceName)) {
    throw invalidParam(`DeviceName ${JSON.stringify(deviceName)} must be 1-48 letters, digits or _-.:@.`)
  }
  return deviceName
}

/** Parses a parameter that carries a JSON object as a string (Data, Params, InputParams). */
export function jsonObjectParam(name: string, text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalidParam(`${name} must be a JSON object in a string.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParam(`${name} must be a JSON object.`)
  return value as Record<string, unknown>
}
