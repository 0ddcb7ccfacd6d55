import { describe, expect, it } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import type { CloudCall } from '../../electron/core/api/cloud-call'
import { withVideoSpelling } from '../../electron/core/video/video-spelling'

/** A cloud that knows only one spelling of the cloud-storage actions, recording what it was sent. */
function cloudKnowing(prefix: string) {
  const sent: string[] = []
  const call: CloudCall = async (action) => {
    sent.push(action)
    if (action.startsWith('lotVideo') || action.startsWith('IotVideo')) {
      if (!action.startsWith(prefix)) throw new ApiError({ kind: 'api', code: 'InvalidAction', message: `${action} unknown`, requestId: 'r-bad' })
    }
    return { data: { action }, requestId: 'r-ok' }
  }
  return { call, sent }
}

describe('cloud-storage action spelling', () => {
  it('sends the documented lotVideo… spelling to a cloud that answers it, once', async () => {
    const cloud = cloudKnowing('lotVideo')
    const call = withVideoSpelling(cloud.call, () => 'https://sandbox')
    await call('lotVideoDescribeCloudStorageDate', {})
    expect(cloud.sent).toEqual(['lotVideoDescribeCloudStorageDate'])
  })

  it('retries as IotVideo… on InvalidAction and remembers that spelling for the same cloud', async () => {
    const cloud = cloudKnowing('IotVideo')
    const call = withVideoSpelling(cloud.call, () => 'https://iot.cloud.tencent.com')
    const reply = await call('lotVideoDescribeCloudStorageDate', {})
    expect(reply.data.action).toBe('IotVideoDescribeCloudStorageDate')
    await call('lotVideoGenerateSignedVideoURL', {})
    expect(cloud.sent).toEqual(['lotVideoDescribeCloudStorageDate', 'IotVideoDescribeCloudStorageDate', 'IotVideoGenerateSignedVideoURL'])
  })

  it('remembers per cloud: another profile probes for itself', async () => {
    const real = cloudKnowing('IotVideo')
    const sandbox = cloudKnowing('lotVideo')
    let scope = 'real'
    const call = withVideoSpelling((action, params) => (scope === 'real' ? real.call : sandbox.call)(action, params), () => scope)
    await call('lotVideoDescribeCloudStorageTime', {})
    scope = 'sandbox'
    await call('IotVideoDescribeCloudStorageTime', {})
    expect(sandbox.sent).toEqual(['lotVideoDescribeCloudStorageTime'])
  })

  it('passes other failures and other actions through untouched', async () => {
    const sent: string[] = []
    const call = withVideoSpelling(async (action) => {
      sent.push(action)
      throw new ApiError({ kind: 'api', code: 'InvalidParameterValue', message: 'not a camera', requestId: 'r-1' })
    }, () => 'x')
    await expect(call('lotVideoDescribeCloudStorageDate', {})).rejects.toMatchObject({ code: 'InvalidParameterValue', requestId: 'r-1' })
    await expect(call('AppGetFamilyList', {})).rejects.toBeInstanceOf(ApiError)
    expect(sent).toEqual(['lotVideoDescribeCloudStorageDate', 'AppGetFamilyList'])
  })
})
