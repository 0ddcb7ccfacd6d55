/**
 * Who may read what: members of a family read it and its devices; users a device is shared
 * with read that device (world.canRead); nobody else does.
 */
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

/**
 * A family the user administers (role 1): only an administrator modifies or deletes it,
 * manages its rooms and members. Members who are not get `refusal` (the code their
 * action's table documents), outsiders too.
 */
export function administeredFamily(world: World, userId: string, familyId: string, refusal: string = ErrorCode.NoPermissionToFamily): Family {
  const family = world.families.get(familyId)
  if (!family) throw new ApiError(ErrorCode.FamilyNotExist, `Family ${familyId} does not exist.`)
  if (family.members.get(userId) !== 1) {
    throw new ApiError(refusal, `Only an administrator of family ${familyId} may do this.`)
  }
  return family
}

/**
 * A device of one of the user's families. A user the device is shared with reads and
 * controls it (readableDevice) but does not administer it: binding, deleting, moving,
 * renaming and sharing it on need this.
 */
export function administrableDevice(world: World, userId: string, deviceId: string): Device {
  const device = readableDevice(world, userId, deviceId)
  if (world.roleOf(userId, device.familyId) === undefined) {
    throw new ApiError(ErrorCode.NoPermissionToDevice, `Device ${deviceId} is only shared with you.`)
  }
  return device
}
