/**
 * Firmware upgrades. A device whose product has a newer firmware than it runs has an
 * upgrade waiting for the user's confirmation (status 8); AppPublishFirmwareUpdateMessage
 * confirms it and the engine walks the device through the upgrade (see upgrade-plan.ts),
 * one push per status change, over `otaDurationMs`. It fails for a share `otaFailureRate`
 * of attempts (deterministic per seed, device and attempt) and whenever a fault is
 * injected (Faults.failUpgradeOf). AppReportOTAStatus reports progress as the device
 * would, and takes over an upgrade the engine was driving.
 *
 * Every publish that reaches a device is recorded, refused or not, so tests can check that
 * a client never sent one twice.
 */
import { createHmac } from 'node:crypto'
import type { OtaProgressPayload } from '../../../shared/api/push'
import type { CloudState } from '../actions/registry'
import { ApiError, ErrorCode } from '../api/errors'
import { setOnline } from '../sim/device-behaviour'
import { hashKey, intAt, unitAt } from '../sim/seed-hash'
import type { Cancel } from '../sim/scheduler'
import type { Device } from '../world/model'
import { DeviceFirmware } from './device-firmware'
import { FirmwareCatalogue, type Firmware } from './firmware-catalogue'
import { FAILURE_MODES, FAILURES, failureAt, planFor, type FailureMode, type Step, type UpgradeOutcome } from './upgrade-plan'
import { isOtaTerminal, OtaStatus, otaStateOf } from '../../../shared/firmware/ota-status'
import { isNewer } from '../../../shared/firmware/version'

export interface UpgradeTask {
  readonly taskId: number
  readonly deviceId: string
  readonly oriVersion: string
  readonly dstVersion: string
  status: number
  percent: number
  errMsg: string
  resultCode: number
  /** 'publish': the engine drives it; 'report': AppReportOTAStatus calls do. */
  source: 'publish' | 'report'
  outcome: UpgradeOutcome
  /** Set while the engine has the device offline for its reboot. */
  rebooting: boolean
  /** The version the device ran when the upgrade finished. */
  finalVersion?: string
  cancel?: Cancel
}

export interface OtaPublishRecord {
  readonly atMs: number
  readonly requestId: string
  readonly userId: string
  readonly fromVersion: string
  readonly toVersion: string
  /** 'started', or the error code the publish was refused with. */
  readonly outcome: string
}

/** What AppReportOTAStatus tells about an upgrade, checked by the action. */
export interface OtaReport {
  version: string
  status: number
  percent?: number
  resultCode: number
  resultMsg: string
}

/** What AppDescribeFirmwareUpdateStatus answers. */
export interface OtaStatusView {
  oriVersion: string
  dstVersion: string
  status: number
  percent: number
  errMsg: string
}


export class OtaEngine {
  readonly catalogue: FirmwareCatalogue
  private readonly firmware: DeviceFirmware
  private readonly tasks = new Map<string, UpgradeTask>()
  private readonly publishes = new Map<string, OtaPublishRecord[]>()
  private readonly attempts = new Map<string, number>()
  private readonly forced = new Map<string, UpgradeOutcome>()
  private nextTaskId = 1
  /** Origin of firmware download URLs; the server sets it once it listens. */
  private origin: string

  /**
   * `setPresence` takes a device offline and back for its reboot; the cloud passes the
   * simulation's, so a rebooting gateway takes its sub-devices with it.
   */
  constructor(
    private readonly cloud: CloudState,
    private readonly setPresence: (device: Device, online: boolean) => void = (device, online) => setOnline(cloud, device, online),
  ) {
    this.catalogue = new FirmwareCatalogue(cloud.options.seed, cloud.world.products.values(), cloud.options.clock())
    this.firmware = new DeviceFirmware(cloud, this.catalogue)
    this.origin = `http://127.0.0.1:${cloud.options.port}`
  }

  setOrigin(origin: string): void {
    this.origin = origin.replace(/\/+$/, '')
  }

  // --- reading ------------------------------------------------------------------------

