/** What RunningSandbox.ota shows tests and the app's demo views of firmware and upgrades. */
import type { World } from '../world/world'
import type { Firmware } from './firmware-catalogue'
import type { OtaEngine, OtaPublishRecord, UpgradeTask } from './ota-engine'
import type { UpgradeOutcome } from './upgrade-plan'

export interface OtaView {
  /** Every AppPublishFirmwareUpdateMessage that reached the device, oldest first, refused ones included. */
  publishesOf(deviceId: string): readonly OtaPublishRecord[]
  /** The same for every device that received one. */
  allPublishes(): ReadonlyMap<string, readonly OtaPublishRecord[]>
  /** The firmware version the device runs now; undefined for an unknown device. */
  versionOf(deviceId: string): string | undefined
  /** The device's latest upgrade, running or finished. */
  upgradeOf(deviceId: string): Readonly<UpgradeTask> | undefined
  /** The product's firmware, oldest version first. */
  firmwareOf(productId: string): readonly Firmware[]
  /**
   * The device's next upgrade ends as `mode` (default 'burn-failed'); 'reverted' walks to
   * status 6 and keeps the old version. control.failUpgrade picks a failure by itself.
   */
  failNextUpgrade(deviceId: string, mode?: UpgradeOutcome): void
}

export function otaView(engine: OtaEngine, world: World): OtaView {
  return {
    publishesOf: (deviceId) => engine.publishesOf(deviceId),
    allPublishes: () => engine.allPublishes(),
    versionOf: (deviceId) => {
      const device = world.devices.get(deviceId)
      return device ? engine.versionOf(device) : undefined
    },
    upgradeOf: (deviceId) => engine.lastTask(deviceId),
    firmwareOf: (productId) => engine.catalogue.versionsOf(productId),
    failNextUpgrade: (deviceId, mode = 'burn-failed') => engine.failNextUpgrade(deviceId, mode),
  }
}

export type { Firmware } from './firmware-catalogue'
export type { OtaPublishRecord, UpgradeTask } from './ota-engine'
export type { FailureMode, UpgradeOutcome } from './upgrade-plan'
