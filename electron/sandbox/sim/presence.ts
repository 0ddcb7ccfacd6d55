/**
 * Online state with gateways: a sub-device reaches the cloud only through its gateway, so
 * when a gateway drops its online sub-devices drop with it, and when it returns those come
 * back. A sub-device that tries to come online while its gateway is down waits for it.
 * Shared by the fleet simulation and the sandbox's control endpoint.
 */
import type { CloudState } from '../actions/registry'
import type { Device } from '../world/model'
import { setOnline } from './device-behaviour'

export class Presence {
  /** Sub-devices that are offline only because their gateway is. */
  private readonly waitingForGateway = new Set<string>()

  constructor(private readonly cloud: CloudState) {}

  set(device: Device, online: boolean): void {
    const gateway = device.gatewayId ? this.cloud.world.devices.get(device.gatewayId) : undefined
    if (online && gateway && !gateway.online) {
      this.waitingForGateway.add(device.deviceId)
      return
    }
    this.waitingForGateway.delete(device.deviceId)
    setOnline(this.cloud, device, online)
    if (device.deviceType === 1) this.carrySubDevices(device, online)
  }

  private carrySubDevices(gateway: Device, online: boolean): void {
    for (const sub of this.cloud.world.devicesIn(gateway.familyId)) {
      if (sub.gatewayId !== gateway.deviceId) continue
      if (!online && sub.online) {
        setOnline(this.cloud, sub, false)
        this.waitingForGateway.add(sub.deviceId)
      } else if (online && this.waitingForGateway.delete(sub.deviceId)) {
        setOnline(this.cloud, sub, true)
      }
    }
  }
}
