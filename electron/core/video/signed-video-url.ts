/**
 * Playback links. lotVideoGenerateSignedVideoURL signs a recording's VideoURL until an
 * ExpireTime the caller picks (absolute Unix seconds: the reference's example 1619331648
 * is a date). The player asks again before that moment (renderer), so the lifetime here
 * only bounds how long a leaked link stays usable.
 */
import { LocalCode } from '../../../shared/errors'
import type { SignedVideoUrl } from '../../../shared/video'
import { ApiError } from '../api/api-error'
import type { CloudCall } from '../api/cloud-call'
import { splitDeviceId } from '../../../shared/device-id'

/** Ten minutes: short enough for a leaked link, long enough to need few re-signs. */
export const DEFAULT_LINK_SECONDS = 600

export interface SignRequest {
  deviceId: string
  videoUrl: string
}

export async function signVideoUrl(call: CloudCall, request: SignRequest, nowMs: number, linkSeconds = DEFAULT_LINK_SECONDS): Promise<SignedVideoUrl> {
  const [productId, deviceName] = splitDeviceId(request.deviceId)
  const expireTime = Math.floor(nowMs / 1000) + linkSeconds
  const action = 'lotVideoGenerateSignedVideoURL'
  const reply = await call(action, { ProductId: productId, DeviceName: deviceName, VideoURL: request.videoUrl, ExpireTime: expireTime })
  const url = reply.data.SignedVideoURL
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    throw new ApiError({ kind: 'validation', code: LocalCode.MalformedResponse, message: `The cloud's answer to ${action} has no SignedVideoURL.`, requestId: reply.requestId, action })
  }
  return { url, expireTime, requestId: reply.requestId }
}
