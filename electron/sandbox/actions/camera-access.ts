/**
 * What the six cloud-storage actions share: the action name in both spellings, the camera
 * a call is about (readable by the user and a camera product) and its archive now.
 */
import { ApiError, ErrorCode } from '../api/errors'
import { CameraArchive } from '../media/camera-archive'
import type { Device } from '../world/model'
import { readableDevice } from './access'
import type { TokenApiAction, TokenCallContext } from './registry'

/**
 * The reference prints every cloud-storage Action as `lotVideo…` with a lower-case L; the
 * service is IoT Video and the real name is almost certainly `IotVideo…` (an l/I mix-up,
 * docs/api-decisions.md §1 and the catalog's actionProbable). Clients may send either, so the sandbox
 * answers both spellings with the same handler.
 */
export function inBothSpellings(definition: TokenApiAction): TokenApiAction[] {
  if (!definition.action.startsWith('lotVideo')) throw new Error(`${definition.action} is not a lotVideo action`)
  return [definition, { ...definition, action: definition.action.replace(/^lotVideo/, 'IotVideo') }]
}

/**
 * The camera named by ProductId + DeviceName. Unknown devices and other users' devices get
 * the sandbox-wide codes (the tables here are copied from AppCreateDeviceBindToken,
 * docs/api-decisions.md §4.8); a device without cloud storage (not a camera) is InvalidParameterValue,
 * which the tables do list.
 */
export function cameraOf(ctx: TokenCallContext): Device {
  const { world } = ctx.cloud
  const deviceId = `${String(ctx.params.ProductId)}/${String(ctx.params.DeviceName)}`
  const device = readableDevice(world, ctx.user.userId, deviceId)
  if (world.products.get(device.productId)?.kind !== 'camera') {
    throw new ApiError(ErrorCode.InvalidParameterValue, `Device ${deviceId} has no cloud storage (not a camera).`)
  }
  // Every sandbox camera has one channel; ChannelId is for NVRs ("blank for non-NVR devices").
  const channel = ctx.params.ChannelId as number | undefined
  if (channel !== undefined && channel !== 0) {
    throw new ApiError(ErrorCode.InvalidParameterValue, `Device ${deviceId} is not an NVR; leave ChannelId out.`)
  }
  return device
}

/** UserId (optional in four of the tables) is not needed: the AccessToken names the user. */
export function archiveOf(ctx: TokenCallContext, camera: Device): CameraArchive {
  return new CameraArchive(ctx.cloud, camera, nowSec(ctx))
}

export function nowSec(ctx: TokenCallContext): number {
  return Math.floor(ctx.nowMs / 1000)
}
