// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Product } from '@shared/domain'
import type { DeviceEvent } from '@shared/live'
import { readThingModel } from '@shared/thing-model'
import DeviceDetailView from '@/views/DeviceDetailView.vue'
import { useSessionStore } from '@/stores/session'
import { ControlTracker, type ControlEntry } from '@/utils/control-tracker'
import { propertyWidget, widgetFor } from '@/utils/thing-widgets'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { demoSession, devices, rooms } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const lamp = devices[0]!

/** A template as the cloud sends it: bounds as strings, every kind of value once. */
const template = {
  properties: [
    { id: 'power_switch', name: 'Switch', mode: 'rw', define: { type: 'bool', mapping: { 0: 'off', 1: 'on' } } },
    { id: 'color', name: 'Colour', mode: 'rw', define: { type: 'enum', mapping: { 0: 'Red', 1: 'Green' } } },
    { id: 'brightness', name: 'Brightness', mode: 'rw', define: { type: 'int', min: '0', max: '100', step: '1', unit: '%' } },
    { id: 'countdown', name: 'Countdown', mode: 'rw', define: { type: 'int', min: '0', max: '86400', step: '1', unit: 's' } },
    { id: 'voltage', name: 'Voltage', mode: 'rw', define: { type: 'float', min: '0', max: '12', step: '0.1', unit: 'V' } },
    { id: 'label', name: 'Label', mode: 'rw', define: { type: 'string', min: '0', max: '64' } },
    { id: 'wake_at', name: 'Wake at', mode: 'rw', define: { type: 'timestamp' } },
    {
      id: 'window',
      name: 'Window',
      mode: 'rw',
      define: { type: 'struct', specs: [{ id: 'from', name: 'From', dataType: { type: 'int', min: '0', max: '23', step: '1' } }, { id: 'mode', name: 'Mode', dataType: { type: 'stringenum', mapping: { eco: 'Eco' } } }] },
    },
    { id: 'power', name: 'Power', mode: 'r', define: { type: 'float', min: '0', max: '3680', step: '0.1', unit: 'W' } },
  ],
  events: [],
  actions: [],
}
const model = readThingModel(template)
const product: Product = { productId: lamp.productId, name: 'Smart lamp', description: '', netType: 'wifi', categoryId: 1, thingModel: model }

describe('widgets generated from a thing model', () => {
  it('gives each value type its control, with bounds, step, precision and unit', () => {
    const kinds = Object.fromEntries(model.properties.map((p) => [p.id, propertyWidget(p)]))
    expect(kinds.power_switch!.kind).toBe('switch')
    expect(kinds.power_switch!.options).toEqual([{ value: 0, label: 'off' }, { value: 1, label: 'on' }])
    expect(kinds.color!.kind).toBe('select')
    expect(kinds.brightness).toMatchObject({ kind: 'slider', min: 0, max: 100, step: 1, unit: '%' })
    // 86,400 positions are no slider: a number input instead.
    expect(kinds.countdown).toMatchObject({ kind: 'number', min: 0, max: 86400 })
    expect(kinds.voltage).toMatchObject({ kind: 'slider', step: 0.1, precision: 1, unit: 'V' })
    expect(kinds.label!.kind).toBe('text')
    expect(kinds.wake_at!.kind).toBe('datetime')
    expect(kinds.window!.kind).toBe('struct')
    expect(kinds.window!.members.map((m) => [m.id, m.widget.kind])).toEqual([['from', 'slider'], ['mode', 'select']])
    expect(kinds.window!.members[1]!.widget.options).toEqual([{ value: 'eco', label: 'Eco' }])
    expect(kinds.power!.readonly).toBe(true)
    expect(kinds.brightness!.readonly).toBe(false)
  })

  it('keeps stringenum values as text and enum values as numbers', () => {
    expect(widgetFor({ type: 'enum', mapping: { 2: 'Blue' }, unit: '' }).options[0]!.value).toBe(2)
    expect(widgetFor({ type: 'stringenum', mapping: { a: 'A' }, unit: '' }).options[0]!.value).toBe('a')
  })
})

