// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { type RolloutBoard, type RolloutDevice, type RolloutWave } from '@shared/rollout'
import { i18n } from '@/i18n'
import RolloutBoardView from '@/views/RolloutBoardView.vue'
import RolloutsView from '@/views/RolloutsView.vue'
import { mergeDevices } from '@/utils/rollout'
import { OTA_RESULT_CODES, OTA_STATUSES, otaResultKey, otaResultText, otaStatusKey, otaStatusText } from '@shared/firmware/ota-status'
import { fakeDesk, type FakeDesk } from './fake-desk'
import { rolloutCounts as counts, rolloutSummary as summary } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/rollouts', name: 'rollouts', component: Blank },
  { path: '/rollouts/:rolloutId', name: 'rollout', component: Blank },
  { path: '/sign-in', name: 'sign-in', component: Blank },
]

function dev(n: number, partial: Partial<RolloutDevice> = {}): RolloutDevice {
  return {
    deviceId: `LGT/light_${n}`, productId: 'LGT', productName: 'Smart Light', aliasName: `Light ${n}`, familyName: 'Zhang home', roomName: 'Hall',
    wave: n === 1 ? 0 : 1, fromVersion: '1.9.3', targetVersion: '1.10.0', finalVersion: '', state: 'pending', reason: '', detail: '',
    attempt: 1, publishes: 0, requestId: '', otaStatus: null, otaStatusText: '', percent: null, publishedMs: null, finishedMs: null, ...partial,
  }
}

const waves: RolloutWave[] = [
  { index: 0, size: 1, counts: counts({ done: 1 }), startedMs: 1_780_000_001_000, finishedMs: 1_780_000_002_000, failedPercent: 0 },
  { index: 1, size: 3, counts: counts({ failed: 2, upgrading: 1 }), startedMs: 1_780_000_003_000, finishedMs: null, failedPercent: 66.7 },
]

const devices = [
  dev(1, { state: 'done', finalVersion: '1.10.0', publishes: 1, requestId: 'rq-1', otaStatus: 6, publishedMs: 1_780_000_001_000, finishedMs: 1_780_000_002_500 }),
  dev(2, { state: 'failed', reason: 'failed', detail: 'Failed (ResultCode -4: MD5 mismatch)', publishes: 1, requestId: 'rq-2', otaStatus: 5 }),
  dev(3, { state: 'failed', reason: 'timeout', detail: 'No end within 60 s (last: Downloading).', publishes: 1, requestId: 'rq-3', otaStatus: 3 }),
  dev(4, { state: 'upgrading', otaStatus: 4, percent: 40, publishes: 1, requestId: 'rq-4', publishedMs: 1_780_000_003_000 }),
]

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
  i18n.global.locale.value = 'en'
})

async function mountBoard(board: RolloutBoard): Promise<{ wrapper: VueWrapper; desk: FakeDesk }> {
  const desk = fakeDesk({
    'rollout.get': () => board,
    'rollout.pause': () => summary({ state: 'paused', pauseReason: 'operator' }),
    'rollout.resume': () => summary(),
    'rollout.retry': () => summary(),
    'rollout.exportCsv': () => ({ csv: 'rollout,device_id\r\nLights,LGT/light_1\r\n', count: 1 }),
  })
  const { wrapper } = await mountWithApp(RolloutBoardView, { desk, path: '/rollouts/r-1', routes })
  mounted = wrapper
  return { wrapper, desk }
}

const rowOf = (w: VueWrapper, n: number) => w.get(`[data-testid="board-row"][data-device-id="LGT/light_${n}"]`).element

