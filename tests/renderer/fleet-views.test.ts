// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import FamiliesView from '@/views/FamiliesView.vue'
import DevicesView from '@/views/DevicesView.vue'
import { useSessionStore } from '@/stores/session'
import { useNavigationStore } from '@/stores/navigation'
import type { DeviceEvent, DeviceState } from '@shared/live'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { demoSession, devices, families, rooms } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/sign-in', name: 'sign-in', component: Blank },
  { path: '/families', name: 'families', component: Blank },
  { path: '/families/:familyId/devices', name: 'devices', component: Blank },
  { path: '/families/:familyId/home', name: 'home', component: Blank },
  { path: '/families/:familyId/devices/:deviceId', name: 'device', component: Blank },
  { path: '/history', name: 'history', component: Blank },
]

const handlers: Handlers = {
  'session.current': () => demoSession,
  'families.list': () => families,
  'rooms.list': () => rooms,
  'devices.list': () => devices,
  'live.watch': () => [],
  'products.list': () => [],
  'rollout.preview': () => ({ devices: [], upgradable: 0, offline: 0, upToDate: 0, failedChecks: 0, paths: [], firmware: [], excluded: [] }),
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  localStorage.clear()
})

async function mountView(view: typeof FamiliesView, path: string, overrides: Handlers = {}) {
  const desk = fakeDesk({ ...handlers, ...overrides })
  // As in the app, the session is known before any page mounts (the router guard waits).
  const result = await mountWithApp(view, { desk, path, routes, beforeMount: () => useSessionStore().init() })
  mounted = result.wrapper
  return { desk, ...result }
}

const rowNames = (w: VueWrapper) => w.findAll('[data-testid="device-row"]').map((r) => r.attributes('data-device-id'))

describe('families page', () => {
  it('lists families with their role, and opens one', async () => {
    const { wrapper, router } = await mountView(FamiliesView, '/families')
    const rows = wrapper.findAll('[data-testid="family-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('Zhang home')
    expect(rows[0]!.text()).toContain('Administrator')
    expect(rows[1]!.text()).toContain('Member')
    await rows[0]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-1/devices')
  })

  it('opens a family from the keyboard', async () => {
    const { wrapper, router } = await mountView(FamiliesView, '/families')
    const rows = wrapper.findAll('[data-testid="family-row"]')
    expect(rows[0]!.attributes('tabindex')).toBe('0')
    expect(rows[1]!.attributes('tabindex')).toBe('-1')
    ;(rows[0]!.element as HTMLElement).focus()
    await rows[0]!.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows[1]!.element)
    await rows[1]!.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/families/f-2/devices')
  })

  it('shows the empty state', async () => {
    const { wrapper } = await mountView(FamiliesView, '/families', { 'families.list': () => [] })
    expect(wrapper.find('[data-testid="families-empty"]').exists()).toBe(true)
  })

  it('shows the error with its RequestId, and retries', async () => {
    let attempts = 0
    const { wrapper } = await mountView(FamiliesView, '/families', {
      'families.list': () => (++attempts === 1 ? fail({ kind: 'api', code: 'InternalError', message: 'busy', requestId: 'rq-9' }) : families),
    })
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('rq-9')
    await wrapper.get('.error-notice__retry').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="family-row"]')).toHaveLength(2)
  })
})

