// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { PreviewDevice, RolloutPreview } from '@shared/rollout'
import RolloutPlanView from '@/views/RolloutPlanView.vue'
import { useFleetStore } from '@/stores/fleet'
import { parseSteps, planWaves, toPlan, defaultPlanForm, summarizePreview, versionOptionsOf } from '@/utils/rollout'
import { fail, fakeDesk, type FakeDesk } from './fake-desk'
import { rolloutSummary } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/rollouts/new', name: 'rollout-new', component: Blank },
  { path: '/rollouts/:rolloutId', name: 'rollout', component: Blank },
  { path: '/sign-in', name: 'sign-in', component: Blank },
]

function device(n: number, partial: Partial<PreviewDevice> = {}): PreviewDevice {
  return {
    deviceId: `LGT/light_${n}`,
    productId: 'LGT',
    productName: 'Smart Light',
    aliasName: `Light ${n}`,
    familyId: 'f1',
    familyName: 'Zhang home',
    roomId: 'r1',
    roomName: 'Living room',
    online: true,
    deviceType: 0,
    currentVersion: '1.9.3',
    targetVersion: '1.10.0',
    upgradable: true,
    reason: '',
    detail: '',
    ...partial,
  }
}

/** 20 lights that can upgrade (two offline), 2 up to date, 5 plugs on two versions, one whose check failed. */
const devices: PreviewDevice[] = [
  ...Array.from({ length: 20 }, (_, i) => device(i + 1, { online: i >= 2 })),
  device(21, { upgradable: false, reason: 'up-to-date', currentVersion: '1.10.0' }),
  device(22, { upgradable: false, reason: 'up-to-date', currentVersion: '1.10.0' }),
  ...Array.from({ length: 5 }, (_, i) =>
    device(100 + i, { deviceId: `PLG/plug_${i}`, aliasName: `Plug ${i}`, productId: 'PLG', productName: 'Smart Plug', currentVersion: i < 3 ? '2.0.9' : '2.0.8', targetVersion: '2.0.10', familyId: 'f2', familyName: 'Li flat', roomId: 'r9', roomName: 'Kitchen' }),
  ),
  device(200, { deviceId: 'PLG/plug_x', aliasName: 'Plug x', productId: 'PLG', productName: 'Smart Plug', upgradable: false, reason: 'check-failed', detail: 'InternalError: timeout' }),
  // A home where the account is only a member: its versions are read, but the planner leaves it out.
  ...Array.from({ length: 3 }, (_, i) => device(300 + i, { familyId: 'f9', familyName: "Grandma's flat", roomId: 'r7', upgradable: false, reason: 'not-permitted' })),
]
const grandma = { familyId: 'f9', familyName: "Grandma's flat", devices: 3, reason: 'member' as const }
const preview: RolloutPreview = { devices, excluded: [grandma], upgradable: 25, offline: 2, upToDate: 2, failedChecks: 1, paths: [], firmware: [] }

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

async function mountPlanner(path = '/rollouts/new', workingIn = ''): Promise<{ wrapper: VueWrapper; desk: FakeDesk }> {
  const desk = fakeDesk({
    // Like the core: a device-list selection previews just those devices.
    'rollout.preview': ({ selection }) =>
      selection.deviceIds ? { ...preview, excluded: [], devices: devices.filter((d) => selection.deviceIds!.includes(d.deviceId)) } : preview,
    'rollout.create': (args) => rolloutSummary({ rolloutId: 'r-1', name: args.name, state: 'draft' }),
    'rollout.start': () => rolloutSummary({ rolloutId: 'r-1' }),
  })
  const beforeMount = async () => {
    if (workingIn) useFleetStore().selectedFamilyId = workingIn
  }
  const { wrapper } = await mountWithApp(RolloutPlanView, { desk, path, routes, beforeMount })
  mounted = wrapper
  return { wrapper, desk }
}

