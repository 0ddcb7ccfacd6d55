/** Who may read what: members of a family read it and its devices; nobody else does. */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import type { Device, Family } from '../world/model'
import type { World } from '../world/world'

export function readableFamily(world: World, userId: string, familyId: string): Family {
  const family = world.families.get(familyId)
  if (!family) throw new ApiError(ErrorCode.FamilyNotExist, `Family ${familyId} does not exist.`)
  if (!family.members.has(userId)) {
    throw new ApiError(ErrorCode.NoPermissionToFamily, `No permission to operate family ${familyId}.`)
  }
  return family
}

export function readableDevice(world: World, userId: string, deviceId: string): Device {
  if (!/^[^/]+\/[^/]+$/.test(deviceId)) throw invalidParam(`DeviceId ${deviceId} is not ProductId/DeviceName.`)
  const device = world.devices.get(deviceId)
  if (!device) throw new ApiError(ErrorCode.DeviceNotExist, `Device ${deviceId} does not exist.`)
  if (!world.canRead(userId, device)) {
    throw new ApiError(ErrorCode.NoPermissionToDevice, `No permission for device ${deviceId}.`)
  }
  return device
}
