/**
 * The inbox of every user: seeded for the demo account when the cloud starts, then fed by
 * device alerts/faults (pushes) and by family and sharing operations (./notices).
 */
import type { CloudState } from '../actions/registry'
import { watchDeviceAlerts } from './device-alerts'
import { seedDemoInbox } from './seed'

/** Wires the inbox into a new cloud; returns the unsubscribe function of the alert watcher. */
export function startInbox(cloud: CloudState): () => void {
  seedDemoInbox(cloud.world, cloud.options.clock())
  return watchDeviceAlerts(cloud)
}
