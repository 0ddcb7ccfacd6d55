// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { readThingModel } from '@shared/thing-model'
import DeviceTestTools from '@/components/device/test-tools/DeviceTestTools.vue'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const model = readThingModel({
  properties: [
    { id: 'power', name: 'Power', mode: 'r', define: { type: 'float', min: '0', max: '3680', step: '0.1', unit: 'W' } },
    { id: 'power_switch', name: 'Switch', mode: 'rw', define: { type: 'bool', mapping: { 0: 'off', 1: 'on' } } },
  ],
  events: [{ id: 'overload', name: 'Overload', type: 'alert', params: [{ id: 'watts', name: 'Watts', define: { type: 'int', min: '0', max: '5000', step: '1' } }] }],
  actions: [],
})

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

async function mountTools(handlers: Handlers = {}) {
  const desk = fakeDesk(handlers)
  const Host = { components: { DeviceTestTools }, template: '<DeviceTestTools device-id="PLUG02/plug_b7" device-label="Desk plug" :model="model" />', data: () => ({ model }) }
  const result = await mountWithApp(Host, { desk, path: '/', routes: [{ path: '/', component: Blank }] })
  mounted = result.wrapper
  return { desk, wrapper: result.wrapper }
}

async function lastBox() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  const boxes = document.querySelectorAll<HTMLElement>('.el-message-box')
  const box = boxes[boxes.length - 1]!
  return {
    text: box.textContent ?? '',
    press: async (selector: string) => {
      box.querySelector<HTMLElement>(`.el-message-box__btns ${selector}`)!.click()
      await new Promise((r) => setTimeout(r, 50))
      await flushPromises()
    },
  }
}

describe('test tools acting as the device', { timeout: 20_000 }, () => {
  it('sit behind a warning that says they act as the device, with no control-styled button', async () => {
    const { wrapper } = await mountTools()
    expect(wrapper.get('[data-testid="as-device-banner"]').text()).toContain('These tools act AS the device')
    // Every send button is a warning button, never the primary (blue) controls use.
    const sends = wrapper.findAll('[data-testid^="as-device-"][data-testid$="-send"]')
    expect(sends.length).toBe(4)
    for (const b of sends) expect(b.classes()).toContain('el-button--warning')
    expect(wrapper.find('.el-button--primary').exists()).toBe(false)
  })

  it('reports a read-only property as a typed number only once confirmed, and shows the RequestId', async () => {
    const { wrapper, desk } = await mountTools({ 'asDevice.reportProperties': () => ({ requestId: 'rq-as-1' }) })
    const input = wrapper.get('[data-testid="as-device-report"] .el-slider__input input, [data-testid="as-device-report"] input[type="number"], [data-testid="as-device-report"] .el-input-number input')
    await input.setValue('42.5')
    await input.trigger('blur')
    await wrapper.get('[data-testid="as-device-report-send"]').trigger('click')
    const cancelBox = await lastBox()
    expect(cancelBox.text).toContain('“Desk plug” itself')
    expect(cancelBox.text).toContain('Power (power) = 42.5')
    await cancelBox.press('.el-button:not(.el-button--danger)')
    expect(desk.calls.filter((c) => c.command === 'asDevice.reportProperties')).toEqual([])

    await wrapper.get('[data-testid="as-device-report-send"]').trigger('click')
    await (await lastBox()).press('.el-button--danger')
    expect(desk.calls.find((c) => c.command === 'asDevice.reportProperties')?.args).toEqual({ deviceId: 'PLUG02/plug_b7', values: { power: 42.5 } })
    expect(wrapper.get('[data-testid="as-device-sent"]').text()).toContain('rq-as-1')
  })

  it("raises an event with its parameters from the model, and shows the cloud's refusal", async () => {
    const { wrapper, desk } = await mountTools({
      'asDevice.raiseEvent': () => fail({ kind: 'api', code: 'InvalidParameterValue.BindDeviceNotConnected', message: 'The device has not connected to the cloud recently.', requestId: 'rq-no' }),
    })
    await wrapper.get('[data-testid="as-device-event-send"]').trigger('click')
    await (await lastBox()).press('.el-button--danger')
    expect(desk.calls.find((c) => c.command === 'asDevice.raiseEvent')?.args).toEqual({ deviceId: 'PLUG02/plug_b7', eventId: 'overload', params: { watts: 0 } })
    expect(wrapper.get('[data-testid="as-device-event"]').text()).toContain('has not connected to the cloud recently')
    expect(wrapper.get('[data-testid="as-device-event"]').text()).toContain('rq-no')
  })

  it('refuses a message that is not a JSON object before asking anything', async () => {
    const { wrapper } = await mountTools()
    await wrapper.get('textarea[data-testid="as-device-payload"], [data-testid="as-device-payload"] textarea').setValue('[1,2]')
    await flushPromises()
    expect(wrapper.get('[data-testid="as-device-publish"]').text()).toContain('must be a JSON object')
    expect(wrapper.get('[data-testid="as-device-publish-send"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="as-device-topic-text"]').text()).toBe('$thing/up/property/PLUG02/plug_b7')
  })
})
