/**
 * The binding commands of the bridge (shared/contracts/binding.ts). `call` is the desk's
 * audited call: every binding, token and gateway change lands in the audit log with its
 * RequestId, refused or not. Signed payloads are checked here again with the one shared
 * reader before anything is sent, so a malformed or expired one never reaches the cloud.
 */
import type { bindingContract } from '../../../shared/contracts/binding'
import { checkSignPayload, type SignPayloadKind, type SignPayloadOf, type SignPayloadProblem } from '../../../shared/binding/sign-payload'
import { deviceParams, joinDeviceId } from '../../../shared/device-id'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import { appDeviceInfoShape, bindTokenShape, bindTokenStateShape, gatewayDeviceListShape, wechatTicketShape } from '../api/answers/binding'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { DomainHandlers } from '../dispatcher'

/** "Maximum return message count, with a maximum value of 50." */
const SUB_DEVICE_PAGE = 50
/** AppGetDeviceBindTokenState's "2: Usable status": the device has reported the token. */
const TOKEN_USABLE = 2

export function bindingCommands(call: CloudCall, now: () => number = Date.now): DomainHandlers<typeof bindingContract> {
  const gatewayParams = (gatewayId: string) => {
    const { ProductId, DeviceName } = deviceParams(gatewayId)
    return { GatewayProductId: ProductId, GatewayDeviceName: DeviceName }
  }
  return {
    'binding.createToken': async () => {
      const reply = await call('AppCreateDeviceBindToken', {})
      return { token: readAnswer(bindTokenShape, reply, 'AppCreateDeviceBindToken').Token, requestId: reply.requestId }
    },
    'binding.tokenState': async ({ token }) => {
      const reply = await call('AppGetDeviceBindTokenState', { Token: token })
      const { State } = readAnswer(bindTokenStateShape, reply, 'AppGetDeviceBindTokenState')
      return { state: State === TOKEN_USABLE ? 'used' : 'waiting' }
    },
    'binding.bindWithToken': async ({ familyId, roomId, token, deviceId }) => {
      const reply = await call('AppTokenBindDeviceFamily', { Token: token, ...deviceParams(deviceId), FamilyId: familyId, RoomId: roomId })
      return { deviceId, familyId, roomId, requestId: reply.requestId }
    },
    'binding.bindWithSignature': async ({ familyId, roomId, payload }) => {
      const p = readPayload(payload, now(), 'device')
      const params = {
        FamilyId: familyId,
        RoomId: roomId,
        ProductId: p.productId,
        DeviceName: p.deviceName,
        DeviceTimestamp: p.deviceTimestamp,
        // An empty ConnId is left out: the device signed it as "".
        ...(p.connId ? { ConnId: p.connId } : {}),
        Signature: p.signature,
        BindType: p.bindType,
        SignMethod: p.signMethod,
      }
      const reply = await call('AppSigBindDeviceInFamily', params)
      return placed(readAnswer(appDeviceInfoShape, reply, 'AppSigBindDeviceInFamily').AppDeviceInfo, reply.requestId, familyId, roomId)
    },
    'binding.gatewayDevices': async ({ gatewayId, productId }) => {
      const reply = await call('AppGetGatewayBindDeviceList', { ...gatewayParams(gatewayId), ProductId: productId, Offset: 0, Limit: SUB_DEVICE_PAGE })
      return readAnswer(gatewayDeviceListShape, reply, 'AppGetGatewayBindDeviceList').DeviceList.map((item) => ({
        deviceId: item.DeviceId || joinDeviceId(item.ProductId || productId, item.DeviceName),
        productId: item.ProductId || productId,
        deviceName: item.DeviceName,
        aliasName: item.AliasName,
        inHome: item.BindStatus === 1,
      }))
    },
    'binding.joinGateway': async ({ gatewayId, payload }) => {
      const p = readPayload(payload, now(), 'subDevice')
      const params = {
        ...gatewayParams(gatewayId),
        ProductId: p.productId,
        DeviceName: p.deviceName,
        DeviceTimestamp: p.deviceTimestamp,
        Nonce: p.nonce,
        Signature: p.signature,
      }
      const reply = await call('AppSigGatewayBindDevice', params)
      return { deviceId: joinDeviceId(p.productId, p.deviceName), requestId: reply.requestId }
    },
    'binding.addSubDevice': async ({ gatewayId, deviceId }) => {
      const reply = await call('AppBindSubDeviceInFamily', { ...gatewayParams(gatewayId), ...deviceParams(deviceId) })
      return placed(readAnswer(appDeviceInfoShape, reply, 'AppBindSubDeviceInFamily').AppDeviceInfo, reply.requestId, '', '0')
    },
    'binding.leaveGateway': async ({ gatewayId, deviceId }) => {
      const reply = await call('AppGatewayUnbindDevice', { ...gatewayParams(gatewayId), ...deviceParams(deviceId) })
      return { requestId: reply.requestId }
    },
    'binding.wechatTicket': async ({ deviceId }) => {
      const { ProductId, DeviceName } = deviceParams(deviceId)
      // Spelt "Devicename" by the reference; this app is no third-party mini program (IsThirdApp 0).
      const reply = await call('APPGetWechatDeviceTicket', { ProductId, Devicename: DeviceName, IsThirdApp: 0 })
      const answer = readAnswer(wechatTicketShape, reply, 'APPGetWechatDeviceTicket')
      const info = answer.WXIoTDeviceInfo
      return { deviceId: answer.DeviceId || deviceId, sn: info.SN, snTicket: info.SNTicket, modelId: info.ModelId, requestId: reply.requestId }
    },
  }
}

function placed(
  info: { DeviceId: string; ProductId: string; DeviceName: string; FamilyId: string; RoomId: string },
  requestId: string,
  familyId: string,
  roomId: string,
) {
  return {
    deviceId: info.DeviceId || joinDeviceId(info.ProductId, info.DeviceName),
    familyId: info.FamilyId || familyId,
    roomId: info.RoomId || roomId,
    requestId,
  }
}

/** The payload, or a typed validation error saying what is wrong with it (nothing is sent). */
function readPayload<K extends SignPayloadKind>(text: string, nowMs: number, kind: K): SignPayloadOf<K> {
  const checked = checkSignPayload(text, nowMs, kind)
  if (checked.ok) return checked.payload
  throw new ApiError({ kind: 'validation', code: LocalCode.InvalidSignPayload, message: describeProblem(checked.problem) })
}

export function describeProblem(problem: SignPayloadProblem): string {
  switch (problem.reason) {
    case 'empty':
      return 'The signed payload is empty.'
    case 'tooLong':
      return 'The signed payload is too long to be one.'
    case 'notJson':
      return 'The signed payload is not the JSON object a device prints.'
    case 'missing':
      return `The signed payload has no ${problem.field}.`
    case 'invalid':
      return `The signed payload's ${problem.field} is not valid.`
    case 'expired':
      return `The signed payload has expired: the device signed it ${problem.ageSeconds} s ago.`
    case 'future':
      return `The signed payload is dated ${problem.aheadSeconds} s in the future: check the device's clock.`
  }
}
