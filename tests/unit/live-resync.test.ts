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

describe('LiveService values of a long list (the rows on screen)', () => {
  const ids = Array.from({ length: 1_000 }, (_, i) => `P/d${i}`)
  const reads = (asked: string[]) => asked.filter((a) => a.startsWith('P/'))

  it('reads online states of every watched device but values only of those named', async () => {
    const cloud = slowCloud()
    const emitted: DeviceState[][] = []
    const live = liveWith(cloud.call, emitted)
    live.watch(ids, ['P/d0', 'P/d1', 'P/elsewhere'])
    const resync = live.resync(ids)
    await cloud.answerAll()
    await resync
    expect(reads(cloud.asked)).toEqual(['P/d0', 'P/d1'])
    expect(cloud.asked.filter((a) => a === 'AppGetDeviceStatuses')).toHaveLength(10)
    expect(emitted.flat().map((s) => [s.deviceId, s.properties.power?.value])).toEqual([['P/d0', 1], ['P/d1', 1]])
  })

  it('reads the values of rows newly on screen once, and all on screen again after a gap in the pushes', async () => {
    const cloud = slowCloud()
    const live = liveWith(cloud.call, [])
    live.watch(ids, [])
    const first = live.readValues(['P/d0', 'P/d1', 'P/d2'])
    await cloud.answerAll()
    expect((await first).map((s) => s.properties.power?.value)).toEqual([1, 1, 1])
    const scrolled = live.readValues(['P/d1', 'P/d2', 'P/d3', 'P/unwatched'])
    await cloud.answerAll()
    expect((await scrolled).map((s) => s.deviceId)).toEqual(['P/d1', 'P/d2', 'P/d3'])
    expect(reads(cloud.asked)).toEqual(['P/d0', 'P/d1', 'P/d2', 'P/d3'])
    // A reconnect's resync reads the rows on screen again: pushes may have been missed.
    const resync = live.resync(ids)
    await cloud.answerAll()
    await resync
    expect(reads(cloud.asked).slice(4)).toEqual(['P/d1', 'P/d2', 'P/d3'])
  })

  it('reads every watched device\'s values when the watch names none', async () => {
    const cloud = slowCloud()
    const live = liveWith(cloud.call, [])
    live.watch(ids.slice(0, 20))
    const resync = live.resync(ids.slice(0, 20))
    await cloud.answerAll()
    await resync
    expect(reads(cloud.asked)).toHaveLength(20)
  })
})
