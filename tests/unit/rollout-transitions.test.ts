import { describe, expect, it } from 'vitest'
import { assertTransition, canTransition, DEVICE_TRANSITIONS, IllegalTransitionError } from '../../electron/core/rollout/device-transitions'
import { DEVICE_ROLLOUT_STATES, FINAL_DEVICE_STATES, type DeviceRolloutState } from '../../shared/rollout'

const allowed = (from: DeviceRolloutState) => DEVICE_ROLLOUT_STATES.filter((to) => to !== from && canTransition(from, to))

describe('rollout device transitions', () => {
  it('names every state, and only known states', () => {
    expect(Object.keys(DEVICE_TRANSITIONS).sort()).toEqual([...DEVICE_ROLLOUT_STATES].sort())
    for (const next of Object.values(DEVICE_TRANSITIONS)) for (const to of next) expect(DEVICE_ROLLOUT_STATES).toContain(to)
  })

  it('publishes only from pending, and a publish ends upgrading, done (found on the target after a crash) or failed, never pending again', () => {
    expect(DEVICE_ROLLOUT_STATES.filter((from) => from !== 'publishing' && canTransition(from, 'publishing'))).toEqual(['pending'])
    expect(allowed('publishing')).toEqual(['upgrading', 'done', 'failed'])
    expect(allowed('upgrading')).toEqual(['done', 'failed'])
  })

  it('lets failed and skipped devices be retried (back to pending), and nothing else out of an end state', () => {
    expect(allowed('failed')).toEqual(['pending'])
    expect(allowed('skipped')).toEqual(['pending'])
    expect(allowed('done')).toEqual([])
    expect(allowed('cancelled')).toEqual([])
    for (const end of FINAL_DEVICE_STATES) expect(canTransition(end, 'upgrading')).toBe(false)
  })

  it('cancels only devices not yet published', () => {
    expect(DEVICE_ROLLOUT_STATES.filter((from) => from !== 'cancelled' && canTransition(from, 'cancelled'))).toEqual(['pending', 'waiting'])
  })

  it('always allows staying in the same state', () => {
    for (const state of DEVICE_ROLLOUT_STATES) expect(canTransition(state, state)).toBe(true)
  })

  it('throws a typed error naming the device and both states', () => {
    expect(() => assertTransition('LGT/a', 'done', 'pending')).toThrow(IllegalTransitionError)
    try {
      assertTransition('LGT/a', 'done', 'pending')
    } catch (error) {
      expect(error).toMatchObject({ code: 'Desk.RolloutIllegalTransition', deviceId: 'LGT/a', from: 'done', to: 'pending' })
    }
  })
})
