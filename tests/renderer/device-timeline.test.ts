// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { AuditEntry } from '@shared/domain'
import { readThingModel } from '@shared/thing-model'
import TimelinePanel from '@/components/device/timeline/TimelinePanel.vue'
import { fakeDesk, type FakeDesk, type Handlers } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const model = readThingModel({
  properties: [{ id: 'power_switch', name: 'Switch', mode: 'rw', define: { type: 'bool', mapping: { 0: 'off', 1: 'on' } } }],
  events: [],
  actions: [],
})
const now = Date.now()
const controlAt = now - 10 * 60_000
const audit: AuditEntry = {
  id: 1, timeMs: controlAt, profileId: 'sandbox', profileName: 'Sandbox', account: 'demo@sandbox.local', action: 'AppControlDeviceData', deviceName: 'Hall light',
  params: JSON.stringify({ ProductId: 'LIGHT', DeviceName: 'light_1', Data: '{"power_switch":1}' }), requestId: 'rq-ctl', outcome: 'ok', errorCode: '', errorMessage: '',
}
const timer = { timerId: 't-1', deviceId: 'LIGHT/light_1', name: 'Lights out', days: ['mon' as const], time: '23:00', repeat: true, values: { power_switch: 0 }, enabled: true, createTime: 0, updateTime: 0 }
const handlers: Handlers = {
  'history.fetch': ({ deviceId, fromMs, toMs }) => ({
    jobId: 'j', deviceId, fromMs, toMs,
    series: [{ property: 'power_switch', times: Float64Array.from([now - 3_600_000, controlAt + 800, now - 5 * 60_000]), values: Float64Array.from([0, 1, 0]) }],
    events: [], fromCache: { points: 0, spans: 0 }, fetched: { points: 3, pages: 1, retries: 0, segments: 1 }, cacheableUntilMs: toMs,
  }),
  'audit.list': ({ action }) => (action === 'AppRunScene' ? { total: 0, entries: [] } : { total: 1, entries: [audit] }),
  'timers.list': () => ({ timers: [timer] }),
  'automations.describeAll': () => [],
  'scenes.list': () => [],
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

async function mountTimeline(): Promise<{ desk: FakeDesk; wrapper: VueWrapper }> {
  const desk = fakeDesk(handlers)
  const Host = { components: { TimelinePanel }, template: '<TimelinePanel device-id="LIGHT/light_1" family-id="f-1" :model="model" :online="false" />', data: () => ({ model }) }
  const result = await mountWithApp(Host, { desk, path: '/', routes: [{ path: '/', component: Blank }] })
  mounted = result.wrapper
  await flushPromises()
  return { desk, wrapper: result.wrapper }
}

const picked = (wrapper: VueWrapper) => wrapper.get('[data-testid="timeline-detail"]').text()

describe('device timeline', { timeout: 20_000 }, () => {
  it("puts history, the app's changes and the timers that target the device on one list, newest first", async () => {
    const { wrapper } = await mountTimeline()
    const items = wrapper.findAll('[data-testid="timeline-item"]')
    const kinds = items.map((i) => i.attributes('data-kind'))
    expect(kinds.filter((k) => k === 'change')).toHaveLength(2)
    expect(kinds).toContain('app')
    const times = items.map((i) => Date.parse(i.find('time').attributes('datetime')!))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(wrapper.get('[data-testid="timeline-rules"]').text()).toContain('Timer “Lights out”')
    // The cloud keeps no online history: the state now, and what pushes bring while open.
    expect(wrapper.get('[data-testid="timeline-now"]').text()).toBe('Offline now (the cloud’s latest state)')
  })

  it('says a change seconds after a control made here was "by you via Explorer Desk", from the keyboard', async () => {
    const { wrapper } = await mountTimeline()
    const list = wrapper.get('[data-testid="timeline-list"]')
    await list.trigger('focus')
    // Focus picks the newest moment; the arrow keys walk back in time to the change the control made.
    expect(wrapper.get('[aria-selected="true"]').attributes('data-key')).toBe(wrapper.findAll('[data-testid="timeline-item"]')[0]!.attributes('data-key'))
    const count = wrapper.findAll('[data-testid="timeline-item"]').length
    for (let i = 0; i < count && wrapper.get('[aria-selected="true"]').attributes('data-cause') !== 'app'; i++) await list.trigger('keydown', { key: 'ArrowDown' })
    expect(picked(wrapper)).toContain('Switch → on')
    expect(picked(wrapper)).toContain('by you via Explorer Desk (demo@sandbox.local, AppControlDeviceData, RequestId rq-ctl)')
    expect(wrapper.get('[aria-selected="true"]').attributes('data-cause')).toBe('app')
  })

  it('marks a change the pushes bring with a timer clientToken as caused by that timer, live, and lists online/offline pushes', async () => {
    const { wrapper, desk } = await mountTimeline()
    desk.emit('device.events', [
      { kind: 'status', deviceId: 'LIGHT/light_1', seq: 8, time: new Date().toISOString(), receivedAtMs: Date.now(), online: true },
      { kind: 'property', deviceId: 'LIGHT/light_1', seq: 9, time: new Date().toISOString(), receivedAtMs: Date.now(), source: 'report', clientToken: 'timer::t-1::29412345', values: { power_switch: 0 } },
    ])
    await flushPromises()
    const live = wrapper.findAll('[data-testid="timeline-item"]').find((i) => i.attributes('data-cause') === 'timer')!
    await live.trigger('click')
    expect(picked(wrapper)).toContain('caused by timer “Lights out” (the cloud marked the change with it)')
    expect(wrapper.findAll('[data-testid="timeline-item"][data-kind="status"]').map((i) => i.text())).toEqual([expect.stringContaining('Came online')])
  })

  it('names a change with nothing around it as not known', async () => {
    const { wrapper } = await mountTimeline()
    const unknown = wrapper.findAll('[data-testid="timeline-item"]').find((i) => i.attributes('data-cause') === 'unknown')!
    await unknown.trigger('click')
    expect(wrapper.get('[data-testid="timeline-cause"]').text()).toContain('not known')
  })

  it('keeps the list readable: past 600 moments the oldest are left out, and it says so', async () => {
    const times = Array.from({ length: 702 }, (_, i) => now - 3_000_000 + i * 1000)
    const desk = fakeDesk({
      ...handlers,
      'timers.list': () => ({ timers: [] }),
      'history.fetch': ({ deviceId, fromMs, toMs }) => ({
        jobId: 'j', deviceId, fromMs, toMs, series: [{ property: 'power_switch', times: Float64Array.from(times), values: Float64Array.from(times, (_, i) => i % 2) }],
        events: [], fromCache: { points: 0, spans: 0 }, fetched: { points: 702, pages: 1, retries: 0, segments: 1 }, cacheableUntilMs: toMs,
      }),
    })
    const Host = { components: { TimelinePanel }, template: '<TimelinePanel device-id="LIGHT/light_1" family-id="f-1" :model="model" />', data: () => ({ model }) }
    mounted = (await mountWithApp(Host, { desk, path: '/', routes: [{ path: '/', component: Blank }] })).wrapper
    await flushPromises()
    expect(mounted.findAll('[data-testid="timeline-item"]')).toHaveLength(600)
    // 701 changes and the control made through the app: 102 left out.
    expect(mounted.get('[data-testid="timeline-cut"]').text()).toContain('The 102 oldest moments')
  })
})
