/**
 * Which devices of a selection can upgrade, and to what: the signed-in user's families and
 * devices (filtered by family, room, product or an explicit list), each device's current and
 * offered version (AppCheckFirmwareUpdate), filtered by current version, and the details of
 * every target firmware. Homes where the account is only a member are left out (their
 * administrators alone may upgrade), and counted so the user is told.
 */
import type { Device, Family } from '../../../shared/domain'
import type { ExcludedFamily, FirmwareInfo, PreviewDevice, RolloutPreview, RolloutSelection, UpgradePath } from '../../../shared/rollout'
import { ApiError } from '../api/api-error'
import type { FleetService } from '../fleet/fleet-service'
import { mapConcurrently } from '../../../shared/concurrency'
import type { FirmwareApi } from './firmware-api'
import { isNewer, sameVersion } from '../../../shared/firmware/version'

export interface PreviewDeps {
  fleet: FleetService
  api: FirmwareApi
  /** AppCheckFirmwareUpdate calls in flight at once. */
  concurrency: number
}

export async function previewSelection(selection: RolloutSelection, deps: PreviewDeps): Promise<RolloutPreview> {
  const { listed, excluded } = await selectedDevices(selection, deps.fleet)
  const checked = await mapConcurrently(listed, deps.concurrency, async ({ device, familyName, permitted }) => {
    const result = await checkOne(device, familyName, deps.api)
    // Still checked: the device list shows every device's version, whoever may upgrade it.
    return permitted ? result : { ...result, upgradable: false, reason: 'not-permitted' as const }
  })
  const versions = selection.versions
  const devices = versions?.length ? checked.filter((d) => versions.some((v) => sameVersion(v, d.currentVersion))) : checked
  const upgradable = devices.filter((d) => d.upgradable)
  return {
    devices,
    excluded,
    upgradable: upgradable.length,
    offline: upgradable.filter((d) => !d.online).length,
    upToDate: devices.filter((d) => d.reason === 'up-to-date').length,
    failedChecks: devices.filter((d) => d.reason === 'check-failed').length,
    paths: upgradePaths(upgradable),
    firmware: await targetFirmware(upgradable, deps.api),
  }
}

/** AppGetFamilyList Role of a home's administrator; 0 is an ordinary member. */
const ADMINISTRATOR = 1

/** Whether the account may upgrade the devices of this home. */
export const mayUpgradeIn = (family: Pick<Family, 'role'>): boolean => family.role === ADMINISTRATOR

interface Selected {
  listed: { device: Device; familyName: string; permitted: boolean }[]
  excluded: ExcludedFamily[]
}

async function selectedDevices(selection: RolloutSelection, fleet: FleetService): Promise<Selected> {
  const families = (await fleet.families()).filter((f) => !selection.familyIds?.length || selection.familyIds.includes(f.familyId))
  const rooms = new Set(selection.roomIds ?? [])
  const products = new Set(selection.productIds ?? [])
  const chosen = new Set(selection.deviceIds ?? [])
  const seen = new Set<string>()
  const out: Selected = { listed: [], excluded: [] }
  for (const family of families) {
    let taken = 0
    for (const device of await fleet.devices(family.familyId)) {
      if (seen.has(device.deviceId)) continue
      if (rooms.size > 0 && !rooms.has(device.roomId)) continue
      if (products.size > 0 && !products.has(device.productId)) continue
      if (chosen.size > 0 && !chosen.has(device.deviceId)) continue
      seen.add(device.deviceId)
      taken++
      out.listed.push({ device, familyName: family.name, permitted: mayUpgradeIn(family) })
    }
    if (!mayUpgradeIn(family) && taken > 0) out.excluded.push({ familyId: family.familyId, familyName: family.name, devices: taken, reason: 'member' })
  }
  return out
}

async function checkOne(device: Device, familyName: string, api: FirmwareApi): Promise<PreviewDevice> {
  const base = {
    deviceId: device.deviceId,
    productId: device.productId,
    productName: device.productName,
    aliasName: device.aliasName,
    familyId: device.familyId,
    familyName,
    roomId: device.roomId,
    roomName: device.roomName,
    online: device.online,
    deviceType: device.deviceType,
  }
  try {
    const { current, target } = await api.check(device.deviceId)
    const upgradable = isNewer(target, current)
    return { ...base, currentVersion: current, targetVersion: target, upgradable, reason: upgradable ? '' : 'up-to-date', detail: '' }
  } catch (error) {
    // An ended session fails the whole preview; one device's refusal only marks that device.
    if (error instanceof ApiError && error.kind === 'session') throw error
    const detail = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error)
    return { ...base, currentVersion: '', targetVersion: '', upgradable: false, reason: 'check-failed', detail }
  }
}

function upgradePaths(devices: readonly PreviewDevice[]): UpgradePath[] {
  const paths = new Map<string, UpgradePath>()
  for (const d of devices) {
    const key = `${d.productId}\n${d.currentVersion}\n${d.targetVersion}`
    const path = paths.get(key)
    if (path) path.count += 1
    else paths.set(key, { productId: d.productId, productName: d.productName, fromVersion: d.currentVersion, toVersion: d.targetVersion, count: 1 })
  }
  return [...paths.values()]
}

/** AppDescribeFirmware for each distinct target; a record the cloud cannot find is left out. */
async function targetFirmware(devices: readonly PreviewDevice[], api: FirmwareApi): Promise<FirmwareInfo[]> {
  const targets = new Map(devices.map((d) => [`${d.productId}\n${d.targetVersion}`, d]))
  const found = await mapConcurrently([...targets.values()], 4, async (d) => {
    try {
      return [await api.describe(d.productId, d.targetVersion)]
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'session') throw error
      return []
    }
  })
  return found.flat()
}