  versionOf(device: Device): string {
    return this.firmware.versionOf(device)
  }

  /** The newest firmware of the device's product when it is newer than what the device runs. */
  availableUpdate(device: Device): Firmware | undefined {
    const latest = this.catalogue.latest(device.productId)
    return latest && isNewer(latest.version, this.versionOf(device)) ? latest : undefined
  }

  /** The device's upgrade in progress, if any. */
  activeTask(deviceId: string): Readonly<UpgradeTask> | undefined {
    const task = this.tasks.get(deviceId)
    return task && !isOtaTerminal(task.status) ? task : undefined
  }

  /** The device's latest upgrade, running or finished. */
  lastTask(deviceId: string): Readonly<UpgradeTask> | undefined {
    return this.tasks.get(deviceId)
  }

  /** The upgrade state AppDescribeFirmwareUpdateStatus reports. */
  statusOf(device: Device): OtaStatusView {
    const task = this.tasks.get(device.deviceId)
    const current = this.versionOf(device)
    // A finished upgrade stays the answer until the device reports another version.
    if (task && (!isOtaTerminal(task.status) || task.finalVersion === current)) {
      return { oriVersion: task.oriVersion, dstVersion: task.dstVersion, status: task.status, percent: task.percent, errMsg: task.errMsg }
    }
    const update = this.availableUpdate(device)
    // No upgrade (or one the device has moved on from): one waits for confirmation (8), or cannot reach an offline device
    // (0, the reference's unnumbered "Device is offline"), or there is nothing to do (6).
    if (!update) return { oriVersion: current, dstVersion: current, status: OtaStatus.Done, percent: 100, errMsg: '' }
    return { oriVersion: current, dstVersion: update.version, status: device.online ? OtaStatus.AwaitingConfirmation : OtaStatus.Offline, percent: 0, errMsg: '' }
  }

  publishesOf(deviceId: string): readonly OtaPublishRecord[] {
    return this.publishes.get(deviceId) ?? []
  }

  allPublishes(): ReadonlyMap<string, readonly OtaPublishRecord[]> {
    return this.publishes
  }

  /** Where the device downloads an image: this sandbox's /firmware route, signed. */
  firmwareUrl(firmware: Firmware): string {
    const path = firmwarePath(firmware.productId, firmware.version)
    return `${this.origin}${path}?sign=${this.signOf(firmware.productId, firmware.version)}`
  }

  /** Whether `sign` is the one firmwareUrl gave for this image. */
  checkSign(productId: string, version: string, sign: string): boolean {
    return sign === this.signOf(productId, version)
  }

  // --- changing -----------------------------------------------------------------------

  /** The device's next upgrade fails, in `mode` ('reverted': says done, keeps its version). */
  failNextUpgrade(deviceId: string, mode: UpgradeOutcome): void {
    this.forced.set(deviceId, mode)
  }

  /** AppReportFirmwareVersion: the device runs `version`; an upgrade to it is thereby done. */
  reportVersion(device: Device, version: string, clientToken: string): void {
    this.firmware.setVersion(device, version, clientToken)
    const task = this.activeTask(device.deviceId) as UpgradeTask | undefined
    if (task && task.dstVersion === version) {
      this.takeOver(device, task)
      this.update(device, task, { status: OtaStatus.Done, percent: 100, errMsg: '', resultCode: 0 })
    }
  }

  /** AppPublishFirmwareUpdateMessage: confirms the waiting upgrade and starts it. */
  publish(device: Device, by: { userId: string; requestId: string }): UpgradeTask {
    const running = this.activeTask(device.deviceId)
    const update = this.availableUpdate(device)
    const refusal = running
      ? new ApiError(ErrorCode.DeviceIsUpdating, `Device ${device.deviceId} is already upgrading to ${running.dstVersion}.`)
      : !device.online
        ? new ApiError(ErrorCode.DeviceOffline, `Device ${device.deviceId} is offline.`)
        : !update
          ? new ApiError(ErrorCode.DeviceHasNoFirmware, `No firmware newer than ${this.versionOf(device)} for device ${device.deviceId}.`)
          : undefined
    this.record(device, by, running?.dstVersion ?? update?.version ?? this.versionOf(device), refusal?.code ?? 'started')
    if (refusal) throw refusal
    return this.start(device, (update as Firmware).version)
  }

