// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Product } from '@shared/domain'
import type { Automation, HomeTimer, Scene } from '@shared/schedule'
import type { ThingModel } from '@shared/thing-model'
import HomeAutomationView from '@/views/HomeAutomationView.vue'
import { i18n } from '@/i18n'
import { automationDraft, conditionsProblems, newAction, sceneProblems, timerProblems } from '@/utils/schedule-drafts'
import { fakeDesk, type FakeDesk, type Handlers } from './fake-desk'
import { devices } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const [lamp, plug, sensor] = devices as [typeof devices[0], typeof devices[0], typeof devices[0]]
const lampModel: ThingModel = {
  events: [],
  actions: [],
  properties: [
    { id: 'power_switch', name: 'Switch', desc: '', mode: 'rw', spec: { type: 'bool', mapping: { 0: 'off', 1: 'on' }, unit: '' } },
    { id: 'brightness', name: 'Brightness', desc: '', mode: 'rw', spec: { type: 'int', mapping: {}, min: 0, max: 100, unit: '%' } },
    { id: 'label', name: 'Label', desc: '', mode: 'rw', spec: { type: 'string', mapping: {}, max: 16, unit: '' } },
  ],
}
const sensorModel: ThingModel = {
  events: [],
  actions: [],
  properties: [{ id: 'temperature', name: 'Temperature', desc: '', mode: 'r', spec: { type: 'float', mapping: {}, min: -20, max: 60, unit: '°C' } }],
}
const product = (productId: string, thingModel: ThingModel): Product => ({ productId, name: productId, description: '', netType: 'wifi', categoryId: 1, thingModel })
const products = [product(lamp.productId, lampModel), product(plug.productId, lampModel), product(sensor.productId, sensorModel)]
const modelOf = (deviceId: string) => (deviceId === sensor.deviceId ? sensorModel : deviceId === lamp.deviceId ? lampModel : undefined)

const morning: HomeTimer = {
  timerId: 't-1', deviceId: lamp.deviceId, deviceName: 'Ceiling light', name: 'Morning', days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '07:00', repeat: true,
  values: { power_switch: 1, brightness: 40 }, enabled: true, createTime: 0, updateTime: 0,
}
const evening: Scene = {
  sceneId: 's-1', familyId: 'f-1', name: 'Evening', icon: '', userId: 'u', running: false, deviceMissing: false, createTime: 0, updateTime: 0,
  actions: [{ kind: 'control', deviceId: lamp.deviceId, values: { power_switch: 1 } }, { kind: 'delay', seconds: 30 }],
}
const warm: Automation = {
  automationId: 'a-1', name: 'Too warm', icon: '', enabled: true, match: 'all',
  conditions: [{ kind: 'property', deviceId: sensor.deviceId, propertyId: 'temperature', op: 'gt', value: 28 }],
  actions: [{ kind: 'control', deviceId: plug.deviceId, values: { power_switch: 1 } }],
  activeFrom: '00:00', activeTo: '23:59', activeDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
}

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  i18n.global.locale.value = 'en'
  document.body.innerHTML = ''
})

async function mountPage(extra: Handlers = {}): Promise<FakeDesk> {
  const desk = fakeDesk({
    'families.describe': () => ({ familyId: 'f-1', name: 'Zhang home', address: '', role: 1, createTime: 0, updateTime: 0 }),
    'devices.list': () => devices,
    'products.list': () => products,
    'live.watch': () => [],
    'timers.listForHome': () => ({ timers: [morning], unreadable: [] }),
    'scenes.list': () => [evening],
    'automations.describeAll': () => [warm],
    ...extra,
  })
  const routes = [
    { path: '/families/:familyId/automation', name: 'home-automation', component: HomeAutomationView },
    { path: '/families/:familyId/home', name: 'home', component: Blank },
  ]
  wrapper = (await mountWithApp(HomeAutomationView, { desk, path: '/families/f-1/automation', routes })).wrapper
  return desk
}

