// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { Device } from '@shared/domain'
import type { PropertySpec } from '@shared/thing-model'
import { i18n } from '@/i18n'
import DeviceKeyValues from '@/components/DeviceKeyValues.vue'
import type { LiveDevice } from '@/stores/live'

const device = { deviceId: 'LGT/light_0002', productId: 'LGT', deviceName: 'light_0002' } as Device
const power: PropertySpec = { id: 'power_switch', name: 'Switch', desc: '', mode: 'rw', spec: { type: 'bool', mapping: { '0': 'off', '1': 'on' }, unit: '' } }
const twoHoursAgo = Date.now() - 2 * 3_600_000 - 60_000
const live: LiveDevice = { online: false, atMs: 0, values: { power_switch: 1 }, valuesAtMs: twoHoursAgo }

function render(stale: boolean, values: LiveDevice = live) {
  return mount(DeviceKeyValues, { props: { device, properties: [power], liveOf: () => values, stale }, global: { plugins: [i18n] } })
}

afterEach(() => {
  i18n.global.locale.value = 'en'
})

describe('key values in the device list', () => {
  it("marks an offline device's values as stale with their age, in English and Chinese", async () => {
    const wrapper = render(true)
    expect(wrapper.get('[data-testid="device-values"]').attributes('data-stale')).toBe('true')
    expect(wrapper.get('[data-testid="device-values-age"]').text()).toBe('2 h ago')
    i18n.global.locale.value = 'zh-CN'
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid="device-values-age"]').text()).toBe('2 小时前')
    expect(wrapper.get('[data-testid="device-values"]').attributes('title')).toContain('离线')
  })

  it('gives every row its own age, in the language shown when it renders', async () => {
    const older = render(true, { ...live, valuesAtMs: Date.now() - 3 * 86_400_000 - 60_000 })
    const recent = render(true)
    expect([older, recent].map((w) => w.get('[data-testid="device-values-age"]').text())).toEqual(['3 d ago', '2 h ago'])
    i18n.global.locale.value = 'zh-CN'
    await recent.vm.$nextTick()
    expect([older, recent].map((w) => w.get('[data-testid="device-values-age"]').text())).toEqual(['3 天前', '2 小时前'])
    i18n.global.locale.value = 'en'
    await recent.vm.$nextTick()
    expect(render(true).get('[data-testid="device-values-age"]').text()).toBe('2 h ago')
  })

  it('shows an online device\'s values plain, and no age for a device with no values', () => {
    const fresh = render(false)
    expect(fresh.get('[data-testid="device-values"]').attributes('data-stale')).toBe('false')
    expect(fresh.get('[data-testid="device-values"]').attributes('title')).toBe('Switch on')
    expect(fresh.find('[data-testid="device-values-age"]').exists()).toBe(false)
    const empty = render(true, { ...live, values: {}, valuesAtMs: 0 })
    expect(empty.find('[data-testid="device-values-age"]').exists()).toBe(false)
    expect(empty.get('[data-testid="device-values"]').attributes('title')).toBeUndefined()
  })

  it('carries every value in full in its title, since a narrow cell cuts the line with "…"', () => {
    const level: PropertySpec = { id: 'brightness', name: 'Brightness', desc: '', mode: 'rw', spec: { type: 'int', mapping: {}, min: 0, max: 100, step: 1, unit: '%' } }
    const values = { ...live, values: { power_switch: 1, brightness: 58 } }
    const wrapper = mount(DeviceKeyValues, { props: { device, properties: [power, level], liveOf: () => values, stale: false }, global: { plugins: [i18n] } })
    expect(wrapper.get('[data-testid="device-values"]').attributes('title')).toBe('Switch on · Brightness 58 %')
    const stale = mount(DeviceKeyValues, { props: { device, properties: [power, level], liveOf: () => values, stale: true }, global: { plugins: [i18n] } })
    expect(stale.get('[data-testid="device-values"]').attributes('title')).toMatch(/offline[\s\S]*\nSwitch on · Brightness 58 %$/i)
  })
})