/** The confirmation box, once it is open (Element Plus mounts it on body). */
async function confirmation(): Promise<HTMLElement> {
  await vi.waitFor(() => expect(document.body.querySelector('[data-testid="plan-confirm"]')).not.toBeNull())
  return document.body.querySelector<HTMLElement>('.el-message-box')!
}
const boxButton = (box: HTMLElement, label: string) => [...box.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === label)!

const shownWaves = (w: VueWrapper) => w.findAll('[data-testid="plan-wave"]').map((li) => li.text())
const upgradable = (w: VueWrapper) => w.get('[data-testid="plan-preview"]').attributes('data-upgradable')

async function setInput(w: VueWrapper, testId: string, value: string): Promise<void> {
  const input = w.find(`input[data-testid="${testId}"]`).exists() ? w.get(`input[data-testid="${testId}"]`) : w.get(`[data-testid="${testId}"] input`)
  await input.setValue(value)
  await flushPromises()
}

/** Opens an Element Plus select and clicks the option with this label (options live in a popper on body). */
async function choose(w: VueWrapper, testId: string, label: string): Promise<void> {
  await w.get(`[data-testid="${testId}"] .el-select__wrapper`).trigger('click')
  await flushPromises()
  const option = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((el) => el.textContent?.trim() === label)
  if (!option) throw new Error(`no option ${label}`)
  option.click()
  await flushPromises()
}

describe('wave maths', () => {
  it('a canary, then cumulative steps, each wave with its size and running total', () => {
    expect(planWaves(1000, 5, [10, 50, 100])).toEqual([
      { index: 0, canary: true, size: 5, cumulative: 5, cumulativePercent: 1 },
      { index: 1, canary: false, size: 95, cumulative: 100, cumulativePercent: 10 },
      { index: 2, canary: false, size: 400, cumulative: 500, cumulativePercent: 50 },
      { index: 3, canary: false, size: 500, cumulative: 1000, cumulativePercent: 100 },
    ])
    // Steps the canary already covers vanish; no canary means the first wave is a plain one.
    expect(planWaves(100, 20, [10, 50]).map((w) => w.size)).toEqual([20, 30, 50])
    expect(planWaves(50, 0, [100])).toEqual([{ index: 0, canary: false, size: 50, cumulative: 50, cumulativePercent: 100 }])
    expect(planWaves(0, 3, [10])).toEqual([])
  })

  it('reads steps as rising percentages and adds the final 100', () => {
    expect(parseSteps('10, 50, 100')).toEqual([10, 50, 100])
    expect(parseSteps('25，50')).toEqual([25, 50, 100])
    expect(parseSteps('50 10')).toBeNull()
    expect(parseSteps('0, 50')).toBeNull()
    expect(parseSteps('120')).toBeNull()
    expect(parseSteps('ten')).toBeNull()
    expect(parseSteps('')).toBeNull()
  })

  it('turns minutes into the milliseconds the engine takes, and the offline choice into its policy', () => {
    const form = { ...defaultPlanForm(), stepsText: '30', offlineMode: 'wait' as const, waitMinutes: 15, afterWait: 'fail' as const, timeoutMinutes: 2 }
    expect(toPlan(form)).toMatchObject({ steps: [30, 100], offline: { mode: 'wait', maxWaitMs: 900_000, then: 'fail' }, deviceTimeoutMs: 120_000 })
    expect(toPlan({ ...form, stepsText: '80, 20' })).toBeNull()
  })
})

describe('versions in the planner', () => {
  const mixed = [device(1, { currentVersion: '1.0.10' }), device(2, { currentVersion: '1.0.2' }), device(3, { currentVersion: '1.0.9' }), device(4, { currentVersion: '1.0.10' })]

  it('offers current versions oldest first, as versions: 1.0.2, 1.0.9, 1.0.10', () => {
    expect(versionOptionsOf(mixed).map((o) => o.value)).toEqual(['1.0.2', '1.0.9', '1.0.10'])
  })

  it('lists upgrade paths of a product from the oldest version up', () => {
    expect(summarizePreview(mixed).paths.map((p) => `${p.fromVersion}:${p.count}`)).toEqual(['1.0.2:1', '1.0.9:1', '1.0.10:2'])
  })
})

