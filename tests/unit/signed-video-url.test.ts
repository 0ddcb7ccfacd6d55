import { describe, expect, it } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import { DEFAULT_LINK_SECONDS, signVideoUrl } from '../../electron/core/video/signed-video-url'
import type { CloudCall } from '../../electron/core/api/cloud-call'

describe('signing a playback link', () => {
  it('asks for an absolute ExpireTime (Unix seconds) of the camera named by the device id', async () => {
    const sent: unknown[] = []
    const call: CloudCall = async (action, params) => {
      sent.push({ action, params })
      return { data: { SignedVideoURL: 'http://cloud/a.m3u8?exp=1&sign=x' }, requestId: 'r-1' }
    }
    const signed = await signVideoUrl(call, { deviceId: 'CAM9V4N7ZE/cam_0001', videoUrl: 'http://cloud/a.m3u8' }, 1_700_000_000_500)
    expect(signed).toEqual({ url: 'http://cloud/a.m3u8?exp=1&sign=x', expireTime: 1_700_000_000 + DEFAULT_LINK_SECONDS, requestId: 'r-1' })
    expect(sent).toEqual([
      {
        action: 'lotVideoGenerateSignedVideoURL',
        params: { ProductId: 'CAM9V4N7ZE', DeviceName: 'cam_0001', VideoURL: 'http://cloud/a.m3u8', ExpireTime: 1_700_000_000 + DEFAULT_LINK_SECONDS },
      },
    ])
  })

  it('refuses an answer without a usable URL, keeping its RequestId', async () => {
    const call: CloudCall = async () => ({ data: { SignedVideoURL: 'javascript:alert(1)' }, requestId: 'r-9' })
    const failure = signVideoUrl(call, { deviceId: 'P/d', videoUrl: 'http://cloud/a.m3u8' }, 0, 10)
    await expect(failure).rejects.toBeInstanceOf(ApiError)
    await expect(failure).rejects.toMatchObject({ code: 'Desk.MalformedResponse', requestId: 'r-9' })
  })
})
