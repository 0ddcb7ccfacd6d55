// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import OverviewView from '@/views/OverviewView.vue'
import { useSessionStore } from '@/stores/session'
import type { DeviceEvent } from '@shared/live'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { demoSession, devices, families } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/overview', name: 'overview', component: Blank },
  { path: '/messages', name: 'messages', component: Blank },
  { path: '/families/:familyId/devices', name: 'devices', component: Blank },
  { path: '/families/:familyId/devices/:deviceId', name: 'device', component: Blank },
]

const now = Date.now()
const handlers: Handlers = {
  'session.current': () => demoSession,
  'families.list': () => families,
  'devices.list': ({ familyId }) => (familyId === 'f-1' ? devices : []),
  'live.watch': () => [],
  'rollout.preview': () => ({
    devices: devices.map((d, i) => ({ ...d, familyName: 'Zhang home', currentVersion: i < 2 ? '1.0.0' : '2.0.0', targetVersion: '', upgradable: false, reason: '' as const, detail: '' })),
    upgradable: 0,
    offline: 0,
    upToDate: 4,
    failedChecks: 0,
    paths: [],
    firmware: [],
    excluded: [],
  }),
  'messages.list': ({ category }) => {
    const message = { msgId: 'm1', category: 1, msgType: 0, title: 'Device Fault', content: 'lamp broke', timeMs: now, productId: '', deviceName: '', deviceAlias: '', familyId: '', familyName: '' }
    return { messages: category === 1 ? [message] : [], listover: true, next: null, requestId: 'rq-m' }
  },
  'device.eventHistory': ({ deviceId }) => {
    const fault = { timeMs: Math.floor(now / 1000) * 1000, eventId: 'hardware_fault', type: 'fault', data: '{}' }
    const info = { timeMs: Math.floor(now / 1000) * 1000, eventId: 'status_report', type: 'info', data: '{}' }
    return { events: deviceId.endsWith('/lamp_a1') ? [fault, info] : [], context: '', listover: true, total: null, requestId: 'rq-e' }
  },
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  localStorage.clear()
})

async function mountOverview(overrides: Handlers = {}, path = '/overview') {
  const desk = fakeDesk({ ...handlers, ...overrides })
  const result = await mountWithApp(OverviewView, { desk, path, routes, beforeMount: () => useSessionStore().init() })
  mounted = result.wrapper
  await flushPromises()
  return { desk, ...result }
}

