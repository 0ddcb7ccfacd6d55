/** The fleet commands of the bridge (shared/contracts/fleet.ts): homes, rooms, devices, products. */
import type { fleetContract } from '../../../shared/contracts/fleet'
import type { Device } from '../../../shared/domain'
import type { DomainHandlers } from '../dispatcher'
import type { EventHub } from '../events'
import type { FleetService } from './fleet-service'

export function fleetCommands(fleet: FleetService, hub: EventHub): DomainHandlers<typeof fleetContract> {
  return {
    'families.list': async () => fleet.families(),
    'families.describe': async ({ familyId }) => fleet.family(familyId),
    'rooms.list': async ({ familyId }) => fleet.rooms(familyId),
    'devices.list': async ({ familyId, roomId, streamId }) => {
      if (streamId === undefined) return fleet.devices(familyId, roomId ?? '', (loaded, total) => hub.emit('devices.progress', { familyId, loaded, total }))
      // Each page's rows ride on the progress event that follows it.
      let rows: Device[] = []
      await fleet.devices(
        familyId,
        roomId ?? '',
        (loaded, total) => {
          hub.emit('devices.progress', { familyId, loaded, total, streamId, devices: rows })
          rows = []
        },
        (page) => rows.push(...page),
      )
      return rows
    },
    'products.list': async ({ productIds }) => fleet.productList(productIds),
  }
}
