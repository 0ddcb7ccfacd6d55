import { describe, expect, it } from 'vitest'
import type { DeviceRolloutState } from '../../shared/rollout'
import type { DeviceRecord, RolloutRecord } from '../../electron/core/rollout/store'
import { RolloutTally } from '../../electron/core/rollout/tally'
import { countStates, waveViews } from '../../electron/core/rollout/views'

const rollout = { waveSizes: [2, 3] } as RolloutRecord
const device = (deviceId: string, wave: number, state: DeviceRolloutState = 'pending'): DeviceRecord =>
  ({
    deviceId, wave, state, reason: '', acked: false, publishes: 0, publishedMs: null, finishedMs: null,
  }) as DeviceRecord

describe('the running tally matches a recount of the devices', () => {
  it('through publishes, ends, failures, an accepted failure and a retry', () => {
    const devices = [device('a', 0), device('b', 0), device('c', 1), device('d', 1), device('e', 1, 'skipped')]
    devices[4]!.finishedMs = 5
    const tally = new RolloutTally(rollout.waveSizes, devices)
    const check = () => {
      expect(tally.counts()).toEqual(countStates(devices))
      expect(tally.waveViews()).toEqual(waveViews(rollout, devices))
    }
    check()
    const publish = (d: DeviceRecord, at: number) => {
      tally.move(d, 'publishing')
      tally.published(d, at)
      Object.assign(d, { publishes: d.publishes + 1, publishedMs: at })
      tally.move(d, 'upgrading')
    }
    const end = (d: DeviceRecord, state: 'done' | 'failed', at: number, reason: DeviceRecord['reason'] = '') => {
      tally.move(d, state)
      Object.assign(d, { finishedMs: at, reason })
      tally.ended(d)
    }
    publish(devices[0]!, 10)
    publish(devices[1]!, 11)
    check()
    end(devices[0]!, 'done', 40)
    end(devices[1]!, 'failed', 45, 'failed')
    check()
    expect(tally.against(0)).toBe(1)
    expect(tally.open(0)).toBe(0)
    expect(tally.eta(2)).toBe(Math.round(((30 + 34) / 2) * 1)) // 2 open devices left, 2 at a time

    // Resuming accepts it; retrying opens it again and its end no longer counts.
    devices[1]!.acked = true
    tally.acceptFailures()
    check()
    tally.reopening(devices[1]!)
    tally.move(devices[1]!, 'pending')
    Object.assign(devices[1]!, { reason: '', acked: false, finishedMs: null })
    check()
    expect(tally.open(0)).toBe(1)
    publish(devices[1]!, 50)
    end(devices[1]!, 'failed', 70, 'interrupted')
    check()
    expect(tally.against(0)).toBe(0) // an interrupted publish is not the firmware's failure
  })
})