describe('fleet overview page', () => {
  it('counts the first family, by product and room, and links every number to the filtered list', async () => {
    const { wrapper, router } = await mountOverview()
    expect(wrapper.get('[data-testid="overview-total"]').text()).toContain('4')
    expect(wrapper.get('[data-testid="overview-online"]').text()).toContain('3')
    expect(wrapper.get('[data-testid="overview-offline"]').text()).toContain('1')
    expect(wrapper.get('[data-testid="overview-ratio"]').text()).toContain('75%')

    await wrapper.get('[data-testid="overview-offline"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices?online=false')

    const plug = wrapper.get('[data-testid="by-product"] [data-key="PLUG02"]')
    await plug.get('[data-testid="count-total"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ product: 'PLUG02' })

    const living = wrapper.get('[data-testid="by-room"] [data-key="f-1|r-living"]')
    await living.get('[data-testid="count-online"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ room: 'r-living', online: 'true' })
  })

  it('shows firmware versions per product, alerts and faults only, and unread messages', async () => {
    const { wrapper, router } = await mountOverview()
    const firmware = wrapper.get('[data-testid="firmware-table"]')
    expect(firmware.text()).toContain('1.0.0')
    expect(firmware.text()).toContain('2.0.0')
    await firmware.get('[data-testid="firmware-count"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ version: expect.any(String), product: expect.any(String) })

    const alerts = wrapper.get('[data-testid="alerts-list"]')
    expect(alerts.text()).toContain('hardware_fault')
    expect(alerts.text()).not.toContain('status_report')
    expect(wrapper.get('[data-testid="messages-unread"]').text()).toContain('1')
    await wrapper.get('[data-testid="messages-mark-read"]').trigger('click')
    expect(wrapper.find('[data-testid="messages-unread"]').exists()).toBe(false)
  })

  it("names alerts from the product's thing model with the id beside it, newest first; an unknown event keeps its id", async () => {
    const lamp = { productId: 'LAMP01', name: 'Smart lamp', description: '', netType: 'wifi', categoryId: 1, thingModel: { properties: [], actions: [], events: [
      { id: 'hardware_fault', name: 'Hardware fault', desc: '', type: 'fault', params: [] },
    ] } }
    const second = Math.floor(now / 1000) * 1000
    const { wrapper } = await mountOverview({
      'products.list': ({ productIds }) => (productIds.includes('LAMP01') ? [lamp] : []),
      'device.eventHistory': ({ deviceId }) => {
        const events = deviceId.endsWith('/lamp_a1')
          ? [{ timeMs: second - 60_000, eventId: 'hardware_fault', type: 'fault', data: '{}' }]
          : deviceId.endsWith('/th_sensor')
            ? [{ timeMs: second - 1_000, eventId: 'motion_alarm', type: 'alert', data: '{}' }]
            : []
        return { events, context: '', listover: true, total: null, requestId: 'rq-e' }
      },
    })
    await flushPromises()
    const names = wrapper.findAll('[data-testid="alert-name"]').map((n) => n.text())
    // Newest first: the sensor's alert a minute after the lamp's fault.
    expect(names).toEqual(['motion_alarm', 'Hardware fault'])
    expect(wrapper.findAll('[data-testid="alert-id"]').map((n) => n.text())).toEqual(['hardware_fault'])
  })

  it('opens a message in full, with its time, device and family, from a button in the list', async () => {
    const long = 'The lamp reported a driver fault at 21:04. '.repeat(6).trim()
    const message = { msgId: 'm9', category: 1, msgType: 0, title: 'Device Fault', content: long, timeMs: now, productId: 'LAMP01', deviceName: 'lamp_a1', deviceAlias: 'Ceiling light', familyId: 'f-1', familyName: 'Zhang home' }
    const older = { ...message, msgId: 'm8', title: 'Earlier', content: 'before', timeMs: now - 3_600_000 }
    const { wrapper } = await mountOverview({
      'messages.list': ({ category }) => ({ messages: category === 1 ? [older, message] : [], listover: true, next: null, requestId: 'rq-m' }),
    })
    const buttons = wrapper.findAll('[data-testid="message-open"]')
    expect(buttons.map((b) => b.attributes('data-msg-id'))).toEqual(['m9', 'm8'])
    expect(buttons[0]!.element.tagName).toBe('BUTTON')
    expect(buttons[0]!.attributes('aria-haspopup')).toBe('dialog')
    await buttons[0]!.trigger('click')
    await flushPromises()
    const dialog = document.body.querySelector('[data-testid="message-dialog"]')!
    expect(dialog.textContent).toContain('Device Fault')
    expect(document.body.querySelector('[data-testid="message-content"]')!.textContent).toBe(long)
    expect(document.body.querySelector('[data-testid="message-device"]')!.textContent).toBe('Ceiling light (LAMP01/lamp_a1)')
    expect(document.body.querySelector('[data-testid="message-family"]')!.textContent).toBe('Zhang home')
    expect(document.body.querySelector('[data-testid="message-time"]')!.textContent).not.toBe('')
    ;(document.body.querySelector('[data-testid="message-close"]') as HTMLElement).click()
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 400))
    const overlay = document.body.querySelector('[data-testid="message-dialog"]')?.closest('.el-overlay') as HTMLElement | null
    expect(overlay).not.toBeNull()
    expect(overlay!.style.display).toBe('none')
  })

  it("watches the fleet's online states live without reading every device's values", async () => {
    const { desk } = await mountOverview()
    const watches = desk.calls.filter((c) => c.command === 'live.watch').map((c) => c.args)
    expect(watches).toEqual([{ deviceIds: devices.map((d) => d.deviceId), valuesOf: [] }])
  })

  it('keeps the live activity bounded to the newest 200 and counts all', async () => {
    const { wrapper, desk } = await mountOverview()
    const events: DeviceEvent[] = Array.from({ length: 450 }, (_, i) => ({
      kind: 'property', deviceId: 'LAMP01/lamp_a1', seq: i, time: '', receivedAtMs: now + i, source: 'report', clientToken: '', values: { brightness: i },
    }))
    desk.emit('device.events', events)
    desk.emit('device.events', [{ kind: 'status', deviceId: 'OTHER/x', online: true, seq: 1, time: '', receivedAtMs: now }])
    await new Promise((resolve) => setTimeout(resolve, 300))
    await flushPromises()
    expect(wrapper.findAll('[data-testid="activity-item"]')).toHaveLength(200)
    expect(wrapper.findAll('[data-testid="activity-item"]')[0]!.text()).toContain('brightness=449')
    expect(wrapper.get('[data-testid="activity-count"]').text()).toContain('450')
  })

  it("shows a family list error with its Code and RequestId", async () => {
    const { wrapper } = await mountOverview({
      'devices.list': () => fail({ kind: 'api', code: 'InternalServerError', message: 'boom', requestId: 'rq-9' }),
    })
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('rq-9')
  })
})
