import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import UpdatePanel from '@/components/settings/UpdatePanel.vue'
import type { UpdateState } from '@shared/contracts/updates'
import { fakeDesk } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const routes = [{ path: '/', component: Blank }]

describe('update panel', () => {
  let unmount: (() => void) | null = null
  afterEach(() => unmount?.())

  async function mountPanel(initial: UpdateState, handlers = {}) {
    const desk = fakeDesk({ 'updates.state': () => initial, ...handlers })
    const { wrapper } = await mountWithApp(UpdatePanel, { desk, path: '/', routes })
    unmount = () => wrapper.unmount()
    return { desk, wrapper }
  }

  it('shows download progress from the core, then offers to restart, which asks the core to install', async () => {
    const { desk, wrapper } = await mountPanel({ status: 'idle', currentVersion: '1.0.0' }, { 'updates.install': () => ({ installing: true }) })
    desk.emit('updates.changed', { status: 'downloading', currentVersion: '1.0.0', version: '1.2.0', percent: 42.4 })
    await flushPromises()
    expect(wrapper.get('[data-testid="update-message"]').text()).toContain('Downloading version 1.2.0')
    expect(wrapper.get('[data-testid="update-progress"]').text()).toContain('42%')

    desk.emit('updates.changed', { status: 'ready', currentVersion: '1.0.0', version: '1.2.0', percent: 100, checkedAtMs: Date.now() })
    await flushPromises()
    expect(wrapper.find('[data-testid="update-progress"]').exists()).toBe(false)
    await wrapper.get('[data-testid="update-install"]').trigger('click')
    await flushPromises()
    expect(desk.calls.map((c) => c.command)).toContain('updates.install')
  })

  it('says clearly when the update server cannot be reached', async () => {
    const { wrapper } = await mountPanel({ status: 'idle', currentVersion: '1.0.0' }, {
      'updates.check': () => ({ status: 'error', currentVersion: '1.0.0', error: { reason: 'unreachable', message: 'x' }, checkedAtMs: 1 }),
    })
    await wrapper.get('[data-testid="update-check"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="update-message"]').text()).toContain('The update server could not be reached')
  })

  it('offers no check where the app cannot update itself (browser mode)', async () => {
    const { wrapper } = await mountPanel({ status: 'unsupported', currentVersion: '1.0.0' })
    expect(wrapper.get('[data-testid="update-message"]').text()).toContain('browser mode')
    expect(wrapper.find('[data-testid="update-check"]').exists()).toBe(false)
  })
})