  /** AppReportOTAStatus: progress as the device reports it. */
  report(device: Device, report: OtaReport): void {
    let task = this.activeTask(device.deviceId) as UpgradeTask | undefined
    if (task && task.dstVersion !== report.version) {
      throw new ApiError(ErrorCode.InvalidParameterValue, `Version ${report.version} is not the target of the upgrade in progress (${task.dstVersion}).`)
    }
    if (!task) task = this.newTask(device, report.version, 'report', 'success')
    this.takeOver(device, task)
    const percent = report.percent ?? (report.status === OtaStatus.Done ? 100 : task.percent)
    if (report.status === OtaStatus.Done) this.firmware.setVersion(device, report.version, tokenOf(device, task))
    this.update(device, task, { status: report.status, percent, errMsg: report.resultMsg, resultCode: report.resultCode })
  }

  // --- the simulation -------------------------------------------------------------------

  private start(device: Device, target: string): UpgradeTask {
    const attempt = (this.attempts.get(device.deviceId) ?? 0) + 1
    this.attempts.set(device.deviceId, attempt)
    const task = this.newTask(device, target, 'publish', this.outcomeOf(device.deviceId, attempt))
    this.update(device, task, { status: OtaStatus.Pending, percent: 0 })
    this.schedule(task, planFor(task.outcome), 0, 0)
    return task
  }

  private newTask(device: Device, target: string, source: UpgradeTask['source'], outcome: UpgradeOutcome): UpgradeTask {
    this.tasks.get(device.deviceId)?.cancel?.()
    const task: UpgradeTask = {
      taskId: this.nextTaskId++,
      deviceId: device.deviceId,
      oriVersion: this.versionOf(device),
      dstVersion: target,
      status: OtaStatus.Pending,
      percent: 0,
      errMsg: '',
      resultCode: 0,
      source,
      outcome,
      rebooting: false,
    }
    this.tasks.set(device.deviceId, task)
    return task
  }

  /** Forced outcomes first, then injected faults, then the failure rate. */
  private outcomeOf(deviceId: string, attempt: number): UpgradeOutcome {
    const forced = this.forced.get(deviceId)
    if (forced) {
      this.forced.delete(deviceId)
      return forced
    }
    const key = hashKey(this.cloud.options.seed, 'ota-outcome', deviceId)
    if (this.cloud.faults.takeUpgradeFailure(deviceId)) return FAILURE_MODES[intAt(key, attempt, 0, FAILURE_MODES.length - 1, 1)] as FailureMode
    if (unitAt(key, attempt) >= this.cloud.options.otaFailureRate) return 'success'
    // A random failure may also be the treacherous one: done, but on the old version.
    const modes: UpgradeOutcome[] = [...FAILURE_MODES, 'reverted']
    return modes[intAt(key, attempt, 0, modes.length - 1, 2)] as UpgradeOutcome
  }

  private schedule(task: UpgradeTask, steps: readonly Step[], index: number, elapsed: number): void {
    const step = steps[index]
    if (!step) return
    const delay = Math.max(0, Math.round((step.at - elapsed) * this.cloud.options.otaDurationMs))
    task.cancel = this.cloud.scheduler.after(delay, () => this.runStep(task, steps, index))
  }

  private runStep(task: UpgradeTask, steps: readonly Step[], index: number): void {
    const device = this.cloud.world.devices.get(task.deviceId)
    if (!device || this.tasks.get(task.deviceId) !== task || task.source !== 'publish') return
    const step = steps[index] as Step
    const interruption = this.interruption(device, task)
    if (interruption) return this.fail(device, task, interruption)
    this.apply(device, task, step)
    if (!isOtaTerminal(task.status)) this.schedule(task, steps, index + 1, step.at)
  }

