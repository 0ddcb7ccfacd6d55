/**
 * The clock timers and automations keep. At simSpeed 1 it is the cloud clock; faster, it
 * runs simSpeed times as fast from the moment the cloud's intelligence started, so under
 * `--sim-speed 60` a timer set two minutes ahead fires two seconds later, as the fleet's
 * own life is sped up. Sign-in, tokens and record times keep the cloud clock.
 */
import type { CloudState } from '../actions/registry'
import { intelligenceOf } from './store'

export function scheduleNow(cloud: CloudState): number {
  const real = cloud.options.clock()
  const speed = cloud.options.simSpeed
  if (speed === 1) return real
  const store = intelligenceOf(cloud.world)
  store.scheduleEpochMs ??= real
  return store.scheduleEpochMs + (real - store.scheduleEpochMs) * speed
}
