/**
 * The firmware actions a rollout uses, typed and checked where the answers arrive. Calls go
 * through the desk's audited `call`, so every AppPublishFirmwareUpdateMessage lands in the
 * audit log with its RequestId.
 */
import type { FirmwareInfo, OtaStatusInfo } from '../../../shared/rollout'
import { otaStatusText } from '../../../shared/firmware/ota-status'
import { deviceIdOf, deviceParams } from '../../../shared/device-id'
import { checkShape, firmwareShape, statusShape } from '../api/answers/firmware'
import { deviceStatusesShape, subDeviceShape } from '../api/answers/fleet'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import { chunk, fetchAllPages } from '../api/paging'

export interface VersionCheck {
  current: string
  /** What the cloud offers; the current version when nothing is newer (sandbox choice, undocumented). */
  target: string
}

const STATUS_BATCH = 100
const SUB_DEVICE_PAGE = 50

export class FirmwareApi {
  constructor(private readonly call: CloudCall) {}

  async check(deviceId: string): Promise<VersionCheck> {
    const action = 'AppCheckFirmwareUpdate'
    const answer = readAnswer(checkShape, await this.call(action, deviceParams(deviceId)), action)
    return { current: answer.CurrentVersion, target: answer.DstVersion || answer.CurrentVersion }
  }

  async status(deviceId: string): Promise<OtaStatusInfo> {
    const action = 'AppDescribeFirmwareUpdateStatus'
    const s = readAnswer(statusShape, await this.call(action, deviceParams(deviceId)), action)
    return { status: s.Status, statusText: otaStatusText(s.Status), percent: s.Percent, oriVersion: s.OriVersion, dstVersion: s.DstVersion, errMsg: s.ErrMsg }
  }

  async describe(productId: string, version: string): Promise<FirmwareInfo> {
    const action = 'AppDescribeFirmware'
    // The table spells it ProductID, the example ProductId; the table is the contract.
    const f = readAnswer(firmwareShape, await this.call(action, { ProductID: productId, FirmwareVersion: version }), action)
    return {
      productId: f.ProductId || productId,
      productName: f.ProductName,
      version: f.Version || version,
      name: f.Name,
      description: f.Description,
      md5: f.Md5sum,
      createTime: f.Createtime,
      fwType: f.FwType,
    }
  }

  /** Sends the publish with a RequestId chosen (and stored) beforehand. */
  async publish(deviceId: string, requestId: string): Promise<string> {
    const reply = await this.call('AppPublishFirmwareUpdateMessage', deviceParams(deviceId), { requestId })
    return reply.requestId || requestId
  }

  /** Online state of each device (1 = online, as Tencent's own clients read it). */
  async online(deviceIds: readonly string[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>()
    for (const DeviceIds of chunk(deviceIds, STATUS_BATCH)) {
      const list = readAnswer(deviceStatusesShape, await this.call('AppGetDeviceStatuses', { DeviceIds }), 'AppGetDeviceStatuses')
      for (const s of list) out.set(deviceIdOf(s), s.Online === 1)
    }
    return out
  }

  /** The family's sub-devices hanging from this gateway. */
  async subDevices(gatewayId: string): Promise<string[]> {
    const { ProductId, DeviceName } = deviceParams(gatewayId)
    const list = await fetchAllPages(async (Offset, Limit) => {
      const params = { GatewayProductId: ProductId, GatewayDeviceName: DeviceName, Offset, Limit }
      const page = readAnswer(subDeviceShape, await this.call('AppGetFamilySubDeviceList', params), 'AppGetFamilySubDeviceList')
      return { items: page.DeviceList, total: page.Total }
    }, SUB_DEVICE_PAGE)
    return list.map(deviceIdOf)
  }
}
