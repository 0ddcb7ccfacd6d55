/**
 * Who may touch which timer, scene or automation: members of a family use its devices,
 * scenes and automations; nobody else does. Built on actions/access.ts, but answering
 * with the codes these sections' error tables list: they name InvalidParameterValue.NoPermission
 * for a refused user and have no not-found code, so a missing family, device, timer,
 * scene or automation is InvalidParameterValue.
 */
import { readableDevice, readableFamily } from '../actions/access'
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import type { Device, Family } from '../world/model'
import type { World } from '../world/world'
import type { Automation, Scene } from './model'
import { intelligenceOf } from './store'
import { joinDeviceId } from '../../../shared/device-id'

export function linkageFamily(world: World, userId: string, familyId: string): Family {
  return withTableCodes(() => readableFamily(world, userId, familyId))
}

export function linkageDevice(world: World, userId: string, productId: string, deviceName: string): Device {
  return withTableCodes(() => readableDevice(world, userId, joinDeviceId(productId, deviceName)))
}

export function linkageScene(world: World, userId: string, sceneId: string): Scene {
  const scene = intelligenceOf(world).scenes.get(sceneId)
  if (!scene) throw invalidParam(`Scene ${sceneId} does not exist.`)
  linkageFamily(world, userId, scene.familyId)
  return scene
}

export function linkageAutomation(world: World, userId: string, automationId: string): Automation {
  const automation = intelligenceOf(world).automations.get(automationId)
  if (!automation) throw invalidParam(`Automation ${automationId} does not exist.`)
  linkageFamily(world, userId, automation.familyId)
  return automation
}

/** A device used by a scene or automation of `familyId` must be one of that family's. */
export function familyDevice(world: World, userId: string, familyId: string, productId: string, deviceName: string): Device {
  const device = linkageDevice(world, userId, productId, deviceName)
  if (device.familyId !== familyId) throw invalidParam(`Device ${device.deviceId} is not in family ${familyId}.`)
  return device
}

function withTableCodes<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.code === ErrorCode.NoPermissionToFamily) throw new ApiError(ErrorCode.NoPermissionToDevice, error.message)
    if (error.code === ErrorCode.FamilyNotExist || error.code === ErrorCode.DeviceNotExist) throw invalidParam(error.message)
    throw error
  }
}