describe('status and result codes in words', () => {
  it('has words for every documented Status code and ResultCode, in both languages, the English ones as the reference says', () => {
    for (const code of OTA_STATUSES) {
      const { key, params } = otaStatusKey(code)
      i18n.global.locale.value = 'en'
      expect(i18n.global.t(key, params)).toBe(otaStatusText(code))
      i18n.global.locale.value = 'zh-CN'
      expect(i18n.global.t(key, params)).not.toBe(otaStatusText(code))
    }
    for (const code of OTA_RESULT_CODES) {
      const { key, params } = otaResultKey(code)
      i18n.global.locale.value = 'en'
      expect(i18n.global.t(key, params)).toBe(otaResultText(code))
      i18n.global.locale.value = 'zh-CN'
      expect(i18n.global.t(key, params)).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('says an undocumented code by its number', () => {
    const status = otaStatusKey(42)
    expect(i18n.global.t(status.key, status.params)).toBe('Status 42')
    const result = otaResultKey(-9)
    i18n.global.locale.value = 'zh-CN'
    expect(i18n.global.t(result.key, result.params)).toBe('结果码 -9')
  })
})

describe('rollout board', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:report')
    URL.revokeObjectURL = vi.fn()
  })

  it('shows each wave and each device with its status in words, reason and timing', async () => {
    const { wrapper } = await mountBoard({ summary: summary(), waves, devices, deviceTotal: 4 })
    expect(wrapper.findAll('[data-testid="board-wave"]').map((w) => [w.attributes('data-size'), w.attributes('data-ended')])).toEqual([
      ['1', '1'],
      ['3', '2'],
    ])
    expect(wrapper.findAll('[data-testid="board-wave"]')[0]!.text()).toContain('Canary')
    expect(rowOf(wrapper, 1).textContent).toContain('1.5') // seconds from publish to done
    expect(rowOf(wrapper, 2).textContent).toContain('The device reported the upgrade failed')
    expect(rowOf(wrapper, 2).textContent).toContain('MD5 mismatch')
    expect(rowOf(wrapper, 3).textContent).toContain('No end within the time limit')
    expect(rowOf(wrapper, 4).textContent).toContain('Burning · 40%')
    expect(wrapper.find('[data-testid="board-pause"]').exists()).toBe(true)
  })

  it('says clearly when the failure threshold paused it, and retries exactly the failed devices chosen', async () => {
    const paused = summary({ state: 'paused', pauseReason: 'threshold' })
    const { wrapper, desk } = await mountBoard({ summary: paused, waves, devices, deviceTotal: 4 })
    expect(wrapper.get('[data-testid="board-paused-threshold"]').text()).toContain(
      'Paused by itself: wave 2 failed 67% of its devices, more than the 20% allowed.',
    )
    expect(wrapper.find('[data-testid="board-pause"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="board-resume"]').exists()).toBe(true)

    // Only failed and skipped devices can be chosen.
    const checkbox = (n: number) => rowOf(wrapper, n).querySelector<HTMLInputElement>('input[type="checkbox"]')!
    expect(checkbox(1).disabled).toBe(true)
    expect(checkbox(4).disabled).toBe(true)
    expect(wrapper.get('[data-testid="board-retry"]').attributes('disabled')).toBeDefined()
    checkbox(3).click()
    await flushPromises()
    expect(wrapper.get('[data-testid="board-retry"]').text()).toContain('Retry chosen (1)')
    await wrapper.get('[data-testid="board-retry"]').trigger('click')
    await flushPromises()
    expect(desk.calls.find((c) => c.command === 'rollout.retry')?.args).toEqual({ rolloutId: 'r-1', deviceIds: ['LGT/light_3'] })

    await wrapper.get('[data-testid="board-resume"]').trigger('click')
    await flushPromises()
    expect(desk.calls.at(-1)).toEqual({ command: 'rollout.resume', args: { rolloutId: 'r-1' } })
  })

  it('follows rollout.progress live, to the end, then offers the report as a CSV download', async () => {
    const { wrapper, desk } = await mountBoard({ summary: summary(), waves, devices, deviceTotal: 4 })
    const ended = dev(4, { state: 'done', finalVersion: '1.10.0', otaStatus: 6, percent: 100, publishes: 1, requestId: 'rq-4' })
    desk.emit('rollout.progress', [
      { summary: summary({ rolloutId: 'other' }), waves: [], devices: [dev(9, { state: 'failed' })] },
      { summary: summary({ state: 'completed', counts: counts({ done: 2, failed: 2 }), finishedMs: 1_780_000_009_000 }), waves, devices: [ended] },
    ])
    await flushPromises()
    expect(wrapper.get('[data-testid="rollout-board"]').attributes('data-state')).toBe('completed')
    expect(wrapper.get('[data-testid="board-completed"]').text()).toContain('Finished: 2 done, 2 failed, 0 skipped.')
    expect(wrapper.get('[data-device-id="LGT/light_4"]').attributes('data-state')).toBe('done')
    expect(wrapper.find('[data-device-id="LGT/light_9"]').exists()).toBe(false)

    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await wrapper.get('[data-testid="board-export"]').trigger('click')
    await flushPromises()
    expect(desk.calls.at(-1)).toEqual({ command: 'rollout.exportCsv', args: { rolloutId: 'r-1' } })
    expect(click).toHaveBeenCalledTimes(1)
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toMatch(/^explorer-desk-rollout-r-1-.*\.csv$/)
  })

  it('draws only the rows in view of a 2,000-device rollout, and chooses every retryable one the filter shows', async () => {
    const many = Array.from({ length: 2_000 }, (_, i) => dev(i + 1, i % 4 === 0 ? { state: 'failed', reason: 'failed', publishes: 1 } : { state: 'done', publishes: 1 }))
    const paused = summary({ state: 'paused', pauseReason: 'operator' })
    const { wrapper } = await mountBoard({ summary: paused, waves, devices: many, deviceTotal: 2_000 })
    expect(wrapper.get('[data-testid="board-shown-count"]').text()).toBe('2000 devices')
    expect(wrapper.findAll('[data-testid="board-row"]').length).toBeLessThan(40)
    await wrapper.get('[data-testid="board-choose-all"] input').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="board-retry"]').text()).toContain('Retry chosen (500)')
  })

  it('puts changed devices in place and appends new ones', () => {
    const merged = mergeDevices(devices, [dev(2, { state: 'upgrading' }), dev(7)])
    expect(merged.map((d) => [d.deviceId, d.state])).toEqual([
      ['LGT/light_1', 'done'],
      ['LGT/light_2', 'upgrading'],
      ['LGT/light_3', 'failed'],
      ['LGT/light_4', 'upgrading'],
      ['LGT/light_7', 'pending'],
    ])
  })
})