describe('devices page', () => {
  it('lists the family devices by name with online state and counts', async () => {
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices')
    expect(desk.calls.find((c) => c.command === 'devices.list')?.args).toEqual({ familyId: 'f-1', streamId: expect.any(String) })
    const rows = wrapper.findAll('[data-testid="device-row"]')
    expect(rowNames(wrapper)).toEqual(['SENS03/th_sensor', 'LAMP01/lamp_a1', 'GW0004/gateway_1', 'PLUG02/plug_b7'])
    expect(rows.map((r) => r.attributes('data-online'))).toEqual(['true', 'true', 'true', 'false'])
    expect(rows[1]!.text()).toContain('Ceiling light')
    expect(rows[1]!.text()).toContain('Smart lamp')
    expect(rows[1]!.text()).toContain('Living room')
    expect(rows[1]!.get('[data-testid="device-online-tag"]').text()).toBe('Online')
    expect(rows[3]!.get('[data-testid="device-online-tag"]').text()).toBe('Offline')
    expect(rows[2]!.text()).toContain('No room')
    expect(wrapper.get('[data-testid="device-count-online"]').text()).toBe('3')
    expect(wrapper.get('[data-testid="device-count-total"]').text()).toBe('4')
  })

  it('filters by the search box and updates the counts', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices')
    await wrapper.get('input[data-testid="device-search"]').setValue('living')
    expect(rowNames(wrapper)).toEqual(['LAMP01/lamp_a1', 'PLUG02/plug_b7'])
    expect(wrapper.get('[data-testid="device-count-online"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="device-count-total"]').text()).toBe('2')
    expect(wrapper.text()).toContain('filtered from 4')
    await wrapper.get('input[data-testid="device-search"]').setValue('nothing-like-this')
    expect(wrapper.find('[data-testid="devices-empty-filtered"]').exists()).toBe(true)
  })

  it('writes the search to the URL once typing pauses, and follows links back to the plain list', async () => {
    const { wrapper, router } = await mountView(DevicesView, '/families/f-1/devices')
    const pause = () => new Promise((resolve) => setTimeout(resolve, 400))
    await wrapper.get('input[data-testid="device-search"]').setValue('living')
    expect(router.currentRoute.value.query.q).toBeUndefined()
    await pause()
    await flushPromises()
    expect(router.currentRoute.value.query.q).toBe('living')
    await wrapper.get('input[data-testid="device-search"]').setValue('')
    await pause()
    await flushPromises()
    await router.push('/families/f-1/devices?product=PLUG02')
    await flushPromises()
    expect(rowNames(wrapper)).toEqual(['PLUG02/plug_b7'])
    await router.push('/families/f-1/devices')
    await flushPromises()
    expect(rowNames(wrapper)).toHaveLength(4)
  })

  it('filters by a toolbar choice at once, writes it to the URL once idle, and keeps it for the way back when left sooner', async () => {
    const { wrapper, router } = await mountView(DevicesView, '/families/f-1/devices')
    const idle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 400))
      await flushPromises()
    }
    await wrapper.get('select[data-testid="product-select"]').setValue('PLUG02')
    expect(rowNames(wrapper)).toEqual(['PLUG02/plug_b7'])
    expect(router.currentRoute.value.query.product).toBeUndefined()
    await idle()
    expect(router.currentRoute.value.query).toEqual({ product: 'PLUG02' })

    await wrapper.get('select[data-testid="online-select"]').setValue('false')
    await router.push('/families')
    await flushPromises()
    expect(useNavigationStore().listQuery('f-1')).toEqual({ product: 'PLUG02', online: 'false' })
    await idle()
    expect(router.currentRoute.value.fullPath).toBe('/families')
  })

  it('shows a linked filter value the list has no choice for yet, instead of a blank filter', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices?version=9.9')
    const select = wrapper.get('select[data-testid="version-select"]').element as HTMLSelectElement
    expect(select.value).toBe('9.9')
    expect(select.selectedOptions[0]?.textContent).toBe('9.9')
  })

  it('focuses the search box on "/" but not while typing elsewhere', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices')
    const search = wrapper.get('input[data-testid="device-search"]').element
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }))
    expect(document.activeElement).toBe(search)
    ;(search as HTMLInputElement).blur()
    const other = document.createElement('input')
    document.body.appendChild(other)
    other.focus()
    other.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }))
    expect(document.activeElement).toBe(other)
    other.remove()
  })

  it("opens a device's page from its row, and its history from the row's link, leaving a modified click to the browser", async () => {
    const { wrapper, router } = await mountView(DevicesView, '/families/f-1/devices')
    const lamp = () => wrapper.get('[data-testid="device-row"][data-device-id="LAMP01/lamp_a1"]')
    const link = lamp().get('[data-testid="history-link"]')
    expect(link.text()).toBe('History')
    expect(link.attributes('href')).toBe(router.resolve({ path: '/history', query: { familyId: 'f-1', devices: 'LAMP01/lamp_a1' } }).href)
    await link.trigger('click', { button: 0, ctrlKey: true })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/families/f-1/devices')
    await link.trigger('click', { button: 0 })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/history')
    expect(router.currentRoute.value.query).toEqual({ familyId: 'f-1', devices: 'LAMP01/lamp_a1' })
    router.back()
    await flushPromises()
    await lamp().get('.cell-name').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.params).toEqual({ familyId: 'f-1', deviceId: 'LAMP01/lamp_a1' })
  })

  it('moves between device rows with the arrow keys', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices')
    const rows = wrapper.findAll('[data-testid="device-row"]')
    ;(rows[0]!.element as HTMLElement).focus()
    await rows[0]!.trigger('keydown', { key: 'End' })
    expect(document.activeElement).toBe(rows[3]!.element)
    await rows[3]!.trigger('keydown', { key: 'ArrowUp' })
    expect(document.activeElement).toBe(rows[2]!.element)
    expect(rows[2]!.attributes('tabindex')).toBe('0')
  })

  it('sorts by a column header, and tells assistive technology the order', async () => {
    const { wrapper, router } = await mountView(DevicesView, '/families/f-1/devices')
    const header = () => wrapper.get('[data-testid="device-sort-product"]')
    const byProduct = devices.map((d) => d).sort((a, b) => (a.productName || a.productId).localeCompare(b.productName || b.productId) || a.deviceId.localeCompare(b.deviceId))
    expect(header().element.parentElement!.getAttribute('aria-sort')).toBe('none')
    await header().trigger('click')
    await flushPromises()
    expect(rowNames(wrapper)).toEqual(byProduct.map((d) => d.deviceId))
    expect(header().element.parentElement!.getAttribute('aria-sort')).toBe('ascending')
    expect(wrapper.get('[data-testid="device-sort-name"]').element.parentElement!.getAttribute('aria-sort')).toBe('none')
    await header().trigger('click')
    await flushPromises()
    expect(rowNames(wrapper)).toEqual(byProduct.map((d) => d.deviceId).reverse())
    expect(header().element.parentElement!.getAttribute('aria-sort')).toBe('descending')
    // The URL follows once the frame showing the new order is painted.
    await vi.waitFor(() => expect(router.currentRoute.value.query).toMatchObject({ sort: 'product', order: 'desc' }))
    // Each row's checkbox is named after its device, in the words of the language shown.
    const boxes = wrapper.findAll('[data-testid="device-select"]').map((b) => b.attributes('aria-label'))
    expect(boxes).toContain('Select Ceiling light')
    expect(boxes).toContain('Select plug_b7')
  })

  it('draws only the rows in view of a long list, and scrolls to the row the keyboard moves to', async () => {
    const name = (i: number) => `r${String(i).padStart(4, '0')}`
    const many = Array.from({ length: 500 }, (_, i) => ({ ...devices[1]!, deviceId: `PLUG02/${name(i)}`, deviceName: name(i), aliasName: '' }))
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices', { 'devices.list': () => many })
    await flushPromises()
    const first = wrapper.findAll('[data-testid="device-row"]')
    expect(first.length).toBeGreaterThan(5)
    expect(first.length).toBeLessThan(40)
    ;(first[0]!.element as HTMLElement).focus()
    await first[0]!.trigger('keydown', { key: 'End' })
    await flushPromises()
    const last = wrapper.get('[data-row-index="499"]')
    expect(last.attributes('data-device-id')).toBe('PLUG02/r0499')
    expect(last.attributes('aria-rowindex')).toBe('501')
    expect(document.activeElement).toBe(last.element)
    expect(wrapper.find('[data-row-index="0"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="device-table"]').attributes('aria-rowcount')).toBe('501')
  })

  it('draws the rows at the scroll position, also after a filter shrank the list to its full height and back', async () => {
    const name = (i: number) => `s${String(i).padStart(4, '0')}`
    const many = Array.from({ length: 500 }, (_, i) => ({ ...devices[1]!, deviceId: `PLUG02/${name(i)}`, deviceName: name(i), aliasName: '' }))
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices', { 'devices.list': () => many })
    await flushPromises()
    const table = () => wrapper.get('[data-testid="device-table"]')
    const drawnIndexes = () => wrapper.findAll('[data-testid="device-row"]').map((r) => Number(r.attributes('data-row-index')))
    table().element.scrollTop = 300 * 44
    await table().trigger('scroll')
    expect(drawnIndexes()).toContain(300)
    expect(drawnIndexes()).not.toContain(0)
    // Narrowed to 11 rows, the list takes its full height: the browser drops the scroll position.
    await wrapper.get('input[data-testid="device-search"]').setValue('s000')
    await flushPromises()
    table().element.scrollTop = 0
    await table().trigger('scroll')
    await wrapper.get('input[data-testid="device-search"]').setValue('')
    await flushPromises()
    expect(drawnIndexes()).toContain(0)
    expect(drawnIndexes()).not.toContain(300)
  })

  it('shows an empty family as such', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices', { 'devices.list': () => [] })
    expect(wrapper.find('[data-testid="devices-empty"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="device-count-total"]').text()).toBe('0')
  })

  it('shows a device-list error with its Code and RequestId', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices', {
      'devices.list': () => fail({ kind: 'api', code: 'ResourceNotFound.FamilyNotExist', message: 'no such family', requestId: 'rq-3' }),
    })
    expect(wrapper.get('[data-testid="error-code"]').text()).toBe('ResourceNotFound.FamilyNotExist')
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('rq-3')
    expect(wrapper.findAll('[data-testid="device-row"]')).toHaveLength(0)
  })

  it('shows streamed rows while the list is still loading, and the whole list once it is in', async () => {
    let answer: (rest: typeof devices) => void = () => undefined
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices', {
      'devices.list': () => new Promise((resolve) => (answer = resolve)),
    })
    const streamId = (desk.calls.find((c) => c.command === 'devices.list')?.args as { streamId: string }).streamId
    desk.emit('devices.progress', { familyId: 'f-1', loaded: 2, total: 4, streamId, devices: devices.slice(0, 2) })
    desk.emit('devices.progress', { familyId: 'f-1', loaded: 2, total: 4, streamId: 'another', devices: devices.slice(2) })
    await flushPromises()
    expect([...rowNames(wrapper)].sort()).toEqual(devices.slice(0, 2).map((d) => d.deviceId).sort())
    expect(wrapper.find('[data-testid="devices-refresh"]').classes()).toContain('is-loading')
    desk.emit('devices.progress', { familyId: 'f-1', loaded: 3, total: 4, streamId, devices: devices.slice(2, 3) })
    answer(devices.slice(3))
    await flushPromises()
    expect(rowNames(wrapper)).toEqual(['SENS03/th_sensor', 'LAMP01/lamp_a1', 'GW0004/gateway_1', 'PLUG02/plug_b7'])
    expect(wrapper.get('[data-testid="device-count-total"]').text()).toBe('4')
  })

  it('loads the other family when the route changes, and remembers the choice', async () => {
    const { router, desk } = await mountView(DevicesView, '/families/f-1/devices')
    await router.push('/families/f-2/devices')
    await flushPromises()
    expect(desk.calls.filter((c) => c.command === 'devices.list').map((c) => (c.args as { familyId: string }).familyId)).toEqual(['f-1', 'f-2'])
    expect(localStorage.getItem('explorer-desk.family')).toContain('"familyId":"f-2"')
  })
})

