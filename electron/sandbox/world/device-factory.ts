/**
 * Devices that join the world after the fleet was generated (bound by token, signature or
 * through a gateway). Their starting property values come from a PRNG derived from the
 * seed and the device id, so the same device bound in the same world always starts the
 * same, whatever else happened before, and the fleet's own PRNG is never touched.
 */
import { Rng } from '../prng'
import type { Device, Product } from './model'
import { sampleValue } from './thing-model'
import { joinDeviceId } from '../../../shared/device-id'

/** Salt of the new-device PRNG (the brief's "seed ^ 0x5EED01"). */
const NEW_DEVICE_SALT = 0x5eed01

export interface NewDeviceSpec {
  product: Product
  deviceName: string
  /** The user who binds it. */
  ownerId: string
  /** '' while it belongs to no family (a sub-device bound to a gateway only). */
  familyId: string
  roomId: string
  gatewayId?: string
  nowMs: number
}

/**
 * A device fresh from binding: offline until the caller brings it online (so the
 * StatusChange push is published), AliasName "" as in every AppDeviceInfo example,
 * properties inside the product's data template.
 */
export function newDevice(seed: number, spec: NewDeviceSpec): Device {
  const { product, deviceName, nowMs } = spec
  const deviceId = joinDeviceId(product.productId, deviceName)
  const now = Math.floor(nowMs / 1000)
  const rng = new Rng((seed ^ NEW_DEVICE_SALT ^ fnv1a(deviceId)) >>> 0)
  const device: Device = {
    deviceId,
    productId: product.productId,
    deviceName,
    aliasName: '',
    ownerId: spec.ownerId,
    familyId: spec.familyId,
    roomId: spec.roomId,
    iconUrl: '',
    deviceType: product.deviceType,
    online: false,
    properties: new Map(),
    createTime: now,
    updateTime: now,
  }
  if (spec.gatewayId) device.gatewayId = spec.gatewayId
  for (const property of product.dataTemplate.properties) {
    device.properties.set(property.id, { value: sampleValue(property.define, rng, now), lastUpdateMs: nowMs })
  }
  return device
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
