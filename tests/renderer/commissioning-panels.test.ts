// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, shallowRef } from 'vue'
import type { Router } from 'vue-router'
import { AUTO_DEVICE_CHECKS, type CheckItem, type Checklist, type HandoverReport } from '@shared/contracts/commissioning'
import CommissioningChecklist from '@/components/commissioning/CommissioningChecklist.vue'
import HandoverReportView from '@/views/HandoverReportView.vue'
import { i18n } from '@/i18n'
import { fail, fakeDesk, type FakeDesk, type Handlers } from './fake-desk'
import { devices, families, rooms } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const [lamp, plug, sensor] = devices as [(typeof devices)[number], (typeof devices)[number], (typeof devices)[number]]
const SENT = Date.UTC(2026, 2, 10, 4, 0, 0)
const home = families[0]!

const met = (kind: CheckItem['kind'], deviceId: string, reason: CheckItem['reason'], params: Record<string, string> = {}): CheckItem => ({ kind, deviceId, status: 'met', reason, params, fix: null })

/** The lamp is done; the plug still has its factory name, no room and old firmware; the sensor could not be checked. */
const checklist: Checklist = {
  familyId: home.familyId,
  familyName: home.name,
  checkedAtMs: SENT,
  devices: [
    { deviceId: lamp.deviceId, name: lamp.aliasName, productName: lamp.productName, roomName: lamp.roomName },
    { deviceId: plug.deviceId, name: plug.deviceName, productName: plug.productName, roomName: '' },
    { deviceId: sensor.deviceId, name: sensor.aliasName, productName: sensor.productName, roomName: sensor.roomName },
  ],
  items: [
    met('devices', '', 'devices-bound', { count: '3' }),
    met('room', lamp.deviceId, 'in-room', { room: 'Living room' }),
    met('control', lamp.deviceId, 'confirmed', { atMs: String(SENT), values: '{"power_switch":1}' }),
    { kind: 'room', deviceId: plug.deviceId, status: 'unmet', reason: 'no-room', params: {}, fix: 'rooms' },
    { kind: 'named', deviceId: plug.deviceId, status: 'unmet', reason: 'factory-name', params: { name: plug.deviceName }, fix: 'device' },
    { kind: 'firmware', deviceId: plug.deviceId, status: 'unmet', reason: 'upgrade-available', params: { current: '1.9.0', target: '1.10.0' }, fix: 'firmware' },
    { kind: 'firmware', deviceId: sensor.deviceId, status: 'unknown', reason: 'read-failed', params: { code: 'ResourceNotFound.FirmwareNotExist', message: 'no firmware' }, fix: 'firmware' },
    { kind: 'invited', deviceId: '', status: 'unmet', reason: 'nobody-invited', params: {}, fix: 'members' },
  ],
  met: 3,
  total: 8,
  unchecked: 0,
}

const report: HandoverReport = {
  familyId: home.familyId,
  familyName: home.name,
  address: 'Main St 1',
  generatedAtMs: SENT,
  technician: 'Installer Li',
  rooms: rooms.map((r) => ({ roomId: r.roomId, name: r.name, deviceCount: r.deviceCount })),
  devices: [
    { deviceId: lamp.deviceId, name: lamp.aliasName, deviceName: lamp.deviceName, productName: lamp.productName, roomName: lamp.roomName, firmwareVersion: '1.10.0', online: true, test: { outcome: 'confirmed', atMs: SENT, values: '{"power_switch":1}' } },
    { deviceId: plug.deviceId, name: plug.deviceName, deviceName: plug.deviceName, productName: plug.productName, roomName: '', firmwareVersion: '', online: false, test: { outcome: 'never', atMs: 0, values: '' } },
    { deviceId: sensor.deviceId, name: sensor.aliasName, deviceName: sensor.deviceName, productName: sensor.productName, roomName: sensor.roomName, firmwareVersion: '2.0.1', online: true, test: null },
  ],
  members: [
    { userId: '100000001', nickName: 'Installer Li', role: 1 },
    { userId: '100000003', nickName: 'Mrs Zhang', role: 0 },
  ],
  met: 3,
  total: 8,
}

