// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { DeviceEvent } from '@shared/live'
import type { OtaCheck, RolloutDevice } from '@shared/rollout'
import { i18n } from '@/i18n'
import DeviceFirmwareView from '@/views/DeviceFirmwareView.vue'
import { fakeDesk, type FakeDesk } from './fake-desk'
import { devices, rolloutSummary } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/families/:familyId/devices/:deviceId/firmware', name: 'firmware', component: Blank },
  { path: '/families/:familyId/devices/:deviceId', name: 'device', component: Blank },
  { path: '/rollouts/:rolloutId', name: 'rollout', component: Blank },
  { path: '/sign-in', name: 'sign-in', component: Blank },
]

const ID = 'LGT/light_1'
const check: OtaCheck = {
  deviceId: ID,
  currentVersion: '1.9.3',
  targetVersion: '1.10.0',
  upgradable: true,
  online: true,
  firmware: { productId: 'LGT', productName: 'Smart Light', version: '1.10.0', name: 'Light fw', description: 'Resumable OTA download.', md5: 'abc123', createTime: 1_780_000_000, fwType: 'mcu' },
  status: { status: 8, statusText: 'Waiting for user confirmation', percent: 0, oriVersion: '1.9.3', dstVersion: '1.10.0', errMsg: '' },
}
const single = rolloutSummary({ rolloutId: 'single-1', kind: 'single', state: 'running' })

function rolloutDevice(partial: Partial<RolloutDevice>): RolloutDevice {
  return {
    deviceId: ID, productId: 'LGT', productName: 'Smart Light', aliasName: 'Hall light', familyName: 'Zhang home', roomName: 'Hall', wave: 0,
    fromVersion: '1.9.3', targetVersion: '1.10.0', finalVersion: '', state: 'upgrading', reason: '', detail: '', attempt: 1, publishes: 1,
    requestId: 'rq-77', otaStatus: 2, otaStatusText: 'Message delivered', percent: 0, publishedMs: 1, finishedMs: null, ...partial,
  }
}

const ota = (status: number, percent: number, resultCode?: number): DeviceEvent => ({
  deviceId: ID, seq: 1, time: '2026-11-28T12:00:00Z', receivedAtMs: 1, kind: 'ota', status, percent, version: '1.10.0', resultCode,
})

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
  i18n.global.locale.value = 'en'
})

async function mountPage(): Promise<{ wrapper: VueWrapper; desk: FakeDesk }> {
  const desk = fakeDesk({
    'ota.check': () => check,
    'ota.upgradeDevice': () => single,
    'rollout.get': () => ({ summary: single, waves: [], devices: [rolloutDevice({})], deviceTotal: 1 }),
    'live.watch': () => [],
    'rooms.list': () => [],
    'devices.list': () => [{ ...devices[0]!, deviceId: ID, aliasName: 'Hall light' }],
  })
  const { wrapper } = await mountWithApp(DeviceFirmwareView, { desk, path: `/families/f1/devices/${encodeURIComponent(ID)}/firmware`, routes })
  mounted = wrapper
  return { wrapper, desk }
}

async function confirmUpgrade(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('[data-testid="fw-upgrade"]').trigger('click')
  await flushPromises()
  ;(document.body.querySelector('[data-testid="fw-confirm"]') as HTMLElement).click()
  await flushPromises()
}

