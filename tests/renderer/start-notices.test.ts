// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { AppInfo } from '@shared/domain'
import StartNotices from '@/components/StartNotices.vue'
import { i18n } from '@/i18n'
import { useAppStore } from '@/stores/app'
import { fakeDesk } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
})

const info = (notices: AppInfo['notices']): AppInfo => ({ version: '0.1.0', mode: 'web', secretStorage: 'session-only', platform: 'linux', notices })
const MOVED = '/home/ops/.explorer-desk-web/desk.sqlite.damaged-2026-12-03T05-30-00-000Z'

async function mountNotices(notices: AppInfo['notices']) {
  const desk = fakeDesk({ 'app.info': () => info(notices) })
  const view = await mountWithApp(StartNotices, { desk, path: '/', routes: [{ path: '/', component: Blank }], beforeMount: async () => useAppStore().init() })
  mounted = view.wrapper
  await flushPromises()
  return view.wrapper
}

describe('start notices', () => {
  it('tells the user a damaged database was replaced and where the old file is, in both languages, until dismissed', async () => {
    const wrapper = await mountNotices([{ kind: 'database-reset', movedTo: MOVED }])
    expect(wrapper.text()).toContain('The local database was damaged')
    expect(wrapper.text()).toContain(MOVED)
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(wrapper.text()).toContain('本地数据库已损坏')
    expect(wrapper.text()).toContain(MOVED)
    i18n.global.locale.value = 'en'
    await wrapper.get('[data-testid="start-notices-dismiss"]').trigger('click')
    expect(wrapper.find('[data-testid="start-notices"]').exists()).toBe(false)
  })

  it('shows nothing when the start was clean', async () => {
    const wrapper = await mountNotices([])
    expect(wrapper.find('[data-testid="start-notices"]').exists()).toBe(false)
  })
})