let wrapper: VueWrapper | null = null
let router: Router | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  i18n.global.locale.value = 'en'
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

const routes = [
  { path: '/families/:familyId/home', name: 'home', component: Blank },
  { path: '/families/:familyId/handover', name: 'handover', component: HandoverReportView },
  { path: '/families/:familyId/add-device', name: 'add-device', component: Blank },
  { path: '/families/:familyId/devices/:deviceId', name: 'device', component: Blank },
  { path: '/families/:familyId/devices/:deviceId/firmware', name: 'firmware', component: Blank },
  { path: '/families/:familyId/devices/:deviceId/recordings', name: 'recordings', component: Blank },
]

/** The Home page's device list, as it hands it to the panel. */
const homeDevices = shallowRef([...devices])

async function mountPanel(handlers: Handlers): Promise<FakeDesk> {
  const desk = fakeDesk(handlers)
  homeDevices.value = [...devices]
  const Panel = defineComponent({ render: () => h(CommissioningChecklist, { familyId: home.familyId, devices: homeDevices.value }) })
  const mounted = await mountWithApp(Panel, { desk, path: `/families/${home.familyId}/home`, routes })
  wrapper = mounted.wrapper
  router = mounted.router
  return desk
}

async function mountReport(handlers: Handlers): Promise<FakeDesk> {
  const desk = fakeDesk({ 'commissioning.report': () => report, ...handlers })
  const mounted = await mountWithApp(HandoverReportView, { desk, path: `/families/${home.familyId}/handover`, routes })
  wrapper = mounted.wrapper
  router = mounted.router
  return desk
}

const byTest = (id: string) => wrapper!.find(`[data-testid="${id}"]`)
const item = (kind: string, deviceId: string) => wrapper!.find(`[data-testid="check-item"][data-kind="${kind}"][data-device-id="${deviceId}"]`)