describe('live device list', () => {
  const t0 = 1_800_000_000_000
  const status = (deviceId: string, online: boolean, seq: number, receivedAtMs = t0 + seq): DeviceEvent => ({
    kind: 'status',
    deviceId,
    online,
    seq,
    time: new Date(receivedAtMs).toISOString(),
    receivedAtMs,
  })
  const state = (deviceId: string, online: boolean | null, updatedAtMs = t0): DeviceState => ({ deviceId, online, properties: {}, updatedAtMs })
  const onlineOf = (w: VueWrapper) => Object.fromEntries(w.findAll('[data-testid="device-row"]').map((r) => [r.attributes('data-device-id'), r.attributes('data-online')]))
  const counts = (w: VueWrapper) => [w.get('[data-testid="device-count-online"]').text(), w.get('[data-testid="device-count-total"]').text()]
  const watched = (desk: { calls: { command: string; args: unknown }[] }) => desk.calls.filter((c) => c.command === 'live.watch').map((c) => c.args)
  const ids = devices.map((d) => d.deviceId)

  it('watches the family devices and seeds their online state from the answer', async () => {
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices', {
      // The list said PLUG02 offline and GW0004 online; main knows better.
      'live.watch': () => [state('PLUG02/plug_b7', true), state('GW0004/gateway_1', false), state('LAMP01/lamp_a1', null)],
    })
    expect(watched(desk)).toEqual([{ deviceIds: ids }])
    expect(onlineOf(wrapper)).toEqual({ 'LAMP01/lamp_a1': 'true', 'PLUG02/plug_b7': 'true', 'SENS03/th_sensor': 'true', 'GW0004/gateway_1': 'false' })
    expect(counts(wrapper)).toEqual(['3', '4'])
  })

  it('applies a batch of status events to the right rows and the counters', async () => {
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices')
    expect(counts(wrapper)).toEqual(['3', '4'])
    desk.emit('device.events', [
      status('PLUG02/plug_b7', true, 1),
      status('SENS03/th_sensor', false, 2),
      { kind: 'property', deviceId: 'LAMP01/lamp_a1', seq: 3, time: '', receivedAtMs: t0 + 3, source: 'report', clientToken: '', values: { power: 0 } },
      status('SENS03/th_sensor', true, 4),
      status('GW0004/gateway_1', false, 5),
      status('OTHER/not_here', true, 6), // not watched
    ])
    await flushPromises()
    expect(onlineOf(wrapper)).toEqual({ 'LAMP01/lamp_a1': 'true', 'PLUG02/plug_b7': 'true', 'SENS03/th_sensor': 'true', 'GW0004/gateway_1': 'false' })
    const plug = wrapper.get('[data-device-id="PLUG02/plug_b7"]')
    expect(plug.get('[data-testid="device-online-tag"]').text()).toBe('Online')
    expect(wrapper.get('[data-device-id="GW0004/gateway_1"] [data-testid="device-online-tag"]').text()).toBe('Offline')
    expect(counts(wrapper)).toEqual(['3', '4'])
    desk.emit('device.events', [status('LAMP01/lamp_a1', false, 7)])
    await flushPromises()
    expect(counts(wrapper)).toEqual(['2', '4'])
  })

  it('counts live state within the filter too', async () => {
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices')
    await wrapper.get('input[data-testid="device-search"]').setValue('living')
    expect(counts(wrapper)).toEqual(['1', '2'])
    desk.emit('device.events', [status('PLUG02/plug_b7', true, 1)])
    await flushPromises()
    expect(counts(wrapper)).toEqual(['2', '2'])
  })

  it('counts a list filtered by status as its rows: all online, or none, as devices come and go', async () => {
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices')
    const statusFilter = wrapper.get('select[data-testid="online-select"]')
    await statusFilter.setValue('true')
    expect(counts(wrapper)).toEqual(['3', '3'])
    desk.emit('device.events', [status('LAMP01/lamp_a1', false, 1)])
    await flushPromises()
    expect(counts(wrapper)).toEqual(['2', '2'])
    await statusFilter.setValue('false')
    expect(counts(wrapper)).toEqual(['0', '2'])
    expect(Object.values(onlineOf(wrapper))).toEqual(['false', 'false'])
  })

  it('takes online state from a resync, but not news older than what is shown', async () => {
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices')
    desk.emit('device.events', [status('PLUG02/plug_b7', true, 1, t0 + 5000)])
    desk.emit('device.states', [state('PLUG02/plug_b7', false, t0 + 1000), state('LAMP01/lamp_a1', false, t0 + 2000)])
    await flushPromises()
    expect(onlineOf(wrapper)['PLUG02/plug_b7']).toBe('true')
    expect(onlineOf(wrapper)['LAMP01/lamp_a1']).toBe('false')
    expect(counts(wrapper)).toEqual(['3', '4'])
  })

  it('watches the other family on a family change, and nothing once the page is left', async () => {
    const { desk, router, wrapper } = await mountView(DevicesView, '/families/f-1/devices', {
      'devices.list': ({ familyId }) => (familyId === 'f-1' ? devices : [{ ...devices[0]!, deviceId: 'LAMP01/office', deviceName: 'office', familyId: 'f-2' }]),
    })
    await router.push('/families/f-2/devices')
    await flushPromises()
    expect(watched(desk)).toEqual([{ deviceIds: ids }, { deviceIds: ['LAMP01/office'] }])
    wrapper.unmount()
    mounted = null
    await flushPromises()
    expect(watched(desk)).toEqual([{ deviceIds: ids }, { deviceIds: ['LAMP01/office'] }, { deviceIds: [] }])
  })

  it('watches a 10,000-device family whole, so its counts follow every push, reading values of the rows drawn only', async () => {
    const name = (i: number) => `q${String(i).padStart(5, '0')}`
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...devices[1]!, deviceId: `PLUG02/${name(i)}`, deviceName: name(i), aliasName: '' }))
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices', {
      'devices.list': () => many,
      'live.readValues': ({ deviceIds }) => deviceIds.map((deviceId) => ({ deviceId, online: true, properties: {}, updatedAtMs: 1 })),
    })
    await flushPromises()
    const drawnIds = () => wrapper.findAll('[data-testid="device-row"]').map((r) => r.attributes('data-device-id'))
    const readValues = () => desk.calls.filter((c) => c.command === 'live.readValues').map((c) => (c.args as { deviceIds: string[] }).deviceIds)
    const first = watched(desk) as { deviceIds: string[]; valuesOf?: string[] }[]
    expect(first).toHaveLength(1)
    expect(first[0]!.deviceIds).toHaveLength(10_000)
    // The first rows' values: named by the watch, or read at once when the rows came after it.
    const firstValues = [...(first[0]!.valuesOf ?? []), ...readValues().flat()]
    expect(firstValues.length).toBeGreaterThan(0)
    expect(firstValues.length).toBeLessThan(100)
    expect(firstValues).toEqual(expect.arrayContaining(drawnIds()))
    // A new filter's rows have theirs read once it settles; the watch itself stays.
    const before = readValues().length
    await wrapper.get('input[data-testid="device-search"]').setValue('q05')
    await flushPromises()
    expect(readValues()).toHaveLength(before)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const next = readValues()
    expect(next).toHaveLength(before + 1)
    expect(next.at(-1)).toEqual(drawnIds())
    expect(next.at(-1)!.every((id) => id.startsWith('PLUG02/q05'))).toBe(true)
    expect(watched(desk)).toHaveLength(1)
  })

  it('watches only the rows drawn of a family too large to watch whole, and the next ones once a new filter settles', async () => {
    // 10,500 devices, more than one watch takes, named so the list's order is their number's.
    const name = (i: number) => `p${String(i).padStart(5, '0')}`
    const many = Array.from({ length: 10_500 }, (_, i) => ({ ...devices[1]!, deviceId: `PLUG02/${name(i)}`, deviceName: name(i), aliasName: '' }))
    const { wrapper, desk } = await mountView(DevicesView, '/families/f-1/devices', { 'devices.list': () => many })
    await flushPromises()
    const drawnIds = () => wrapper.findAll('[data-testid="device-row"]').map((r) => r.attributes('data-device-id'))
    const first = watched(desk) as { deviceIds: string[] }[]
    expect(first).toHaveLength(1)
    expect(first[0]!.deviceIds.length).toBeLessThan(100)
    expect(first[0]!.deviceIds).toEqual(expect.arrayContaining(drawnIds()))
    expect(first[0]!.deviceIds.every((id) => Number(id.slice(-5)) < 100)).toBe(true)
    // The search narrows the list to devices from 10,000 on: those drawn are watched once it settles.
    await wrapper.get('input[data-testid="device-search"]').setValue('p1')
    await flushPromises()
    expect(watched(desk)).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const next = watched(desk) as { deviceIds: string[] }[]
    expect(next).toHaveLength(2)
    expect(next[1]!.deviceIds.length).toBeGreaterThan(0)
    expect(next[1]!.deviceIds.every((id) => id.startsWith('PLUG02/p1'))).toBe(true)
  })

  it('keeps the listed state when live data cannot be had', async () => {
    const { wrapper } = await mountView(DevicesView, '/families/f-1/devices', {
      'live.watch': () => fail({ kind: 'network', code: 'Desk.NetworkError' }),
    })
    expect(counts(wrapper)).toEqual(['3', '4'])
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
  })
})