describe('control state machine', () => {
  function tracker() {
    const entries: Record<string, ControlEntry> = {}
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = []
    const t = new ControlTracker(entries, {
      timeoutMs: 10_000,
      setTimer: (fn, ms) => timers.push({ fn, ms, cleared: false }) - 1,
      clearTimer: (h) => (timers[h as number]!.cleared = true),
    })
    const fire = () => timers.filter((x) => !x.cleared).forEach((x) => x.fn())
    return { t, entries, timers, fire }
  }

  it('is pending until a push carries the sent value, then confirmed', () => {
    const { t, entries } = tracker()
    t.send('brightness', 40)
    expect(entries.brightness!.status).toBe('pending')
    t.observe({ brightness: 39 }) // an older report, not our change
    expect(t.status('brightness')).toBe('pending')
    t.observe({ brightness: '40' })
    expect(t.status('brightness')).toBe('confirmed')
  })

  it('confirms by the control clientToken even when the device adjusted the value', () => {
    const { t } = tracker()
    t.send('brightness', 40)
    t.accepted(['brightness'], 'tok-1')
    t.observe({ brightness: 41 }, 'tok-1')
    expect(t.status('brightness')).toBe('confirmed')
  })

  it('fails on the cloud refusing the call, keeping the error', () => {
    const { t, entries } = tracker()
    t.send('label', 'x')
    const error = new Error('refused')
    t.rejected(['label'], error)
    expect(entries.label).toMatchObject({ status: 'failed', failure: { kind: 'api', error } })
  })

  it('fails after 10 s without confirmation; a confirmation first stops the timer', () => {
    const { t, timers, fire } = tracker()
    t.send('a', 1)
    t.send('b', 1)
    expect(timers.every((x) => x.ms === 10_000)).toBe(true)
    t.observe({ b: 1 })
    fire()
    expect(t.status('a')).toBe('failed')
    expect(t.status('b')).toBe('confirmed')
  })

  it('compares struct values member by member', () => {
    const { t } = tracker()
    t.send('window', { from: 7, mode: 'eco' })
    t.observe({ window: { mode: 'eco', from: 7 } })
    expect(t.status('window')).toBe('confirmed')
  })
})

const routes = [
  { path: '/sign-in', name: 'sign-in', component: Blank },
  { path: '/families/:familyId/devices', name: 'devices', component: Blank },
  { path: '/families/:familyId/devices/:deviceId', name: 'device', component: Blank },
  { path: '/families/:familyId/devices/:deviceId/firmware', name: 'firmware', component: Blank },
  { path: '/families/:familyId/devices/:deviceId/recordings', name: 'recordings', component: Blank },
  { path: '/history', name: 'history', component: Blank },
]

const controlCalls = (desk: ReturnType<typeof fakeDesk>) => desk.calls.filter((c) => c.command === 'device.control')

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
})

async function mountDetail(overrides: Handlers = {}) {
  const handlers: Handlers = {
    'session.current': () => demoSession,
    'rooms.list': () => rooms,
    'devices.list': () => devices,
    'products.list': () => [product],
    'live.watch': () => [
      { deviceId: lamp.deviceId, online: true, updatedAtMs: 1, properties: { power_switch: { value: 0, lastUpdateMs: 1_700_000_000_000 }, power: { value: 12.5, lastUpdateMs: 1_700_000_000_000 } } },
    ],
    'device.control': () => ({ requestId: 'req-ok', clientToken: '' }),
    'device.describe': () => ({ requestId: 'req-ok', fields: {} }),
    'device.extInfo': () => ({ requestId: 'req-ok', fields: {} }),
    ...overrides,
  }
  const desk = fakeDesk(handlers)
  const path = `/families/f-1/devices/${encodeURIComponent(lamp.deviceId)}`
  const result = await mountWithApp(DeviceDetailView, { desk, path, routes, beforeMount: () => useSessionStore().init() })
  mounted = result.wrapper
  await flushPromises()
  return { desk, wrapper: result.wrapper }
}

