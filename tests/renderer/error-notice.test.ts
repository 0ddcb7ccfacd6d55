// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ErrorNotice from '@/components/ErrorNotice.vue'
import { DeskError } from '@/bridge/desk-error'
import { i18n } from '@/i18n'

function mountNotice(error: unknown, props: Record<string, unknown> = {}) {
  i18n.global.locale.value = 'en'
  return mount(ErrorNotice, { props: { error, ...props }, global: { plugins: [i18n, ElementPlus] } })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('ErrorNotice', () => {
  const apiError = new DeskError({
    kind: 'api',
    code: 'InvalidParameterValue.FamilyIdNotExist',
    message: 'The family does not exist',
    requestId: '4f2a1c9e-77b0-4c1a-9a0e-1d2f3a4b5c6d',
    action: 'AppGetFamilyDeviceList',
  })

  it("shows an API error's Code, the cloud's Message, the action and the RequestId", () => {
    const wrapper = mountNotice(apiError)
    const text = wrapper.get('[data-testid="error-notice"]').text()
    expect(text).toContain('The cloud refused the request')
    expect(text).toContain('The family does not exist')
    expect(wrapper.get('[data-testid="error-code"]').text()).toBe('InvalidParameterValue.FamilyIdNotExist')
    expect(text).toContain('AppGetFamilyDeviceList')
    expect(wrapper.get('[data-testid="error-request-id"]').text()).toBe('4f2a1c9e-77b0-4c1a-9a0e-1d2f3a4b5c6d')
  })

  it('copies the RequestId to the clipboard', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const wrapper = mountNotice(apiError)
    await wrapper.get('[data-testid="error-copy-request-id"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith('4f2a1c9e-77b0-4c1a-9a0e-1d2f3a4b5c6d')
  })

  it('explains other kinds in the user language, with the technical message after', () => {
    i18n.global.locale.value = 'zh-CN'
    const wrapper = mount(ErrorNotice, {
      props: { error: { kind: 'network', code: 'Desk.NetworkError', message: 'connect ECONNREFUSED' } },
      global: { plugins: [i18n, ElementPlus] },
    })
    const text = wrapper.text()
    expect(text).toContain('无法连接到云端')
    expect(text).toContain('connect ECONNREFUSED')
    expect(wrapper.find('[data-testid="error-request-id"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="error-notice"]').attributes('data-kind')).toBe('network')
  })

  it('lists validation issues', () => {
    const wrapper = mountNotice({
      kind: 'validation',
      code: 'Desk.InvalidArguments',
      message: 'invalid',
      issues: [{ path: 'credentials.email', message: 'Invalid email address' }],
    })
    expect(wrapper.text()).toContain('credentials.email')
    expect(wrapper.text()).toContain('Invalid email address')
  })

  it('turns anything thrown into a readable internal error', () => {
    const wrapper = mountNotice(new Error('kaboom'))
    expect(wrapper.text()).toContain('Something went wrong in Explorer Desk')
    expect(wrapper.text()).toContain('kaboom')
  })

  it('offers a retry when asked to', async () => {
    const wrapper = mountNotice(apiError, { retryable: true })
    await wrapper.get('.error-notice__retry').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })
})
