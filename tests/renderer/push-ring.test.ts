// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import type { DeviceEvent } from '@shared/live'
import type { DeviceEventListener } from '@/composables/useDeviceLive'
import { EXPORT_CAPACITY, toNdjson, usePushLog, VIEW_CAPACITY } from '@/composables/usePushLog'
import { Ring } from '@/utils/push-ring'

describe('bounded ring', () => {
  it('keeps the newest items in order and counts the ones pushed out', () => {
    const ring = new Ring<number>(3)
    ring.pushAll([1, 2])
    expect(ring.toArray()).toEqual([1, 2])
    ring.pushAll([3, 4, 5])
    expect(ring.toArray()).toEqual([3, 4, 5])
    expect(ring.length).toBe(3)
    expect(ring.dropped).toBe(2)
    ring.clear()
    expect(ring.toArray()).toEqual([])
    expect(ring.dropped).toBe(0)
  })

  it('refuses a useless capacity', () => {
    expect(() => new Ring(0)).toThrow(RangeError)
  })
})

const event = (seq: number): DeviceEvent => ({
  kind: 'property', source: 'report', clientToken: '', values: { n: seq }, deviceId: 'P/d', seq, time: '', receivedAtMs: seq,
})

describe('push log under a flood', () => {
  it('holds at most 500 for view and 10,000 for export however many pushes arrive, and counts the rest', async () => {
    vi.useFakeTimers()
    try {
      let deliver: DeviceEventListener = () => {}
      let log!: ReturnType<typeof usePushLog>
      const host = mount(
        defineComponent({
          setup() {
            log = usePushLog((listener) => ((deliver = listener), () => {}))
            return () => h('div')
          },
        }),
      )
      // 12 s of 2,000 pushes/s, delivered in 50 ms batches of 100.
      for (let batch = 0; batch < 240; batch++) deliver(Array.from({ length: 100 }, (_, i) => event(batch * 100 + i)))
      vi.advanceTimersByTime(300)
      expect(log.received.value).toBe(24_000)
      expect(log.shown.value).toHaveLength(VIEW_CAPACITY)
      expect(log.shown.value[0]!.seq).toBe(23_999) // newest first
      const exported = log.exportable()
      expect(exported).toHaveLength(EXPORT_CAPACITY)
      expect(exported[0]!.seq).toBe(14_000)
      expect(log.dropped.value).toBe(14_000)
      expect(toNdjson(exported.slice(0, 2))).toBe(`${JSON.stringify(exported[0])}\n${JSON.stringify(exported[1])}\n`)

      log.setPaused(true)
      deliver([event(99_999)])
      vi.advanceTimersByTime(300)
      expect(log.shown.value[0]!.seq).toBe(23_999) // frozen while paused
      log.setPaused(false)
      expect(log.shown.value[0]!.seq).toBe(99_999)
      host.unmount()
    } finally {
      vi.useRealTimers()
    }
  })
})