describe('the commissioning checklist panel', () => {
  it('sums up what is met, and says each item per device with its reason', async () => {
    await mountPanel({ 'commissioning.checklist': () => checklist })
    expect(byTest('checklist-summary').text()).toBe('3 of 8 met')
    const groups = wrapper!.findAll('[data-testid="checklist-group"]').map((g) => g.find('h3').text())
    expect(groups).toEqual(['The home', 'Ceiling light · Smart lamp · Living room', 'plug_b7 · Smart plug · not in a room', 'Bedroom climate · Temperature sensor · Bedroom'])
    expect(item('firmware', plug.deviceId).text()).toContain('Runs 1.9.0; 1.10.0 is available.')
    expect(item('firmware', plug.deviceId).text()).toContain('Not met')
    expect(item('firmware', sensor.deviceId).attributes('data-status')).toBe('unknown')
    expect(item('firmware', sensor.deviceId).text()).toContain('Could not be checked: ResourceNotFound.FirmwareNotExist no firmware')
    expect(byTest('checklist').text()).toContain('reported back by the device')
    // Met items have nothing to fix.
    expect(item('control', lamp.deviceId).find('[data-testid="check-fix"]').exists()).toBe(false)
  })

  it('links an unmet item to the page that fixes it', async () => {
    await mountPanel({ 'commissioning.checklist': () => checklist })
    const fix = item('firmware', plug.deviceId).find('[data-testid="check-fix"]')
    expect(fix.attributes('aria-label')).toBe('Upgrade the firmware: plug_b7')
    await fix.trigger('click')
    await flushPromises()
    expect(router!.currentRoute.value.name).toBe('firmware')
    expect(router!.currentRoute.value.params).toEqual({ familyId: home.familyId, deviceId: plug.deviceId })
    await router!.push(`/families/${home.familyId}/home`)
    await item('named', plug.deviceId).find('[data-testid="check-fix"]').trigger('click')
    await flushPromises()
    expect(router!.currentRoute.value.name).toBe('device')
  })

  it("focuses the device's tile on the room board, and the invitation form, for fixes on the Home page", async () => {
    await mountPanel({ 'commissioning.checklist': () => checklist })
    // jsdom lays nothing out, so it has no scrollIntoView.
    const scrolled = vi.fn()
    Element.prototype.scrollIntoView = scrolled
    const tile = Object.assign(document.createElement('button'), { textContent: 'plug' })
    tile.dataset.testid = 'room-device'
    tile.dataset.deviceId = plug.deviceId
    const form = document.createElement('form')
    form.dataset.testid = 'invite-form'
    form.append(document.createElement('input'))
    document.body.append(tile, form)
    await item('room', plug.deviceId).find('[data-testid="check-fix"]').trigger('click')
    await flushPromises()
    expect(document.activeElement).toBe(tile)
    expect(scrolled).toHaveBeenCalledWith({ block: 'center' })
    await item('invited', '').find('[data-testid="check-fix"]').trigger('click')
    await flushPromises()
    expect(document.activeElement).toBe(form.querySelector('input'))
  })

  it('says when the home has no device yet, and leads to the Add device page', async () => {
    const empty: Checklist = {
      ...checklist,
      devices: [],
      items: [
        { kind: 'devices', deviceId: '', status: 'unmet', reason: 'no-devices', params: {}, fix: 'bind' },
        { kind: 'invited', deviceId: '', status: 'unmet', reason: 'nobody-invited', params: {}, fix: 'members' },
      ],
      met: 0,
      total: 2,
    }
    await mountPanel({ 'commissioning.checklist': () => empty })
    expect(byTest('checklist-summary').text()).toBe('0 of 2 met')
    expect(item('devices', '').text()).toContain('No device is bound to the home yet.')
    await item('devices', '').find('[data-testid="check-fix"]').trigger('click')
    await flushPromises()
    expect(router!.currentRoute.value.name).toBe('add-device')
    expect(router!.currentRoute.value.params).toEqual({ familyId: home.familyId })
  })

  it('shows only what is left to do on demand, and says when everything is met', async () => {
    const desk = await mountPanel({ 'commissioning.checklist': () => checklist })
    await byTest('checklist-only-unmet').find('input').setValue(true)
    expect(wrapper!.findAll('[data-testid="check-item"]').map((i) => i.attributes('data-status'))).not.toContain('met')
    expect(byTest('checklist-all-met').exists()).toBe(false)
    desk.handlers['commissioning.checklist'] = () => ({ ...checklist, items: checklist.items.map((i) => ({ ...i, status: 'met' as const, fix: null })), met: 8 })
    await byTest('checklist-refresh').trigger('click')
    await flushPromises()
    expect(byTest('checklist-summary').text()).toBe('8 of 8 met')
    expect(byTest('checklist-all-met').text()).toBe('Everything is met: the home is ready to hand over.')
    expect(desk.calls.filter((c) => c.command === 'commissioning.checklist')).toHaveLength(2)
  })

  it('is read again when the Home page reads its devices again after a change', async () => {
    const desk = await mountPanel({ 'commissioning.checklist': () => checklist })
    homeDevices.value = devices.map((d) => (d.deviceId === plug.deviceId ? { ...d, roomId: 'r-bed', roomName: 'Bedroom' } : d))
    await flushPromises()
    expect(desk.calls.filter((c) => c.command === 'commissioning.checklist')).toHaveLength(2)
  })

  it('says when a large home was checked by its list alone, and checks every device when asked, also on later reads', async () => {
    const listed = (everyDevice: boolean): Checklist =>
      everyDevice ? checklist : { ...checklist, items: checklist.items.filter((i) => ['devices', 'room', 'named', 'invited'].includes(i.kind)).map((i) => ({ ...i, status: 'met' as const, fix: null })), met: 5, total: 5, unchecked: 3 }
    const desk = await mountPanel({ 'commissioning.checklist': (input) => listed((input as { everyDevice?: boolean }).everyDevice === true) })
    expect(byTest('checklist-unchecked').text()).toContain(`homes of up to ${AUTO_DEVICE_CHECKS} devices. This home has 3`)
    expect(byTest('checklist-all-met').exists()).toBe(false) // 5 of 5 met, but firmware and recordings were not read
    await byTest('checklist-check-every-device').trigger('click')
    await flushPromises()
    expect(byTest('checklist-summary').text()).toBe('3 of 8 met')
    expect(byTest('checklist-unchecked').exists()).toBe(false)
    homeDevices.value = [...devices]
    await flushPromises()
    const asked = desk.calls.filter((c) => c.command === 'commissioning.checklist').map((c) => c.args)
    expect(asked).toEqual([{ familyId: home.familyId }, { familyId: home.familyId, everyDevice: true }, { familyId: home.familyId, everyDevice: true }])
    i18n.global.locale.value = 'zh-CN'
    desk.handlers['commissioning.checklist'] = () => listed(false)
    await byTest('checklist-refresh').trigger('click')
    await flushPromises()
    expect(byTest('checklist-check-every-device').text()).toBe('检查全部 3 台设备')
  })

  it('counts the devices checked while checking every device of a large home', async () => {
    let answer: (value: Checklist) => void = () => {}
    const desk = await mountPanel({ 'commissioning.checklist': () => ({ ...checklist, unchecked: 3 }) })
    desk.handlers['commissioning.checklist'] = () => new Promise<Checklist>((resolve) => (answer = resolve))
    await byTest('checklist-check-every-device').trigger('click')
    desk.emit('commissioning.progress', { familyId: home.familyId, checked: 2, total: 3 })
    await flushPromises()
    expect(byTest('check-progress').text()).toBe('Checked 2 of 3 devices')
    answer(checklist)
    await flushPromises()
    expect(byTest('check-progress').exists()).toBe(false)
    expect(byTest('checklist-summary').text()).toBe('3 of 8 met')
  })

  it('draws a large home 100 devices at a time, the rest on request, each fix named after its device', async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ deviceId: `PLUG/p_${i}`, name: `Plug ${i}`, productName: 'Plug', roomName: '' }))
    const large: Checklist = {
      ...checklist,
      devices: many,
      items: many.map((d) => ({ kind: 'room' as const, deviceId: d.deviceId, status: 'unmet' as const, reason: 'no-room' as const, params: {}, fix: 'rooms' as const })),
      met: 0,
      total: 250,
    }
    await mountPanel({ 'commissioning.checklist': () => large })
    const shown = () => wrapper!.findAll('[data-testid="checklist-group"]')
    expect(shown()).toHaveLength(100)
    expect(byTest('checklist-more').text()).toBe('Show more (150 devices not shown)')
    expect(shown()[99]!.find('[data-testid="check-fix"]').attributes('aria-label')).toContain('Plug 99')
    await byTest('checklist-more').trigger('click')
    await byTest('checklist-more').trigger('click')
    expect(shown()).toHaveLength(250)
    expect(byTest('checklist-more').exists()).toBe(false)
  })

  it('is busy while checking, and shows a failure with its code and a retry', async () => {
    let release: (list: Checklist) => void = () => {}
    const desk = await mountPanel({ 'commissioning.checklist': () => new Promise<Checklist>((resolve) => (release = resolve)) })
    expect(byTest('checklist').attributes('aria-busy')).toBe('true')
    expect(wrapper!.find('.el-skeleton').exists()).toBe(true)
    release(checklist)
    await flushPromises()
    expect(byTest('checklist').attributes('aria-busy')).toBe('false')
    desk.handlers['commissioning.checklist'] = () => fail({ kind: 'api', code: 'InvalidParameterValue.FamilyNotExist', message: 'The family does not exist.', requestId: 'req-9' })
    await byTest('checklist-refresh').trigger('click')
    await flushPromises()
    expect(byTest('checklist').text()).toContain('InvalidParameterValue.FamilyNotExist')
    expect(byTest('checklist').text()).toContain('req-9')
    desk.handlers['commissioning.checklist'] = () => checklist
    await wrapper!.find('.error-notice__retry').trigger('click')
    await flushPromises()
    expect(byTest('checklist-summary').text()).toBe('3 of 8 met')
  })

  it('speaks Chinese', async () => {
    await mountPanel({ 'commissioning.checklist': () => checklist })
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(byTest('checklist-summary').text()).toBe('已满足 3 / 8 项')
    expect(item('firmware', plug.deviceId).text()).toContain('运行 1.9.0；可升级到 1.10.0。')
  })
})