describe('rollouts list', () => {
  it('lists every rollout with state, product, target version and progress, kept live, and opens one', async () => {
    const desk = fakeDesk({
      'rollout.list': () => [summary(), summary({ rolloutId: 'r-2', name: 'Plugs', state: 'paused', pauseReason: 'threshold', counts: counts({ failed: 1, pending: 3 }) })],
    })
    const { wrapper, router } = await mountWithApp(RolloutsView, { desk, path: '/rollouts', routes })
    mounted = wrapper
    const rows = () => wrapper.findAll('[data-testid="rollout-row"]')
    expect(rows()).toHaveLength(2)
    expect(rows()[0]!.text()).toMatch(/Lights.*Running.*Smart Light\s*→ 1\.10\.0.*75%.*3 of 4 ended/)
    expect(rows()[1]!.text()).toContain('Too many failures')

    desk.emit('rollout.progress', [{ summary: summary({ state: 'completed', counts: counts({ done: 3, failed: 1 }) }), waves: [], devices: [] }])
    await flushPromises()
    expect(rows()[0]!.get('[data-testid="rollout-state"]').attributes('data-state')).toBe('completed')
    expect(rows()[0]!.text()).toContain('4 of 4 ended')

    await rows()[1]!.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/rollouts/r-2')
  })

  it('says when there is none yet', async () => {
    const { wrapper } = await mountWithApp(RolloutsView, { desk: fakeDesk({ 'rollout.list': () => [] }), path: '/rollouts', routes })
    mounted = wrapper
    expect(wrapper.find('[data-testid="rollouts-empty"]').exists()).toBe(true)
  })
})