const row = (w: VueWrapper, id: string) => w.find(`[data-testid="property-row"][data-property-id="${id}"]`)
const propertyEvent = (values: Record<string, unknown>): DeviceEvent => ({
  kind: 'property', source: 'report', clientToken: '', values, deviceId: lamp.deviceId, seq: 2, time: new Date().toISOString(), receivedAtMs: Date.now(),
})

// Mounting the whole page with Element Plus is slow in jsdom on a shared machine.
describe('device page property controls', { timeout: 20_000 }, () => {
  it('renders a control per writable property and none for read-only ones', async () => {
    const { wrapper } = await mountDetail()
    expect(wrapper.find('[data-testid="device-name"]').text()).toBe('Ceiling light')
    expect(row(wrapper, 'power_switch').find('.el-switch').exists()).toBe(true)
    expect(row(wrapper, 'color').find('.el-select').exists()).toBe(true)
    expect(row(wrapper, 'brightness').find('.el-slider').exists()).toBe(true)
    expect(row(wrapper, 'countdown').find('.el-input-number').exists()).toBe(true)
    expect(row(wrapper, 'wake_at').find('.el-date-editor').exists()).toBe(true)
    expect(row(wrapper, 'window').findAll('.value-input__member')).toHaveLength(2)
    expect(row(wrapper, 'power').find('.property-row__control').exists()).toBe(false)
    expect(row(wrapper, 'power').find('[data-testid="property-value"]').text()).toBe('12.5 W')
  })

  it('sends a switch change, shows it pending, and confirmed when the push arrives', async () => {
    const { wrapper, desk } = await mountDetail()
    await row(wrapper, 'power_switch').find('.el-switch').trigger('click')
    await flushPromises()
    expect(controlCalls(desk).map((c) => c.args)).toEqual([
      { deviceId: 'LAMP01/lamp_a1', values: { power_switch: 1 } },
    ])
    expect(row(wrapper, 'power_switch').attributes('data-status')).toBe('pending')
    desk.emit('device.events', [propertyEvent({ power_switch: 1 })])
    await flushPromises()
    expect(row(wrapper, 'power_switch').attributes('data-status')).toBe('confirmed')
    expect(row(wrapper, 'power_switch').find('[data-testid="property-value"]').text()).toBe('on')
  })

  it('shows a refused change as failed with the code and RequestId', async () => {
    const { wrapper } = await mountDetail({
      'device.control': () => fail({ kind: 'api', code: 'FailedOperation.DeviceOffline', message: 'The device is offline.', requestId: 'req-bad' }),
    })
    await row(wrapper, 'power_switch').find('.el-switch').trigger('click')
    await flushPromises()
    const failed = row(wrapper, 'power_switch')
    expect(failed.attributes('data-status')).toBe('failed')
    expect(failed.find('[data-testid="error-code"]').text()).toBe('FailedOperation.DeviceOffline')
    expect(failed.find('[data-testid="error-request-id"]').text()).toBe('req-bad')
  })

  it('ignores pushes for other devices', async () => {
    const { wrapper, desk } = await mountDetail()
    await row(wrapper, 'power_switch').find('.el-switch').trigger('click')
    await flushPromises()
    desk.emit('device.events', [{ ...propertyEvent({ power_switch: 1 }), deviceId: 'OTHER/dev' }])
    await flushPromises()
    expect(row(wrapper, 'power_switch').attributes('data-status')).toBe('pending')
  })

  it('fails a change nobody confirms within 10 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const { wrapper } = await mountDetail()
      await row(wrapper, 'power_switch').find('.el-switch').trigger('click')
      await flushPromises()
      vi.advanceTimersByTime(9_999)
      await flushPromises()
      expect(row(wrapper, 'power_switch').attributes('data-status')).toBe('pending')
      vi.advanceTimersByTime(1)
      await flushPromises()
      expect(row(wrapper, 'power_switch').attributes('data-status')).toBe('failed')
      expect(row(wrapper, 'power_switch').text()).toContain('No confirmation within 10 s')
    } finally {
      vi.useRealTimers()
    }
  })
})
