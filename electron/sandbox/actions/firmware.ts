/**
 * Firmware Upgrade: versions devices run, the firmware their products have, and upgrades
 * (see ota/ota-engine.ts for how an upgrade unfolds).
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import type { ParamValues } from '../api/params'
import type { OtaReport } from '../ota/ota-engine'
import { isKnownOtaResult, OTA_RESULT_CODES, OTA_STATE_WORDS, OtaStatus, otaStatusOfState } from '../../../shared/firmware/ota-status'
import type { Device } from '../world/model'
import { readableDevice } from './access'
import { catalogParams, type TokenCallContext, type TokenApiAction } from './registry'

/** Version strings the sandbox accepts from devices: "1.0", "1.10.2", "t.2" (AppDescribeFirmware's example). */
const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/

function deviceOf(ctx: TokenCallContext): Device {
  return readableDevice(ctx.cloud.world, ctx.user.userId, `${String(ctx.params.ProductId)}/${String(ctx.params.DeviceName)}`)
}

const appReportFirmwareVersion: TokenApiAction = {
  action: 'AppReportFirmwareVersion',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppReportFirmwareVersion'),
  handle(ctx) {
    const device = deviceOf(ctx)
    ctx.cloud.ota.reportVersion(device, checkVersion(ctx.params.Version), `fw-${ctx.requestId}`)
    return {}
  },
}

const appCheckFirmwareUpdate: TokenApiAction = {
  action: 'AppCheckFirmwareUpdate',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppCheckFirmwareUpdate'),
  handle(ctx) {
    const { ota } = ctx.cloud
    const device = deviceOf(ctx)
    const current = ota.versionOf(device)
    const running = ota.activeTask(device.deviceId)
    if (running && current !== running.oriVersion && current !== running.dstVersion) {
      throw new ApiError(ErrorCode.DeviceInfoOutdated, `The device reports ${current}, which matches neither end of its upgrade ${running.oriVersion} -> ${running.dstVersion}.`)
    }
    // The reference leaves DstVersion undocumented when nothing is newer; the sandbox then
    // answers the current version, so DstVersion != CurrentVersion means "upgrade available".
    const dst = running?.dstVersion ?? ota.availableUpdate(device)?.version ?? current
    return { CurrentVersion: current, DstVersion: dst }
  },
}

const appGetDeviceOTAInfo: TokenApiAction = {
  action: 'AppGetDeviceOTAInfo',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetDeviceOTAInfo'),
  handle(ctx) {
    const { ota } = ctx.cloud
    const device = deviceOf(ctx)
    const running = ota.activeTask(device.deviceId)
    const target = running ? ota.catalogue.find(device.productId, running.dstVersion) : ota.availableUpdate(device)
    if (!target) {
      throw new ApiError(ErrorCode.DeviceFirmwareTaskNotExist, `No firmware upgrade task for device ${device.deviceId}: it runs the newest firmware.`)
    }
    return { FirmwareURL: ota.firmwareUrl(target), TargetVersion: target.version, UploadVersion: ota.versionOf(device) }
  },
}

const appPublishFirmwareUpdateMessage: TokenApiAction = {
  action: 'AppPublishFirmwareUpdateMessage',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppPublishFirmwareUpdateMessage'),
  handle(ctx) {
    ctx.cloud.ota.publish(deviceOf(ctx), { userId: ctx.user.userId, requestId: ctx.requestId })
    return {}
  },
}

const appReportOTAStatus: TokenApiAction = {
  action: 'AppReportOTAStatus',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The progress is spelt Persent in the table and both examples; Percent (as
  // AppDescribeFirmwareUpdateStatus answers it) is taken too.
  params: catalogParams('AppReportOTAStatus', { extra: [{ name: 'Percent', type: 'Int', kind: 'integer', required: false }] }),
  handle(ctx) {
    const device = deviceOf(ctx)
    const report = readReport(ctx.params)
    if (!ctx.cloud.ota.catalogue.find(device.productId, report.version)) {
      throw invalidParam(`Product ${device.productId} has no firmware ${report.version}.`)
    }
    ctx.cloud.ota.report(device, report)
    return {}
  },
}

function readReport(params: ParamValues): OtaReport {
  const status = otaStatusOfState(String(params.State).trim())
  if (status === undefined) throw invalidParam(`State must be one of ${OTA_STATE_WORDS.join(', ')}, not ${String(params.State)}.`)
  const resultCode = params.ResultCode as number
  if (!isKnownOtaResult(resultCode)) throw invalidParam(`ResultCode must be one of ${OTA_RESULT_CODES.join(', ')}, not ${resultCode}.`)
  const resultMsg = ((params.ResultMsg as string | undefined) ?? '').trim()
  if (status === OtaStatus.Failed && (resultCode === 0 || resultMsg === '')) {
    throw invalidParam('State fail needs a non-zero ResultCode and a ResultMsg.')
  }
  if (status !== OtaStatus.Failed && resultCode !== 0) throw invalidParam(`ResultCode ${resultCode} is only valid with State fail.`)
  const percent = (params.Persent ?? params.Percent) as number | undefined
  if (percent !== undefined && (percent < 0 || percent > 100)) throw invalidParam(`Persent must be from 0 to 100, not ${percent}.`)
  return { version: checkVersion(params.Version), status, resultCode, resultMsg, ...(percent === undefined ? {} : { percent }) }
}

const appDescribeFirmwareUpdateStatus: TokenApiAction = {
  action: 'AppDescribeFirmwareUpdateStatus',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The success example lost Status at a page break; the table lists it, so it is sent.
  params: catalogParams('AppDescribeFirmwareUpdateStatus'),
  handle(ctx) {
    const view = ctx.cloud.ota.statusOf(deviceOf(ctx))
    return { OriVersion: view.oriVersion, DstVersion: view.dstVersion, ErrMsg: view.errMsg, Percent: view.percent, Status: view.status }
  },
}

const appDescribeFirmware: TokenApiAction = {
  action: 'AppDescribeFirmware',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table's ProductID is also read as the example's ProductId.
  params: catalogParams('AppDescribeFirmware'),
  handle(ctx) {
    const { world, ota } = ctx.cloud
    const productId = ctx.params.ProductID as string
    const product = world.products.get(productId)
    if (!product) throw new ApiError(ErrorCode.StudioProductNotExist, `Product ${productId} does not exist.`)
    const version = ctx.params.FirmwareVersion as string
    const firmware = ota.catalogue.find(productId, version)
    if (!firmware) throw new ApiError(ErrorCode.FirmwareNotExist, `Product ${productId} has no firmware ${version}.`)
    return {
      ProductId: productId,
      Name: firmware.name,
      Description: firmware.description,
      Md5sum: firmware.md5,
      // Createtime (lower-case t) in Unix seconds, as the table and example spell it.
      Createtime: firmware.createTime,
      ProductName: product.name,
      FwType: firmware.fwType,
      Version: firmware.version,
    }
  },
}

function checkVersion(raw: unknown): string {
  const version = String(raw).trim()
  if (!VERSION_PATTERN.test(version)) throw invalidParam(`Version ${String(raw)} is not a firmware version (letters, digits, '.', '_' or '-', at most 32).`)
  return version
}

export const firmwareActions = [
  appReportFirmwareVersion,
  appCheckFirmwareUpdate,
  appGetDeviceOTAInfo,
  appPublishFirmwareUpdateMessage,
  appReportOTAStatus,
  appDescribeFirmwareUpdateStatus,
  appDescribeFirmware,
]