describe('the hand-over report', () => {
  it('lists every device with room, product, firmware, state and test result, the rooms, members, date and technician', async () => {
    await mountReport({})
    const rows = wrapper!.findAll('[data-testid="report-device"]').map((row) => row.findAll('td').map((td) => td.text()))
    expect(rows[0]).toEqual([`Ceiling light${lamp.deviceId}`, 'Smart lamp', 'Living room', '1.10.0', 'Online', expect.stringMatching(/^Confirmed .*2026/)])
    expect(rows[1]).toEqual([`plug_b7${plug.deviceId}`, 'Smart plug', 'Not in a room', 'unknown', 'Offline', 'Not tested'])
    expect(rows[2]![5]).toBe('Nothing to control')
    expect(byTest('report-technician').text()).toBe('Installer Li')
    expect(byTest('report-date').text()).toMatch(/2026/)
    expect(byTest('report-rooms').text()).toContain('Living room — 2 devices')
    expect(byTest('report-members').text()).toContain('Mrs Zhang — Member')
  })

  it('is written in the language chosen for it, whatever the app speaks', async () => {
    await mountReport({})
    await byTest('report-language').setValue('zh-CN')
    const article = byTest('handover-report')
    expect(article.attributes('lang')).toBe('zh-CN')
    expect(article.find('h1').text()).toBe(`交付报告 · ${home.name}`)
    expect(article.text()).toContain('安装人员')
    expect(article.text()).toContain('未分配房间')
    // The app around it stays in English.
    expect(byTest('report-save-pdf').text()).toBe('Save as PDF')
  })

  it("prints with the browser's dialog when the host says so, and says where the desktop app saved the PDF", async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    const desk = await mountReport({ 'commissioning.savePdf': () => ({ outcome: 'print' }) })
    await byTest('report-save-pdf').trigger('click')
    await flushPromises()
    expect(print).toHaveBeenCalledOnce()
    expect(desk.calls.find((c) => c.command === 'commissioning.savePdf')?.args).toEqual({ fileName: 'handover-Zhang-home-2026-03-10.pdf' })
    desk.handlers['commissioning.savePdf'] = () => ({ outcome: 'saved', path: '/home/u/handover.pdf', bytes: 1200 })
    await byTest('report-save-pdf').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('Saved to /home/u/handover.pdf')
    expect(print).toHaveBeenCalledOnce()
  })

  it('marks the page for the print stylesheet only while it is open', async () => {
    await mountReport({})
    expect(document.documentElement.classList.contains('print-report')).toBe(true)
    wrapper!.unmount()
    wrapper = null
    expect(document.documentElement.classList.contains('print-report')).toBe(false)
  })

  it('counts the devices checked while the report reads them, in either language, and only of its own home', async () => {
    let answer: (value: HandoverReport) => void = () => {}
    const desk = await mountReport({ 'commissioning.report': () => new Promise<HandoverReport>((resolve) => (answer = resolve)) })
    expect(byTest('check-progress').exists()).toBe(false)
    desk.emit('commissioning.progress', { familyId: home.familyId, checked: 1_250, total: 10_000 })
    desk.emit('commissioning.progress', { familyId: 'another-home', checked: 9, total: 10 })
    await flushPromises()
    expect(byTest('check-progress').text()).toBe('Checked 1,250 of 10,000 devices')
    expect(byTest('check-progress').find('[role="progressbar"]').attributes('aria-valuenow')).toBe('13')
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(byTest('check-progress').text()).toBe('已检查 1,250 / 10,000 台设备')
    answer(report)
    await flushPromises()
    expect(byTest('check-progress').exists()).toBe(false)
    expect(byTest('handover-report').exists()).toBe(true)
  })

  it('shows why the report could not be made, with a retry', async () => {
    const desk = await mountReport({ 'commissioning.report': () => fail({ kind: 'api', code: 'InvalidParameterValue.FamilyNotExist', message: 'gone', requestId: 'req-3' }) })
    expect(wrapper!.text()).toContain('InvalidParameterValue.FamilyNotExist')
    expect(byTest('handover-report').exists()).toBe(false)
    desk.handlers['commissioning.report'] = () => report
    await wrapper!.find('.error-notice__retry').trigger('click')
    await flushPromises()
    expect(byTest('handover-report').exists()).toBe(true)
  })
})