  /** A fault injected meanwhile, or the device dropping off outside its reboot, ends the upgrade. */
  private interruption(device: Device, task: UpgradeTask): { resultCode: number; message: string } | undefined {
    const willSucceed = task.outcome === 'success' || task.outcome === 'reverted'
    if (willSucceed && this.cloud.faults.takeUpgradeFailure(device.deviceId)) return FAILURES[failureAt(task.status)]
    if (!device.online && !task.rebooting) {
      return { resultCode: FAILURES[failureAt(task.status)].resultCode, message: 'The device went offline during the upgrade.' }
    }
    return undefined
  }

  private apply(device: Device, task: UpgradeTask, step: Step): void {
    switch (step.kind) {
      case 'progress':
        return this.update(device, task, { status: step.status, percent: step.percent })
      case 'offline':
        task.rebooting = true
        return this.setPresence(device, false)
      case 'online':
        return this.endReboot(device, task)
      case 'fail':
        return this.fail(device, task, step)
      case 'done': {
        // 'reverted': the device said done but came back from its reboot on the old image.
        const running = task.outcome === 'reverted' ? task.oriVersion : task.dstVersion
        this.firmware.setVersion(device, running, tokenOf(device, task))
        return this.update(device, task, { status: OtaStatus.Done, percent: 100, errMsg: '', resultCode: 0 })
      }
    }
  }

  /** The reports drive the upgrade from now on; a device the engine was rebooting is back. */
  private takeOver(device: Device, task: UpgradeTask): void {
    task.cancel?.()
    task.cancel = undefined
    task.source = 'report'
    this.endReboot(device, task)
  }

  private endReboot(device: Device, task: UpgradeTask): void {
    if (!task.rebooting) return
    task.rebooting = false
    this.setPresence(device, true)
  }

  private fail(device: Device, task: UpgradeTask, why: { resultCode: number; message: string }): void {
    // A failure during the reboot brings the device back on its old image.
    this.endReboot(device, task)
    this.update(device, task, { status: OtaStatus.Failed, errMsg: why.message, resultCode: why.resultCode })
  }

  private update(device: Device, task: UpgradeTask, change: Partial<Pick<UpgradeTask, 'status' | 'percent' | 'errMsg' | 'resultCode'>>): void {
    Object.assign(task, change)
    if (isOtaTerminal(task.status)) {
      task.cancel = undefined
      task.finalVersion = this.versionOf(device)
    }
    const payload: OtaProgressPayload = {
      method: 'ota_progress',
      clientToken: tokenOf(device, task),
      status: task.status,
      state: otaStateOf(task.status),
      percent: task.percent,
      version: task.dstVersion,
      oriVersion: task.oriVersion,
      currentVersion: this.versionOf(device),
      resultCode: task.resultCode,
      resultMsg: task.errMsg,
      timestamp: this.cloud.options.clock(),
    }
    const topic = `$ota/report/${device.productId}/${device.deviceName}`
    this.cloud.pushes.publish({ deviceId: device.deviceId, type: 'Event', subType: 'Report', topic, payload })
  }

  private record(device: Device, by: { userId: string; requestId: string }, toVersion: string, outcome: string): void {
    const record: OtaPublishRecord = {
      atMs: this.cloud.options.clock(),
      requestId: by.requestId,
      userId: by.userId,
      fromVersion: this.versionOf(device),
      toVersion,
      outcome,
    }
    const list = this.publishes.get(device.deviceId)
    if (list) list.push(Object.freeze(record))
    else this.publishes.set(device.deviceId, [Object.freeze(record)])
  }

  private signOf(productId: string, version: string): string {
    return createHmac('sha256', this.cloud.options.appSecret).update(`${productId}/${version}`).digest('hex').slice(0, 32)
  }
}

/** `/firmware/{ProductId}/{version}.bin`, the route http/firmware-route.ts serves. */
export function firmwarePath(productId: string, version: string): string {
  return `/firmware/${encodeURIComponent(productId)}/${encodeURIComponent(version)}.bin`
}

function tokenOf(device: Device, task: UpgradeTask): string {
  return `ota-${device.deviceName}-${task.taskId}`
}
