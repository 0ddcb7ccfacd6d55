/** The device commands of the bridge (shared/contracts/device.ts): one device's record, data, control and changes. */
import type { deviceContract } from '../../../shared/contracts/device'
import { actionCallShape, controlShape, deviceDataShape, eventHistoryShape, recordShape } from '../api/answers/device'
import { subDeviceShape } from '../api/answers/fleet'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import { fetchAllPages } from '../api/paging'
import type { DomainHandlers } from '../dispatcher'
import { deviceParams } from '../../../shared/device-id'

const SUB_DEVICE_PAGE = 50

/** `call` is the desk's audited call: every change lands in the audit log with its RequestId. */
export function deviceCommands(call: CloudCall): DomainHandlers<typeof deviceContract> {
  const change = async (action: string, params: Params) => ({ requestId: (await call(action, params)).requestId })
  return {
    'device.describe': async ({ familyId, deviceId }) => {
      const reply = await call('AppGetDeviceInFamily', { ...deviceParams(deviceId), FamilyId: familyId })
      return { requestId: reply.requestId, fields: readAnswer(recordShape, reply, 'AppGetDeviceInFamily') }
    },
    'device.extInfo': async ({ deviceId }) => {
      const reply = await call('AppGetDeviceExtInfo', { DeviceId: deviceId })
      return { requestId: reply.requestId, fields: readAnswer(recordShape, reply, 'AppGetDeviceExtInfo') }
    },
    'device.data': async ({ deviceId }) => {
      const reply = await call('AppGetDeviceData', deviceParams(deviceId))
      return { requestId: reply.requestId, properties: readAnswer(deviceDataShape, reply, 'AppGetDeviceData') }
    },
    'device.control': async ({ deviceId, values }) => {
      const reply = await call('AppControlDeviceData', { ...deviceParams(deviceId), Data: JSON.stringify(values) })
      return { requestId: reply.requestId, clientToken: readAnswer(controlShape, reply, 'AppControlDeviceData').ClientToken }
    },
    'device.callAction': async ({ deviceId, actionId, input, mode }) => {
      const action = mode === 'sync' ? 'AppCallDeviceActionSync' : 'AppCallDeviceActionAsync'
      const reply = await call(action, { ...deviceParams(deviceId), ActionId: actionId, InputParams: JSON.stringify(input) })
      const answer = readAnswer(actionCallShape, reply, action)
      return { requestId: reply.requestId, clientToken: answer.ClientToken, status: answer.Status, output: answer.OutputParams }
    },
    'device.rename': ({ deviceId, aliasName }) => change('AppUpdateDeviceInFamily', { ...deviceParams(deviceId), AliasName: aliasName }),
    'device.moveToRoom': ({ familyId, deviceId, roomId }) =>
      change('AppModifyFamilyDeviceRoom', { ...deviceParams(deviceId), FamilyId: familyId, RoomId: roomId }),
    'device.remove': ({ familyId, deviceId, roomId }) => change('AppDeleteDeviceInFamily', { ...deviceParams(deviceId), FamilyId: familyId, RoomId: roomId }),
    'device.eventHistory': async (args) => eventHistoryPage(call, args),
    'device.subDevices': async ({ gatewayId }) => {
      const { ProductId, DeviceName } = deviceParams(gatewayId)
      const list = await fetchAllPages(async (Offset, Limit) => {
        const action = 'AppGetFamilySubDeviceList'
        const page = readAnswer(subDeviceShape, await call(action, { GatewayProductId: ProductId, GatewayDeviceName: DeviceName, Offset, Limit }), action)
        return { items: page.DeviceList, total: page.Total }
      }, SUB_DEVICE_PAGE)
      return list.map((d) => ({
        deviceId: d.DeviceId || `${d.ProductId}/${d.DeviceName}`,
        productId: d.ProductId,
        deviceName: d.DeviceName,
        aliasName: d.AliasName,
        familyId: d.FamilyId,
        roomId: d.RoomId,
      }))
    },
  }
}

interface EventHistoryArgs {
  deviceId: string
  fromMs: number
  toMs: number
  type?: string
  eventId?: string
  context?: string
  size: number
}

/** One page of AppListEventHistory; paging stops on Listover, an empty cursor or an empty page. */
async function eventHistoryPage(call: CloudCall, args: EventHistoryArgs) {
  const params: Params = { ...deviceParams(args.deviceId), Size: args.size, StartTime: Math.floor(args.fromMs / 1000), EndTime: Math.floor(args.toMs / 1000) }
  if (args.type) params.Type = args.type
  if (args.eventId) params.EventId = args.eventId
  if (args.context) params.Context = args.context
  const reply = await call('AppListEventHistory', params)
  const page = readAnswer(eventHistoryShape, reply, 'AppListEventHistory')
  const events = page.EventHistory.map((e) => ({ timeMs: e.TimeStamp * 1000, eventId: e.EventId, type: e.Type, data: e.Data }))
  return {
    events: events.sort((a, b) => b.timeMs - a.timeMs),
    context: page.Context,
    listover: page.Listover || page.Context === '' || events.length === 0,
    total: page.Total,
    requestId: reply.requestId,
  }
}
