/**
 * A few messages the demo account finds in its inbox in a fresh world: alerts of devices
 * in its home over the last days, and the notice of joining the neighbour's cottage.
 * They come from their own PRNG, after the fleet, so the fleet's ids stay as they were.
 */
import { DEMO_ACCOUNT } from '../demo-accounts'
import { Rng } from '../prng'
import type { Device } from '../world/model'
import { sampleValue } from '../world/thing-model'
import type { World } from '../world/world'
import { leaveDeviceMessage, type DeviceAlert } from './device-alerts'
import { memberAdded } from './notices'

/** Salt of the inbox's PRNG (seed ^ salt), distinct from the other generators'. */
const INBOX_SALT = 0x1bb0c5
const DEVICE_ALERTS = 3
const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

export function seedDemoInbox(world: World, nowMs: number): void {
  const rng = new Rng(world.seed ^ INBOX_SALT)
  const pending: { ms: number; leave: (ms: number) => void }[] = []
  for (const [device, alert] of pickAlerts(world, rng, Math.floor(nowMs / 1000))) {
    pending.push({ ms: nowMs - rng.int(10, 3 * 24 * 60) * MINUTE_MS, leave: (ms) => leaveDeviceMessage(world, device, alert, ms) })
  }
  const cottage = world.familiesOf(DEMO_ACCOUNT.userId).find(({ family }) => family.ownerId !== DEMO_ACCOUNT.userId)?.family
  if (cottage) {
    pending.push({ ms: nowMs - rng.int(20, 60) * DAY_MS, leave: (ms) => memberAdded(world, cottage, cottage.ownerId, DEMO_ACCOUNT.userId, ms) })
  }
  // Oldest first, so MsgIDs grow with time as they do for messages left later.
  for (const { ms, leave } of pending.sort((a, b) => a.ms - b.ms)) leave(ms)
}

/** Up to DEVICE_ALERTS devices of the demo home whose products define alert or fault events. */
function pickAlerts(world: World, rng: Rng, now: number): [Device, DeviceAlert][] {
  const home = world.familiesOf(DEMO_ACCOUNT.userId).find(({ family }) => family.ownerId === DEMO_ACCOUNT.userId)?.family
  if (!home) return []
  const candidates = world.devicesIn(home.familyId).filter((d) => alertEvents(world, d).length > 0)
  const out: [Device, DeviceAlert][] = []
  while (out.length < DEVICE_ALERTS && candidates.length > 0) {
    const [device] = candidates.splice(rng.int(0, candidates.length - 1), 1) as [Device]
    const event = rng.pick(alertEvents(world, device))
    const params = Object.fromEntries(event.params.map((p) => [p.id, sampleValue(p.define, rng, now)]))
    out.push([device, { eventId: event.id, type: event.type as DeviceAlert['type'], params }])
  }
  return out
}

function alertEvents(world: World, device: Device) {
  return world.products.get(device.productId)?.dataTemplate.events.filter((e) => e.type === 'alert' || e.type === 'fault') ?? []
}