const sent = (desk: FakeDesk, command: string) => desk.calls.filter((c) => c.command === command).map((c) => c.args)
/** Dialogs are teleported to the body. */
const inBody = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null
const textOf = (id: string) => inBody(id)?.textContent?.trim() ?? ''

async function settle(): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 20))
  await flushPromises()
}

/** Element Plus puts a test id on the input itself or on its wrapper, depending on the component. */
const inputOf = (id: string) => (inBody(id)?.matches('input') ? inBody(id) : inBody(id)?.querySelector('input')) as HTMLInputElement

async function setInput(id: string, value: string): Promise<void> {
  const input = inputOf(id)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await settle()
}

async function click(id: string): Promise<void> {
  inBody(id)!.click()
  await settle()
}

describe('the home’s timers', () => {
  it('lists each timer in words: its days, its time, the values it sets', async () => {
    await mountPage()
    expect(wrapper!.find('[data-testid="timer-when"]').text()).toBe('weekdays at 07:00')
    expect(wrapper!.find('[data-testid="timer-sets"]').text()).toBe('Switch to on, Brightness to 40 %')
  })

  it('reads the timers of a home of more than 200 devices only when asked: one call per device', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ ...lamp, deviceName: `lamp_${i}`, deviceId: `${lamp.productId}/lamp_${i}` }))
    const desk = await mountPage({ 'devices.list': () => many })
    expect(sent(desk, 'timers.listForHome')).toEqual([])
    expect(wrapper!.find('[data-testid="timer-ask"]').text()).toContain('This home has 201 devices')
    expect(wrapper!.find('[data-testid="timer-table"]').exists()).toBe(false)
    await wrapper!.find('[data-testid="timer-read"]').trigger('click')
    await settle()
    expect(sent(desk, 'timers.listForHome')).toEqual([{ familyId: 'f-1' }])
    expect(wrapper!.find('[data-testid="timer-when"]').text()).toBe('weekdays at 07:00')
  })

  it('refuses a timer with no name, no time, a repeat without days and nothing to set, sending nothing', async () => {
    const desk = await mountPage({ 'timers.create': () => ({ timerId: 't-2', requestId: 'r' }) })
    await wrapper!.find('[data-testid="timer-new"]').trigger('click')
    await settle()
    await setInput('timer-time', '')
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      ;(document.querySelector(`[data-testid="timer-days"] [data-testid="day-${day}"] input`) as HTMLElement).click()
      await settle()
    }
    await click('timer-save')
    expect(textOf('timer-problem-device')).toBe('Choose a device.')
    expect(textOf('timer-problem-name')).toBe('Enter a name of 1 to 64 characters.')
    expect(textOf('timer-problem-time')).toBe('Enter a time as HH:mm, from 00:00 to 23:59.')
    expect(textOf('timer-problem-days')).toBe('A repeating timer needs at least one day.')
    expect(textOf('timer-problem-values')).toBe('Choose at least one property to set.')
    expect(sent(desk, 'timers.create')).toEqual([])
  })

  it('asks before deleting a timer, naming it and its device, then sends one call; the switch disables it', async () => {
    const desk = await mountPage({ 'timers.delete': () => ({ requestId: 'r-del' }), 'timers.setEnabled': () => ({ requestId: 'r-off' }) })
    await wrapper!.find('[data-testid="timer-enabled"]').trigger('click')
    await settle()
    expect(sent(desk, 'timers.setEnabled')).toEqual([{ deviceId: lamp.deviceId, timerId: 't-1', enabled: false }])
    await wrapper!.find('[data-testid="timer-delete"]').trigger('click')
    await settle()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const box = document.querySelector('.el-message-box') as HTMLElement
    expect(box.textContent).toContain('The timer “Morning” of Ceiling light is deleted; it will not run again. This cannot be undone.')
    ;(box.querySelector('.el-message-box__btns .el-button--danger') as HTMLElement).click()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await settle()
    expect(sent(desk, 'timers.delete')).toEqual([{ deviceId: lamp.deviceId, timerId: 't-1' }])
  })

  it('edits a timer with its own values after another device’s timer was open', async () => {
    const night: HomeTimer = { ...morning, timerId: 't-2', deviceId: plug.deviceId, deviceName: 'plug_b7', name: 'Night', values: { power_switch: 0 } }
    const desk = await mountPage({ 'timers.listForHome': () => ({ timers: [morning, night], unreadable: [] }), 'timers.modify': () => ({ requestId: 'r-mod' }) })
    const edit = (timerId: string) => wrapper!.find(`[data-testid="timer-row"][data-timer-id="${timerId}"] [data-testid="timer-edit"]`)
    await edit('t-1').trigger('click')
    await settle()
    ;[...document.querySelectorAll('.el-dialog button')].find((b) => b.textContent?.trim() === 'Cancel')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    await edit('t-2').trigger('click')
    await settle()
    await click('timer-save')
    expect(sent(desk, 'timers.modify')).toEqual([expect.objectContaining({ deviceId: plug.deviceId, timerId: 't-2', values: { power_switch: 0 } })])
  })
})