describe('device firmware page', () => {
  it('shows current and available version and the firmware, and no cloud upgrade state before one was asked for', async () => {
    const { wrapper, desk } = await mountPage()
    expect(desk.calls.find((c) => c.command === 'ota.check')?.args).toEqual({ deviceId: ID })
    expect(wrapper.get('[data-testid="fw-current"]').text()).toBe('1.9.3')
    expect(wrapper.get('[data-testid="fw-available"]').text()).toBe('1.10.0')
    expect(wrapper.get('[data-testid="fw-details"]').text()).toContain('abc123')
    // Status 8 is the cloud's standing offer, not an upgrade: nothing to report yet.
    expect(wrapper.find('[data-testid="fw-cloud-status"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Waiting for user confirmation')
    expect(wrapper.text()).toContain('Hall light')
  })

  it('shows no cloud upgrade state for an offline device or one with nothing to do, and the state of a past upgrade', async () => {
    const { wrapper, desk } = await mountPage()
    const recheck = async (status: Partial<OtaCheck['status']>) => {
      desk.handlers['ota.check'] = () => ({ ...check, status: { ...check.status, ...status } })
      await wrapper.get('[data-testid="fw-check"]').trigger('click')
      await flushPromises()
    }
    await recheck({ status: 0, statusText: 'Device is offline' })
    expect(wrapper.find('[data-testid="fw-cloud-status"]').exists()).toBe(false)
    await recheck({ status: 6, percent: 100, oriVersion: '1.9.3', dstVersion: '1.9.3' })
    expect(wrapper.find('[data-testid="fw-cloud-status"]').exists()).toBe(false)
    await recheck({ status: 5, percent: 40, oriVersion: '1.9.3', dstVersion: '1.10.0' })
    expect(wrapper.get('[data-testid="fw-cloud-status"]').text()).toContain('Failed · 40%')
  })

  it('offers no second publish while an upgrade is already under way', async () => {
    const { wrapper, desk } = await mountPage()
    desk.handlers['ota.check'] = () => ({ ...check, status: { ...check.status, status: 3, percent: 30 } })
    await wrapper.get('[data-testid="fw-check"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="fw-underway"]').text()).toContain('An upgrade is already under way (Downloading)')
    expect(wrapper.find('[data-testid="fw-upgrade"]').exists()).toBe(false)
  })

  it('publishes only after confirmation, the version the user was shown', async () => {
    const { wrapper, desk } = await mountPage()
    await wrapper.get('[data-testid="fw-upgrade"]').trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-testid="fw-confirm-dialog"]')?.textContent).toContain('Upgrade Hall light from 1.9.3 to 1.10.0?')
    expect(desk.calls.some((c) => c.command === 'ota.upgradeDevice')).toBe(false)
    ;(document.body.querySelector('[data-testid="fw-confirm"]') as HTMLElement).click()
    await flushPromises()
    expect(desk.calls.find((c) => c.command === 'ota.upgradeDevice')?.args).toEqual({ deviceId: ID, targetVersion: '1.10.0' })
    expect(wrapper.find('[data-testid="fw-progress"]').exists()).toBe(true)
  })

  it("follows the device's OTA pushes as a percent bar in words, and explains a failure with its ResultCode (zh-CN too)", async () => {
    const { wrapper, desk } = await mountPage()
    await confirmUpgrade(wrapper)
    desk.emit('device.events', [ota(3, 40, 0)])
    await flushPromises()
    expect(wrapper.get('[data-testid="fw-status-words"]').text()).toBe('Downloading')
    expect(wrapper.get('[data-testid="fw-percent"]').text()).toContain('40%')
    expect(wrapper.find('[data-testid="fw-result-words"]').exists()).toBe(false) // 0 is no news

    desk.emit('device.events', [ota(5, 40, -4)])
    desk.emit('rollout.progress', [
      { summary: { ...single, state: 'completed' }, waves: [], devices: [rolloutDevice({ state: 'failed', reason: 'failed', detail: 'Failed (ResultCode -4: MD5 mismatch)', otaStatus: 5 })] },
    ])
    await flushPromises()
    expect(wrapper.get('[data-testid="fw-status-words"]').text()).toBe('Failed')
    expect(wrapper.get('[data-testid="fw-result-words"]').text()).toContain('MD5 mismatch')
    expect(wrapper.get('[data-testid="fw-failed"]').text()).toContain('The device reported the upgrade failed')
    expect(wrapper.get('[data-testid="fw-failed"]').text()).toContain('rq-77')
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(wrapper.get('[data-testid="fw-status-words"]').text()).toBe('失败')
    expect(wrapper.get('[data-testid="fw-result-words"]').text()).toContain('MD5 不匹配')
  })

  it('ends saying the version the device reports, and asks the cloud again', async () => {
    const { wrapper, desk } = await mountPage()
    await confirmUpgrade(wrapper)
    const checks = desk.calls.filter((c) => c.command === 'ota.check').length
    desk.handlers['ota.check'] = () => ({ ...check, currentVersion: '1.10.0', upgradable: false, firmware: null, status: { ...check.status, status: 6, percent: 100 } })
    desk.emit('rollout.progress', [{ summary: { ...single, state: 'completed' }, waves: [], devices: [rolloutDevice({ state: 'done', finalVersion: '1.10.0', otaStatus: 6, percent: 100 })] }])
    await flushPromises()
    expect(wrapper.get('[data-testid="fw-now-on"]').text()).toContain('Now on 1.10.0')
    expect(desk.calls.filter((c) => c.command === 'ota.check').length).toBe(checks + 1)
    expect(wrapper.get('[data-testid="fw-current"]').text()).toBe('1.10.0')
    expect(wrapper.find('[data-testid="fw-upgrade"]').exists()).toBe(false)
  })
})
