/** The firmware and rollout commands of the bridge (shared/contracts/firmware.ts). */
import type { firmwareContract } from '../../../shared/contracts/firmware'
import type { DomainHandlers } from '../dispatcher'
import type { RolloutService } from './rollout-service'

export function firmwareCommands(rollouts: RolloutService): DomainHandlers<typeof firmwareContract> {
  return {
    'ota.check': async ({ deviceId }) => rollouts.check(deviceId),
    'ota.versions': async ({ deviceIds }) => rollouts.versions(deviceIds),
    'ota.upgradeDevice': async ({ deviceId, targetVersion, deviceTimeoutMs }) => rollouts.upgradeDevice(deviceId, targetVersion, deviceTimeoutMs),
    'rollout.preview': async ({ selection }) => rollouts.preview(selection),
    'rollout.create': async ({ name, selection, plan }) => rollouts.create(name, selection, plan),
    'rollout.start': async ({ rolloutId }) => rollouts.start(rolloutId),
    'rollout.pause': async ({ rolloutId }) => rollouts.pause(rolloutId),
    'rollout.resume': async ({ rolloutId }) => rollouts.resume(rolloutId),
    'rollout.cancel': async ({ rolloutId }) => rollouts.cancel(rolloutId),
    'rollout.retry': async ({ rolloutId, deviceIds }) => rollouts.retry(rolloutId, deviceIds),
    'rollout.list': async () => rollouts.list(),
    'rollout.get': async ({ rolloutId, ...page }) => rollouts.get(rolloutId, page),
    'rollout.exportCsv': async ({ rolloutId }) => rollouts.exportCsv(rolloutId),
  }
}
