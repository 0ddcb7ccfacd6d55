/**
 * Which rollout device state may follow which. The store checks every save against this
 * table, so a bug in the engine cannot, say, publish a device that already ended or bring
 * a cancelled one back. Saving a device in the state it is in is always allowed (progress,
 * acknowledgements). 'pending' → 'publishing' is also guarded by the store's publish
 * statement, which allows it once per attempt.
 */
import type { DeviceRolloutState } from '../../../shared/rollout'

export const DEVICE_TRANSITIONS: Readonly<Record<DeviceRolloutState, readonly DeviceRolloutState[]>> = {
  // Its turn: offline (wait or skip), published, or judged by the firmware check.
  pending: ['waiting', 'publishing', 'done', 'failed', 'skipped', 'cancelled'],
  // Back online (queued again), or the wait ran out, or the rollout was cancelled.
  waiting: ['pending', 'failed', 'skipped', 'cancelled'],
  // The cloud took the publish, refused it, or its fate could not be learned in time; after a
  // crash the device may be found already on the target (its upgrade ran while the app was down).
  publishing: ['upgrading', 'done', 'failed'],
  upgrading: ['done', 'failed'],
  // Failed and skipped devices may be retried; done and cancelled are final.
  failed: ['pending'],
  skipped: ['pending'],
  done: [],
  cancelled: [],
}

export function canTransition(from: DeviceRolloutState, to: DeviceRolloutState): boolean {
  return from === to || DEVICE_TRANSITIONS[from].includes(to)
}

export class IllegalTransitionError extends Error {
  readonly code = 'Desk.RolloutIllegalTransition'
  constructor(
    readonly deviceId: string,
    readonly from: DeviceRolloutState,
    readonly to: DeviceRolloutState,
  ) {
    super(`Device ${deviceId} cannot go from '${from}' to '${to}' in a rollout.`)
    this.name = 'IllegalTransitionError'
  }
}

export function assertTransition(deviceId: string, from: DeviceRolloutState, to: DeviceRolloutState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(deviceId, from, to)
}
