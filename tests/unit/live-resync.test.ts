import { describe, expect, it } from 'vitest'
import type { CloudCall } from '../../electron/core/api/cloud-call'
import { LiveService } from '../../electron/core/live/live-service'
import type { DeviceState } from '../../shared/live'

/** A cloud whose answers wait until `answerAll()`; counts what was asked. */
function slowCloud() {
  const asked: string[] = []
  const waiting: (() => void)[] = []
  const call = ((action: string, params: Record<string, unknown>) => {
    asked.push(action === 'AppGetDeviceData' ? `${String(params.ProductId)}/${String(params.DeviceName)}` : action)
    return new Promise((resolve) => {
      waiting.push(() => resolve({ data: action === 'AppGetDeviceData' ? { Data: '{"power":{"Value":1,"LastUpdate":5}}' } : { DeviceStatuses: [] } }))
    })
  }) as unknown as CloudCall
  const answerAll = async () => {
    while (waiting.length > 0) {
      for (const answer of waiting.splice(0)) answer()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }
  return { call, asked, answerAll }
}

function liveWith(call: CloudCall, emitted: DeviceState[][]): LiveService {
  return new LiveService({
    call,
    accessToken: () => null,
    baseUrl: () => null,
    emitEvents: () => {},
    emitStates: (states) => emitted.push(states),
    emitConnection: () => {},
    onTokenRejected: () => {},
  })
}

describe('LiveService resync (after every reconnect)', () => {
  it('stops reading for a resync a newer one replaced, and only the newer one announces states', async () => {
    const cloud = slowCloud()
    const emitted: DeviceState[][] = []
    const live = liveWith(cloud.call, emitted)
    const first = Array.from({ length: 100 }, (_, i) => `P/old${i}`)
    const older = live.resync(first)
    const newer = live.resync(['P/new0', 'P/new1'])
    await cloud.answerAll()
    await Promise.all([older, newer])
    const oldReads = cloud.asked.filter((a) => a.startsWith('P/old'))
    // The first resync's 16 reads in flight finish; none of its other 84 devices is asked for.
    expect(oldReads.length).toBeLessThanOrEqual(16)
    expect(cloud.asked.filter((a) => a.startsWith('P/new'))).toEqual(['P/new0', 'P/new1'])
    expect(emitted.flat().map((s) => s.deviceId)).toEqual(['P/new0', 'P/new1'])
    expect(emitted.flat()[0]!.properties.power).toEqual({ value: 1, lastUpdateMs: 5 })
  })
})
