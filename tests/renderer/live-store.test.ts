// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { watchEffect } from 'vue'
import type { DeviceEvent } from '@shared/live'
import { setDeskClient } from '@/bridge'
import { useLiveStore, useOnlineLookup } from '@/stores/live'
import { countOnline } from '@/utils/device-filter'
import { fakeDesk, type FakeDesk } from './fake-desk'

let desk: FakeDesk

beforeEach(() => {
  desk = fakeDesk({ 'live.watch': ({ deviceIds }) => deviceIds.map((deviceId) => ({ deviceId, online: false, properties: {}, updatedAtMs: 1 })) })
  setDeskClient(desk)
  setActivePinia(createPinia())
})

const status = (deviceId: string, online: boolean, seq: number): DeviceEvent => ({
  kind: 'status',
  deviceId,
  online,
  seq,
  time: '',
  receivedAtMs: 1000 + seq,
})

describe('live store', () => {
  it('applies a batch over 10,000 devices as one reactive update', async () => {
    const live = useLiveStore()
    const isOnline = useOnlineLookup()
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ deviceId: `P/d${i}`, online: false }))
    await live.watchDevices(rows.map((r) => r.deviceId))

    let runs = 0
    let online = 0
    const stop = watchEffect(
      () => {
        runs++
        online = countOnline(rows, isOnline)
      },
      { flush: 'sync' },
    )
    expect([runs, online]).toEqual([1, 0])

    // One 50 ms batch: a thousand devices come online, one of them twice, one goes again.
    const batch = rows.slice(0, 1000).map((r, i) => status(r.deviceId, true, i + 1))
    batch.push(status('P/d0', true, 2000), status('P/d1', false, 2001))
    desk.emit('device.events', batch)
    expect([runs, online]).toEqual([2, 999])

    // Nothing new: no update at all.
    desk.emit('device.events', [status('P/d2', true, 3000)])
    expect(runs).toBe(2)
    stop()
  })

  it('forgets the previous set when watching another, and stops with []', async () => {
    const live = useLiveStore()
    const isOnline = useOnlineLookup()
    await live.watchDevices(['P/a'])
    desk.emit('device.events', [status('P/a', true, 1)])
    expect(isOnline({ deviceId: 'P/a', online: false })).toBe(true)
    await live.watchDevices([])
    desk.emit('device.events', [status('P/a', true, 2)])
    expect(isOnline({ deviceId: 'P/a', online: false })).toBe(false)
    expect(desk.calls.map((c) => c.args)).toEqual([{ deviceIds: ['P/a'] }, { deviceIds: [] }])
  })

  it('keeps what it knows of devices still watched when told to, forgetting only the rest', async () => {
    const live = useLiveStore()
    const isOnline = useOnlineLookup()
    await live.watchDevices(['P/a', 'P/b'])
    desk.emit('device.events', [status('P/a', true, 1), status('P/b', true, 2)])
    let reads = 0
    const stop = watchEffect(
      () => {
        reads++
        void live.lookups.liveOf('P/a')
      },
      { flush: 'sync' },
    )
    // Main's answer is slow: until it comes, P/a keeps its state (its cell reads it again only for news).
    desk.handlers['live.watch'] = () => new Promise(() => undefined)
    void live.watchDevices(['P/a', 'P/c'], { keepKnown: true })
    expect(isOnline({ deviceId: 'P/a', online: false })).toBe(true)
    expect(isOnline({ deviceId: 'P/b', online: false })).toBe(false)
    expect(reads).toBe(1)
    stop()
  })

  it('keeps the latest property values from the resync and from pushes, one update per batch', async () => {
    desk.handlers['live.watch'] = () => [{ deviceId: 'P/a', online: true, properties: { brightness: { value: 10, lastUpdateMs: 1 } }, updatedAtMs: 1 }]
    const live = useLiveStore()
    await live.watchDevices(['P/a', 'P/b'])
    expect(live.known.get('P/a')?.values).toEqual({ brightness: 10 })
    let runs = 0
    const stop = watchEffect(
      () => {
        runs++
        void live.known.get('P/a')?.values.brightness
      },
      { flush: 'sync' },
    )
    const report = (deviceId: string, values: Record<string, unknown>, seq: number): DeviceEvent => ({
      kind: 'property', deviceId, seq, time: '', receivedAtMs: 2000 + seq, source: 'report', clientToken: '', values,
    })
    desk.emit('device.events', [report('P/a', { brightness: 20 }, 1), report('P/a', { power_switch: 1 }, 2), report('P/b', { temp: 21 }, 3), report('P/x', { n: 1 }, 4)])
    expect(runs).toBe(2)
    expect(live.known.get('P/a')?.values).toEqual({ brightness: 20, power_switch: 1 })
    expect(live.known.get('P/a')?.online).toBe(true)
    expect(live.known.get('P/b')?.values).toEqual({ temp: 21 })
    expect(live.known.has('P/x')).toBe(false)
    stop()
  })

  it('lets a cell follow only its own device, and whole-list passes only online changes', async () => {
    const live = useLiveStore()
    await live.watchDevices(['P/a', 'P/b'])
    const { liveOf, onlineOf, onlineLookup } = live.lookups
    const runs = { a: 0, bOnline: 0, list: 0 }
    let shown: unknown
    let count = 0
    const rows = [
      { deviceId: 'P/a', online: false },
      { deviceId: 'P/b', online: false },
    ]
    const stops = [
      watchEffect(() => (runs.a++, (shown = liveOf('P/a')?.values.brightness)), { flush: 'sync' }),
      watchEffect(() => (runs.bOnline++, onlineOf(rows[1]!)), { flush: 'sync' }),
      watchEffect(() => (runs.list++, (count = countOnline(rows, onlineLookup()))), { flush: 'sync' }),
    ]
    const report = (deviceId: string, values: Record<string, unknown>, seq: number): DeviceEvent => ({
      kind: 'property', deviceId, seq, time: '', receivedAtMs: 2000 + seq, source: 'report', clientToken: '', values,
    })

    desk.emit('device.events', [report('P/b', { temp: 21 }, 1)])
    expect(runs).toEqual({ a: 1, bOnline: 1, list: 1 })
    desk.emit('device.events', [report('P/a', { brightness: 20 }, 2)])
    expect(runs).toEqual({ a: 2, bOnline: 1, list: 1 })
    expect(shown).toBe(20)
    desk.emit('device.events', [status('P/b', true, 3)])
    expect(runs).toEqual({ a: 2, bOnline: 2, list: 2 })
    expect(count).toBe(1)

    // A new watched set: every reader reads afresh.
    await live.watchDevices(['P/a'])
    expect(shown).toBeUndefined()
    expect(count).toBe(0)
    expect(runs.bOnline).toBeGreaterThan(2)
    for (const stop of stops) stop()
  })
})
