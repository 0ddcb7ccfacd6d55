/**
 * clientTokens of what the cloud sends a device on a user's behalf (controls, action
 * calls). The reference's Action push shows "136947493::req_1": a call serial, "::", and
 * the RequestId of the API call that caused it, which lets a client tie a push to its call.
 * The serial starts at a seed-derived nine-digit number and counts up per world.
 */
import type { CloudState } from '../actions/registry'
import { Rng } from '../prng'

const serials = new WeakMap<object, { next: number }>()

export function nextClientToken(cloud: CloudState, requestId: string): string {
  let serial = serials.get(cloud.world)
  if (!serial) {
    serial = { next: new Rng((cloud.world.seed ^ 0x5eed02) >>> 0).int(100_000_000, 899_999_999) }
    serials.set(cloud.world, serial)
  }
  const token = `${serial.next}::${requestId}`
  serial.next += 1
  return token
}
