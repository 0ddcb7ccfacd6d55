/**
 * Sub-devices that have joined a gateway (its Zigbee network) but that nobody has added to a
 * family yet: AppGetGatewayBindDeviceList lists them with BindStatus 0 and
 * AppBindSubDeviceInFamily adds them. Made after the fleet from the seed and the gateway's
 * id (newDevice), so the fleet's own PRNG and ids never shift.
 */
import { DEMO_ACCOUNT } from '../demo-accounts'
import { newDevice } from './device-factory'
import { DEFAULT_ROOM_ID, type Product } from './model'
import { PRODUCT_IDS } from './products'
import type { World } from './world'

/** "th_gw_0001_new1": a sensor's prefix, the gateway it joined, its place in the queue. */
export function unboundSubDeviceName(gatewayDeviceName: string, index: number): string {
  return `th_${gatewayDeviceName}_new${index}`
}

/** Gives each gateway of the demo account's own homes `perGateway` unbound sub-devices. */
export function addUnboundSubDevices(world: World, perGateway: number, nowMs: number): void {
  if (perGateway <= 0) return
  const product = world.products.get(PRODUCT_IDS.sensor) as Product
  const homes = world.familiesOf(DEMO_ACCOUNT.userId).filter((entry) => entry.role === 1)
  for (const { family } of homes) {
    for (const gateway of world.devicesIn(family.familyId).filter((d) => d.deviceType === 1)) {
      for (let index = 1; index <= perGateway; index++) {
        const device = newDevice(world.seed, {
          product,
          deviceName: unboundSubDeviceName(gateway.deviceName, index),
          ownerId: gateway.ownerId,
          familyId: '',
          roomId: DEFAULT_ROOM_ID,
          gatewayId: gateway.deviceId,
          nowMs,
        })
        // A sub-device reaches the cloud through its gateway: online exactly when it is.
        device.online = gateway.online
        world.addDevice(device)
      }
      const count = gateway.properties.get('subdev_count')
      if (count) count.value = Number(count.value) + perGateway
    }
  }
}
