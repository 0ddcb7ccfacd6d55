/**
 * Which firmware version each device runs. The fleet generator knows nothing of firmware,
 * so a device's first version is derived from (seed, deviceId) when first asked - most
 * devices run an older version than the newest - and only changes are stored. A product
 * whose data template has a `firmware` property (the gateway) starts on that property's
 * value, and every change is reported through it, so the two never disagree.
 */
import { reportProperties } from '../sim/device-behaviour'
import { hashKey, unitAt } from '../sim/seed-hash'
import type { CloudState } from '../actions/registry'
import type { Device } from '../world/model'
import type { FirmwareCatalogue } from './firmware-catalogue'

/** Share of devices already on the newest version, and on the one before it. */
const ON_LATEST = 0.15
const ON_PREVIOUS = 0.55
const FIRMWARE_PROPERTY = 'firmware'

export class DeviceFirmware {
  private readonly versions = new Map<string, string>()

  constructor(
    private readonly cloud: CloudState,
    private readonly catalogue: FirmwareCatalogue,
  ) {}

  versionOf(device: Device): string {
    let version = this.versions.get(device.deviceId)
    if (version === undefined) {
      version = this.initialVersion(device)
      this.versions.set(device.deviceId, version)
    }
    return version
  }

  /** The device now runs `version` (and says so through its firmware property, if it has one). */
  setVersion(device: Device, version: string, clientToken: string): void {
    this.versions.set(device.deviceId, version)
    if (this.hasFirmwareProperty(device) && device.properties.get(FIRMWARE_PROPERTY)?.value !== version) {
      reportProperties(this.cloud, device, { [FIRMWARE_PROPERTY]: version }, clientToken)
    }
  }

  private initialVersion(device: Device): string {
    const reported = device.properties.get(FIRMWARE_PROPERTY)?.value
    if (this.hasFirmwareProperty(device) && typeof reported === 'string' && reported !== '') return reported
    const versions = this.catalogue.versionsOf(device.productId)
    if (versions.length === 0) return '1.0.0'
    const roll = unitAt(hashKey(this.cloud.options.seed, 'firmware-version', device.deviceId), 0)
    const last = versions.length - 1
    const index = roll < ON_LATEST ? last
      : roll < ON_LATEST + ON_PREVIOUS || last < 2 ? Math.max(last - 1, 0)
      : Math.floor(((roll - ON_LATEST - ON_PREVIOUS) / (1 - ON_LATEST - ON_PREVIOUS)) * (last - 1))
    return (versions[index] ?? versions[0])?.version as string
  }

  private hasFirmwareProperty(device: Device): boolean {
    const template = this.cloud.world.products.get(device.productId)?.dataTemplate
    return template?.properties.some((p) => p.id === FIRMWARE_PROPERTY && p.define.type === 'string') ?? false
  }
}
