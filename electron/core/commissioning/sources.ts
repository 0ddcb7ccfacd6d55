/** The desk's services as commissioning's sources: the same reads the Home, device, firmware and recordings pages make. */
import type { AuditLog } from '../audit/audit-log'
import type { CloudCall } from '../api/cloud-call'
import { deviceCommands } from '../device/commands'
import type { FleetService } from '../fleet/fleet-service'
import { membersCommands } from '../members/commands'
import { FirmwareApi } from '../rollout/firmware-api'
import { videoCommands } from '../video/commands'
import type { CommissioningSources } from './facts'

export interface DeskParts {
  fleet: FleetService
  /** The audited call (changes land in the audit log). */
  call: CloudCall
  /** The call cloud-storage reads go through (the current cloud's spelling). */
  read: CloudCall
  audit: AuditLog
  account: () => string
  now: () => number
}

export function deskSources(parts: DeskParts): CommissioningSources {
  const members = membersCommands(parts.call)
  const device = deviceCommands(parts.call)
  const video = videoCommands(parts.read, parts.now)
  const firmware = new FirmwareApi(parts.call)
  return {
    family: (familyId) => parts.fleet.family(familyId),
    rooms: (familyId) => parts.fleet.rooms(familyId),
    devices: (familyId) => parts.fleet.devices(familyId),
    products: (productIds) => parts.fleet.productList(productIds),
    members: (familyId) => members['members.list']({ familyId }),
    firmware: (deviceId) => firmware.check(deviceId),
    deviceData: async (deviceId) => (await device['device.data']({ deviceId })).properties,
    recordedDates: async (deviceId) => (await video['video.recordedDates']({ deviceId })).dates,
    daySpans: async (deviceId, date) => (await video['video.dayRecordings']({ deviceId, date })).spans,
    audit: (filter) => parts.audit.list(filter).entries,
    account: parts.account,
    now: parts.now,
  }
}