describe('the scene editor', () => {
  it('shows each step in words and refuses a step without its device, a wait out of range or an empty message', async () => {
    const desk = await mountPage({ 'scenes.create': () => ({ sceneId: 's-2', requestId: 'r' }) })
    expect(wrapper!.find('[data-testid="scene-steps"]').text()).toContain('set Ceiling light’s Switch to on')
    expect(wrapper!.find('[data-testid="scene-steps"]').text()).toContain('wait 30 s')
    await wrapper!.find('[data-testid="scene-new"]').trigger('click')
    await settle()
    await click('action-add')
    await click('scene-save')
    expect(textOf('scene-problem-name')).toBe('Enter a name of 1 to 64 characters.')
    expect(textOf('action-problem-0')).toBe('Choose a device.')
    expect(sent(desk, 'scenes.create')).toEqual([])
    expect(sceneProblems({ name: 'x', actions: [{ kind: 'delay', seconds: 0 }, { kind: 'notify', text: '  ' }] }, modelOf).map((p) => [p.field, p.key])).toEqual([
      ['actions.0', 'schedule.problem.seconds'],
      ['actions.1', 'schedule.problem.text'],
    ])
    expect(sceneProblems({ name: 'x', actions: [] }, modelOf)[0]?.key).toBe('schedule.problem.noActions')
  })

  it('runs a scene now and shows each device waiting, then confirmed when it reports the values', async () => {
    const desk = await mountPage({ 'scenes.run': () => ({ requestId: 'r-run' }) })
    await wrapper!.find('[data-testid="scene-run"]').trigger('click')
    await settle()
    const status = () => wrapper!.find(`[data-testid="scene-run-device"][data-device-id="${lamp.deviceId}"]`)
    expect(status().attributes('data-status')).toBe('pending')
    desk.emit('device.events', [{ kind: 'property', source: 'report', deviceId: lamp.deviceId, seq: 1, time: '', receivedAtMs: 1, clientToken: 'scene::s-1', values: { power_switch: 1 } }])
    await settle()
    expect(status().attributes('data-status')).toBe('confirmed')
    expect(status().text()).toContain('Ceiling light')
    expect(sent(desk, 'scenes.run')).toEqual([{ sceneId: 's-1' }])
  })
})

describe('a large home', () => {
  const many = Array.from({ length: 2_000 }, (_, i) => ({ ...lamp, aliasName: '', deviceName: `lamp_${i}`, deviceId: `${lamp.productId}/lamp_${i}` }))
  /** The options drawn in the listbox of the picker with this test id. */
  const drawn = (testid: string) => {
    const listbox = document.getElementById(inputOf(testid).getAttribute('aria-controls')!)!
    return [...listbox.querySelectorAll<HTMLElement>(`[data-testid^="${testid}-"]`)]
  }

  it('draws only the device options in view, and finds a device by name as the technician types', async () => {
    await mountPage({ 'devices.list': () => many })
    await wrapper!.find('[data-testid="scene-new"]').trigger('click')
    await settle()
    inBody('action-device')!.querySelector<HTMLElement>('.el-select__wrapper')!.click()
    await settle()
    expect(drawn('action-device').length).toBeGreaterThan(0)
    expect(drawn('action-device').length).toBeLessThan(50)
    await setInput('action-device', 'lamp_1234')
    expect(drawn('action-device').map((o) => o.textContent)).toEqual(['lamp_1234'])
    drawn('action-device')[0]!.click()
    await settle()
    expect(inBody('action-values-0')).not.toBeNull()
    expect(inBody('action-device')!.textContent).toContain('lamp_1234')
  })
})

