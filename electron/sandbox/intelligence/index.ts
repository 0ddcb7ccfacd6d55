/**
 * Timers, scenes and automations of the sandbox cloud. `startIntelligence` is called once
 * where the cloud is built: it listens to the cloud's pushes (automation property
 * conditions) and runs one loop for everything that happens at a clock time. Both stop
 * with the cloud's scheduler.
 */
import type { CloudState } from '../actions/registry'
import type { Cancel } from '../sim/scheduler'
import { onDeviceChange } from './automation-engine'
import { CHECK_PERIOD_MS, checkDue } from './timer-engine'

export { CHECK_PERIOD_MS }

export function startIntelligence(cloud: CloudState): Cancel {
  const unsubscribe = cloud.pushes.subscribe((push, payload) => {
    try {
      onDeviceChange(cloud, push, payload)
    } catch {
      // A listener must not fail the publisher (an API call or the fleet simulation).
    }
  })
  const stopLoop = cloud.scheduler.every(CHECK_PERIOD_MS, () => {
    try {
      checkDue(cloud)
    } catch {
      // The loop must survive one bad minute; the next tick goes on with the minutes after it.
    }
  })
  return () => {
    unsubscribe()
    stopLoop()
  }
}

export { checkDue } from './timer-engine'
export { intelligenceOf } from './store'
export type { Automation, Condition, DeviceTimer, LinkAction, Scene } from './model'
