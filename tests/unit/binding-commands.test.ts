import { describe, expect, it } from 'vitest'
import { bindingCommands } from '../../electron/core/binding/commands'
import { formatSignPayload } from '../../shared/binding/sign-payload'
import { scriptedCloud, type Answer } from '../support/scripted-cloud'

const NOW_MS = 1_764_748_800_000
const NOW = NOW_MS / 1000

function cloudAnswering(answers: Record<string, Answer[]>) {
  const { call, sent } = scriptedCloud(answers)
  return { binding: bindingCommands(call, () => NOW_MS), sent }
}

const devicePayload = (connId: string, deviceTimestamp = NOW - 5) =>
  formatSignPayload({
    kind: 'device', productId: 'P1', deviceName: 'dev_a', deviceTimestamp, connId,
    signature: 'AB'.repeat(32), bindType: 'bluetooth_sign', signMethod: 'hmacsha256',
  })

describe('the binding commands speak the reference', () => {
  it('reads State 2 as "used" and anything else as still waiting', async () => {
    const cloud = cloudAnswering({ AppGetDeviceBindTokenState: [{ State: 1 }, { State: '2' }, { State: 0 }] })
    const state = () => cloud.binding['binding.tokenState']({ token: 'tok1' })
    expect([(await state()).state, (await state()).state, (await state()).state]).toEqual(['waiting', 'used', 'waiting'])
    expect(cloud.sent[0]).toEqual({ action: 'AppGetDeviceBindTokenState', params: { Token: 'tok1' } })
  })

  it('sends the payload\'s fields as AppSigBindDeviceInFamily takes them, leaving an empty ConnId out', async () => {
    const info = { AppDeviceInfo: { DeviceId: 'P1/dev_a', ProductId: 'P1', DeviceName: 'dev_a', FamilyId: 'f1', RoomId: 'r2' } }
    const cloud = cloudAnswering({ AppSigBindDeviceInFamily: [info, info] })
    expect(await cloud.binding['binding.bindWithSignature']({ familyId: 'f1', roomId: 'r2', payload: devicePayload('ab12c') }))
      .toEqual({ deviceId: 'P1/dev_a', familyId: 'f1', roomId: 'r2', requestId: 'r-1' })
    expect(cloud.sent[0]!.params).toEqual({
      FamilyId: 'f1', RoomId: 'r2', ProductId: 'P1', DeviceName: 'dev_a', DeviceTimestamp: NOW - 5, ConnId: 'ab12c',
      Signature: 'AB'.repeat(32), BindType: 'bluetooth_sign', SignMethod: 'hmacsha256',
    })
    await cloud.binding['binding.bindWithSignature']({ familyId: 'f1', roomId: 'r2', payload: devicePayload('') })
    expect(cloud.sent[1]!.params).not.toHaveProperty('ConnId')
  })

  it('refuses an expired payload with a typed error and calls nothing', async () => {
    const cloud = cloudAnswering({})
    const bind = cloud.binding['binding.bindWithSignature']({ familyId: 'f1', roomId: '0', payload: devicePayload('ab12c', NOW - 3600) })
    await expect(bind).rejects.toMatchObject({ kind: 'validation', code: 'Desk.InvalidSignPayload', message: expect.stringContaining('3600 s ago') })
    expect(cloud.sent).toEqual([])
  })

  it('lists a gateway\'s sub-devices with Total as text and BindStatus from the example\'s comment', async () => {
    const cloud = cloudAnswering({
      AppGetGatewayBindDeviceList: [{ DeviceList: [{ ProductId: 'S1', DeviceName: 'th_1', BindStatus: 0 }, { DeviceId: 'S1/th_2', DeviceName: 'th_2', BindStatus: 1 }], Total: '2' }],
    })
    expect(await cloud.binding['binding.gatewayDevices']({ gatewayId: 'G1/gw_1', productId: 'S1' })).toEqual([
      { deviceId: 'S1/th_1', productId: 'S1', deviceName: 'th_1', aliasName: '', inHome: false },
      { deviceId: 'S1/th_2', productId: 'S1', deviceName: 'th_2', aliasName: '', inHome: true },
    ])
    expect(cloud.sent[0]!.params).toEqual({ GatewayProductId: 'G1', GatewayDeviceName: 'gw_1', ProductId: 'S1', Offset: 0, Limit: 50 })
  })

  it('asks the WeChat ticket with the reference\'s "Devicename" spelling', async () => {
    const cloud = cloudAnswering({ APPGetWechatDeviceTicket: [{ DeviceId: 'P1/dev_a', WXIoTDeviceInfo: { SN: 'P1_dev_a', SNTicket: 'ab', ModelId: 'm1' } }] })
    expect(await cloud.binding['binding.wechatTicket']({ deviceId: 'P1/dev_a' })).toEqual({ deviceId: 'P1/dev_a', sn: 'P1_dev_a', snTicket: 'ab', modelId: 'm1', requestId: 'r-1' })
    expect(cloud.sent[0]!.params).toEqual({ ProductId: 'P1', Devicename: 'dev_a', IsThirdApp: 0 })
  })
})