describe('the automation editor', () => {
  it('lists each automation as its sentence', async () => {
    await mountPage()
    expect(wrapper!.find('[data-testid="automation-sentence"]').text()).toBe('When Bedroom climate’s Temperature is above 28 °C, set plug_b7’s Switch to on.')
  })

  it('refuses an unfinished automation, naming each problem, and sends nothing', async () => {
    const desk = await mountPage({ 'automations.create': () => ({ automationId: 'a-2', requestId: 'r' }) })
    await wrapper!.find('[data-testid="automation-new"]').trigger('click')
    await settle()
    await setInput('automation-from', '')
    await click('automation-save')
    expect(textOf('automation-problem-name')).toBe('Enter a name of 1 to 64 characters.')
    expect(textOf('condition-problem-0')).toBe('Choose a device.')
    expect(textOf('action-problem-0')).toBe('Choose a device.')
    expect(textOf('automation-problem-from')).toBe('Enter a time as HH:mm, from 00:00 to 23:59.')
    expect(inBody('automation-problems')).not.toBeNull()
    expect(sent(desk, 'automations.create')).toEqual([])
  })

  it('edits an existing automation with its own conditions, and its sentence previews as it is edited', async () => {
    await mountPage()
    await wrapper!.find('[data-testid="automation-edit"]').trigger('click')
    await settle()
    expect(textOf('automation-preview')).toContain('When Bedroom climate’s Temperature is above 28 °C')
    expect(inputOf('automation-name').value).toBe('Too warm')
  })

  it('holds property values to the thing model: thresholds in range, enums and text compared only by equality', () => {
    const base = automationDraft(warm)
    expect(conditionsProblems([{ kind: 'property', deviceId: sensor.deviceId, propertyId: 'temperature', op: 'gt', value: 90 }], modelOf)[0]).toMatchObject({
      key: 'schedule.valueProblem.aboveMax', values: { property: 'Temperature', limit: 60 },
    })
    expect(conditionsProblems([{ kind: 'property', deviceId: lamp.deviceId, propertyId: 'label', op: 'lt', value: 'a' }], modelOf)[0]?.key).toBe('schedule.valueProblem.textComparison')
    expect(conditionsProblems([{ kind: 'time', days: [], time: '07:00' }], modelOf)[0]?.key).toBe('schedule.problem.days')
    expect(conditionsProblems(base.conditions, modelOf)).toEqual([])
    expect(i18n.global.t('schedule.valueProblem.aboveMax', { property: 'Temperature', limit: 60 })).toBe('Temperature must be at most 60.')
  })

  it('holds a timer’s values to the thing model too', () => {
    const draft = { deviceId: lamp.deviceId, name: 'x', days: [], time: '07:00', repeat: false, values: { brightness: 150 } }
    expect(timerProblems(draft, modelOf)).toEqual([{ field: 'values', key: 'schedule.valueProblem.aboveMax', values: { property: 'Brightness', limit: 100 } }])
    expect(timerProblems({ ...draft, values: { brightness: 50 } }, modelOf)).toEqual([])
    expect(newAction('delay')).toEqual({ kind: 'delay', seconds: 60 })
  })

  it('says its problems in Chinese too', async () => {
    await mountPage()
    i18n.global.locale.value = 'zh-CN'
    await wrapper!.find('[data-testid="automation-new"]').trigger('click')
    await settle()
    await click('automation-save')
    expect(textOf('condition-problem-0')).toBe('请选择设备。')
    expect(wrapper!.find('[data-testid="automation-sentence"]').text()).toBe('当Bedroom climate的Temperature高于28 °C时，把plug_b7的Switch设为on。')
  })
})