describe('rollout planner', { timeout: 15_000 }, () => {
  it('previews every home the account may upgrade: what can upgrade, to what, and why not for the others', async () => {
    const { wrapper, desk } = await mountPlanner()
    expect(desk.calls[0]).toEqual({ command: 'rollout.preview', args: { selection: {} } })
    expect(wrapper.get('[data-testid="plan-scope"]').text()).toBe("Every home where you may upgrade: 'Li flat', 'Zhang home'")
    expect(wrapper.get('[data-testid="plan-left-out-home"]').text()).toBe("3 devices in 'Grandma's flat' left out: you are a member there")
    expect(upgradable(wrapper)).toBe('25')
    const text = wrapper.get('[data-testid="plan-preview"]').text()
    expect(text).toContain('Smart Light: 1.9.3 → 1.10.0')
    expect(text).toContain('Smart Plug: 2.0.8 → 2.0.10')
    expect(text).toContain('Smart Plug: 2.0.9 → 2.0.10')
    const rows = wrapper.get('[data-testid="plan-devices"]').text()
    expect(rows).toContain('Up to date')
    expect(rows).toContain('Check failed')
    expect(rows).toContain('InternalError: timeout')
  })

  it('shows the waves the plan makes for the devices that can upgrade, as the user changes it', async () => {
    const { wrapper } = await mountPlanner()
    // Defaults: a canary of 1, then 10 %, 50 %, 100 % of 25.
    expect(shownWaves(wrapper)).toEqual([
      expect.stringMatching(/^Canary\s*1 device\s*then 1 upgraded \(4%\)$/),
      expect.stringMatching(/^Wave 2\s*2 devices\s*then 3 upgraded \(12%\)$/),
      expect.stringMatching(/^Wave 3\s*10 devices\s*then 13 upgraded \(52%\)$/),
      expect.stringMatching(/^Wave 4\s*12 devices\s*then 25 upgraded \(100%\)$/),
    ])
    await setInput(wrapper, 'plan-steps', '100')
    expect(wrapper.findAll('[data-testid="plan-wave"]').map((w) => w.attributes('data-size'))).toEqual(['1', '24'])
    await setInput(wrapper, 'plan-canary', '5')
    expect(wrapper.findAll('[data-testid="plan-wave"]').map((w) => w.attributes('data-size'))).toEqual(['5', '20'])
    await setInput(wrapper, 'plan-steps', '60, 40')
    expect(wrapper.get('[data-testid="plan-steps-invalid"]').text()).toContain('Give rising percentages')
    expect(wrapper.find('[data-testid="plan-wave"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="plan-create-start"]').attributes('disabled')).toBeDefined()
  })

  it('opens on the home being worked in, and the scope label follows the filters', async () => {
    const { wrapper } = await mountPlanner('/rollouts/new', 'f2')
    expect(upgradable(wrapper)).toBe('5')
    expect(wrapper.get('[data-testid="plan-scope"]').text()).toBe("5 devices in 'Li flat'")
    // Grandma's flat is not in this home's scope: nothing to say about it.
    expect(wrapper.find('[data-testid="plan-left-out"]').exists()).toBe(false)
    await choose(wrapper, 'plan-version', '2.0.9')
    expect(wrapper.get('[data-testid="plan-scope"]').text()).toBe("3 devices in 'Li flat' · only 2.0.9")
  })

  it('names a member home chosen as the scope as left out, with nothing to upgrade', async () => {
    const { wrapper } = await mountPlanner('/rollouts/new', 'f9')
    expect(upgradable(wrapper)).toBe('0')
    expect(wrapper.get('[data-testid="plan-scope"]').text()).toBe("0 devices in 'Grandma's flat (member: left out)'")
    expect(wrapper.get('[data-testid="plan-left-out-home"]').text()).toContain("3 devices in 'Grandma's flat' left out")
    expect(wrapper.get('[data-testid="plan-create-start"]').attributes('disabled')).toBeDefined()
  })

  it('asks before "Create and start", naming the devices, homes, versions and first wave; backing out creates nothing', async () => {
    const { wrapper, desk } = await mountPlanner()
    await wrapper.get('[data-testid="plan-create-start"]').trigger('click')
    const box = await confirmation()
    expect(box.querySelector('[data-testid="plan-confirm-scope"]')!.textContent).toBe("Upgrade 25 devices in 'Zhang home', 'Li flat'.")
    expect([...box.querySelectorAll('[data-testid="plan-confirm-targets"] li')].map((li) => li.textContent)).toEqual([
      'Smart Light to 1.10.0 (20 devices)',
      'Smart Plug to 2.0.10 (5 devices)',
    ])
    expect(box.querySelector('[data-testid="plan-confirm-wave"]')!.textContent).toBe('The first wave upgrades 1 device at once.')
    expect(box.querySelector('[data-testid="plan-confirm-left-out"]')!.textContent).toBe("3 devices in 'Grandma's flat' left out: you are a member there")
    expect(desk.calls.some((c) => c.command === 'rollout.create')).toBe(false)
    boxButton(box, 'Back').click()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await flushPromises()
    expect(desk.calls.some((c) => c.command === 'rollout.create' || c.command === 'rollout.start')).toBe(false)
  }, 15_000)

  it('narrows by product and version, and the waves follow', async () => {
    const { wrapper } = await mountPlanner()
    await choose(wrapper, 'plan-product', 'Smart Plug')
    expect(upgradable(wrapper)).toBe('5')
    expect(wrapper.get('[data-testid="plan-scope"]').text()).toContain('only Smart Plug')
    await choose(wrapper, 'plan-version', '2.0.9')
    expect(upgradable(wrapper)).toBe('3')
    // 10 % of 3 is within the canary; 50 % rounds up to 2.
    expect(wrapper.findAll('[data-testid="plan-wave"]').map((w) => w.attributes('data-size'))).toEqual(['1', '1', '1'])
  })

  it('takes a selection from the device list and creates, then starts, exactly what was planned', async () => {
    const { wrapper, desk } = await mountPlanner('/rollouts/new?familyId=f1&devices=LGT/light_3,LGT/light_4,LGT/light_21')
    expect(desk.calls[0]).toEqual({ command: 'rollout.preview', args: { selection: { deviceIds: ['LGT/light_3', 'LGT/light_4', 'LGT/light_21'] } } })
    expect(wrapper.get('[data-testid="plan-scope"]').text()).toContain('3 devices chosen in the device list')
    await setInput(wrapper, 'plan-name', 'Three lights')
    await setInput(wrapper, 'plan-steps', '50')
    await wrapper.get('[data-testid="plan-create-start"]').trigger('click')
    const box = await confirmation()
    expect(box.textContent).toContain("Upgrade 2 devices in 'Zhang home'.")
    boxButton(box, 'Start upgrading 2 devices').click()
    await vi.waitFor(() => expect(desk.calls.some((c) => c.command === 'rollout.start')).toBe(true))
    const create = desk.calls.find((c) => c.command === 'rollout.create')
    expect(create?.args).toEqual({
      name: 'Three lights',
      selection: { deviceIds: ['LGT/light_3', 'LGT/light_4', 'LGT/light_21'] },
      plan: { canary: 1, steps: [50, 100], concurrency: 10, maxFailedPercent: 10, offline: { mode: 'skip' }, deviceTimeoutMs: 1_800_000 },
    })
    expect(desk.calls.at(-1)).toEqual({ command: 'rollout.start', args: { rolloutId: 'r-1' } })
  })

  it('shows the cloud error with its RequestId when the preview fails', async () => {
    const desk = fakeDesk({
      'rollout.preview': () => fail({ kind: 'api', code: 'InternalError', message: 'backend down', requestId: 'rq-42' }),
    })
    const { wrapper } = await mountWithApp(RolloutPlanView, { desk, path: '/rollouts/new', routes })
    mounted = wrapper
    expect(wrapper.get('[data-testid="error-code"]').text()).toBe('InternalError')
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('rq-42')
    expect(wrapper.find('[data-testid="plan-create-start"]').exists()).toBe(false)
  })
})
