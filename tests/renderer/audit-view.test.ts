// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { AuditEntry, AuditFilter } from '@shared/domain'
import AuditView from '@/views/AuditView.vue'
import { toAuditFilter } from '@/composables/useAuditLog'
import { fail, fakeDesk, type Handlers } from './fake-desk'
import { Blank, mountWithApp } from './mount-app'

const routes = [
  { path: '/audit', name: 'audit', component: Blank },
  { path: '/sign-in', name: 'sign-in', component: Blank },
]

function entry(id: number, partial: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    timeMs: 1_780_000_000_000 + id * 60_000,
    profileId: 'sandbox',
    profileName: 'Sandbox',
    account: 'demo@sandbox.local',
    action: 'AppControlDeviceData',
    deviceName: 'Living-room lamp',
    params: JSON.stringify({ ProductId: 'LAMP01', DeviceName: 'lamp_a1', Data: '{"power_switch":1,"color_temp":4000,"brightness":80,"mode":"reading"}' }),
    requestId: `rq-${id}`,
    outcome: 'ok',
    errorCode: '',
    errorMessage: '',
    ...partial,
  }
}

const log: AuditEntry[] = [
  entry(3, { action: 'AppModifyFamily', deviceName: '', params: '{"Name":"Zhang home"}' }),
  entry(2, { outcome: 'error', errorCode: 'InvalidParameterValue', errorMessage: 'bad value', requestId: 'rq-err' }),
  entry(1),
]

/** The fake's idea of audit.list: enough filtering to tell which filter was sent. */
function listed(filter: AuditFilter) {
  const matching = log.filter(
    (e) => (!filter.outcome || e.outcome === filter.outcome) && (!filter.text || `${e.params}${e.requestId}${e.account}`.includes(filter.text)),
  )
  const offset = filter.offset ?? 0
  return { total: matching.length, entries: matching.slice(offset, offset + (filter.limit ?? 50)) }
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

let created: Blob[] = []
beforeEach(() => {
  created = []
  // jsdom has no object URLs; record the Blob instead.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob)
    return 'blob:test'
  }) as typeof URL.createObjectURL
  URL.revokeObjectURL = vi.fn()
})

async function mountAudit(overrides: Handlers = {}) {
  const desk = fakeDesk({
    'audit.list': listed,
    'audit.export': (filter) => ({ csv: 'time,action\r\n2026-05-18T00:00:00.000Z,AppModifyFamily\r\n', count: listed(filter).total }),
    ...overrides,
  })
  const result = await mountWithApp(AuditView, { desk, path: '/audit', routes })
  mounted = result.wrapper
  return { desk, ...result }
}

const rows = (w: VueWrapper) => w.findAll('[data-testid="audit-row"]')
const lists = (desk: { calls: { command: string; args: unknown }[] }) => desk.calls.filter((c) => c.command === 'audit.list').map((c) => c.args)

describe('audit log page', () => {
  it('lists entries with outcome, RequestId, device name and collapsed parameters', async () => {
    const { wrapper, desk } = await mountAudit()
    expect(wrapper.find('[data-testid="audit-page"]').exists()).toBe(true)
    expect(lists(desk)).toEqual([{ limit: 50, offset: 0 }])
    expect(rows(wrapper).map((r) => r.attributes('data-request-id'))).toEqual(['rq-3', 'rq-err', 'rq-1'])
    const failed = rows(wrapper)[1]!
    expect(failed.get('[data-testid="audit-outcome"]').text()).toBe('Error')
    expect(failed.text()).toContain('InvalidParameterValue')
    expect(rows(wrapper)[0]!.get('[data-testid="audit-outcome"]').text()).toBe('OK')
    expect(rows(wrapper)[0]!.text()).toContain('AppModifyFamily')
    expect(rows(wrapper)[0]!.text()).toContain('demo@sandbox.local')
    expect(rows(wrapper)[0]!.text()).toContain('Sandbox')
    expect(rows(wrapper).map((r) => r.get('[data-testid="audit-device"]').text())).toEqual(['—', 'Living-room lamp', 'Living-room lamp'])
    expect(wrapper.find('[data-testid="audit-params"]').exists()).toBe(false)
  })

  it('opens the full parameters, pretty-printed, in a row of their own', async () => {
    const { wrapper } = await mountAudit()
    const toggle = rows(wrapper)[2]!.get('[data-testid="audit-params-toggle"]')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    const params = wrapper.get('[data-testid="audit-params"]')
    expect(params.get('td').attributes('colspan')).toBe('8')
    const full = params.get('pre').text()
    expect(full).toContain('"ProductId": "LAMP01"')
    // Nothing cut off: the last parameter is there whole.
    expect(full).toContain('\\"mode\\":\\"reading\\"}')
    await toggle.trigger('click')
    expect(wrapper.find('[data-testid="audit-params"]').exists()).toBe(false)
  })

  it('has one search box for action, device and parameters, and no exact-name field', async () => {
    const { wrapper, desk } = await mountAudit()
    expect(wrapper.find('[data-testid="audit-filter-action"]').exists()).toBe(false)
    expect(wrapper.get('input[data-testid="audit-filter-text"]').attributes('placeholder')).toBe('Search action, device, parameters, RequestId')
    await wrapper.get('input[data-testid="audit-filter-text"]').setValue('living-room')
    await vi.waitFor(() => expect(lists(desk).at(-1)).toEqual({ text: 'living-room', limit: 50, offset: 0 }))
  })

  it('copies a RequestId', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { wrapper } = await mountAudit()
    await rows(wrapper)[1]!.get('[data-testid="audit-copy-request-id"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith('rq-err')
  })

  it('filters by outcome and by free text, from the first page', async () => {
    const { wrapper, desk } = await mountAudit()
    await wrapper.get('[data-testid="audit-filter-outcome"]').trigger('click')
    await flushPromises()
    document.body.querySelector<HTMLElement>('[data-testid="audit-filter-outcome-error"]')!.click()
    await flushPromises()
    expect(lists(desk).at(-1)).toEqual({ outcome: 'error', limit: 50, offset: 0 })
    expect(rows(wrapper).map((r) => r.attributes('data-request-id'))).toEqual(['rq-err'])

    await wrapper.get('input[data-testid="audit-filter-text"]').setValue('  Zhang ')
    await vi.waitFor(() => expect(lists(desk).at(-1)).toEqual({ outcome: 'error', text: 'Zhang', limit: 50, offset: 0 }))
    await flushPromises()
    expect(wrapper.find('[data-testid="audit-empty-filtered"]').exists()).toBe(true)
    expect(wrapper.get<HTMLButtonElement>('[data-testid="audit-export"]').element.disabled).toBe(true)
  })

  it('pages through the log', async () => {
    const many = Array.from({ length: 120 }, (_, i) => entry(1000 - i))
    const { wrapper, desk } = await mountAudit({
      'audit.list': (f) => ({ total: many.length, entries: many.slice(f.offset ?? 0, (f.offset ?? 0) + (f.limit ?? 50)) }),
    })
    expect(rows(wrapper)).toHaveLength(50)
    await wrapper.get('[data-testid="audit-pagination"] .btn-next').trigger('click')
    await flushPromises()
    expect(lists(desk).at(-1)).toEqual({ limit: 50, offset: 50 })
    expect(rows(wrapper)[0]!.attributes('data-request-id')).toBe('rq-950')
  })

  it('exports what the filter matches as a CSV download', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const { wrapper, desk } = await mountAudit()
    await wrapper.get('input[data-testid="audit-filter-text"]').setValue('rq-1')
    await vi.waitFor(() => expect(lists(desk).at(-1)).toEqual({ text: 'rq-1', limit: 50, offset: 0 }))
    await wrapper.get('[data-testid="audit-export"]').trigger('click')
    await flushPromises()
    expect(desk.calls.filter((c) => c.command === 'audit.export').map((c) => c.args)).toEqual([{ text: 'rq-1' }])
    expect(click).toHaveBeenCalledTimes(1)
    const link = click.mock.contexts[0] as HTMLAnchorElement
    expect(link.download).toMatch(/^explorer-desk-audit-\d{8}-\d{4}\.csv$/)
    expect(link.href).toBe('blob:test')
    expect(created).toHaveLength(1)
    expect(created[0]!.type).toBe('text/csv;charset=utf-8')
    // A UTF-8 BOM first, so spreadsheet programs read Chinese names right; then the CSV as sent.
    const bytes = new Uint8Array(await created[0]!.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3))).toBe('time,action\r\n2026-05-18T00:00:00.000Z,AppModifyFamily\r\n')
  })

  it('shows the empty log as such', async () => {
    const { wrapper } = await mountAudit({ 'audit.list': () => ({ total: 0, entries: [] }) })
    expect(wrapper.find('[data-testid="audit-empty"]').exists()).toBe(true)
    expect(rows(wrapper)).toHaveLength(0)
  })

  it('shows an error and retries', async () => {
    let attempts = 0
    const { wrapper } = await mountAudit({
      'audit.list': (f) => (++attempts === 1 ? fail({ kind: 'internal', code: 'Desk.Internal', message: 'database locked' }) : listed(f)),
    })
    expect(wrapper.get('[data-testid="error-code"]').text()).toBe('Desk.Internal')
    await wrapper.get('.error-notice__retry').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    expect(rows(wrapper)).toHaveLength(3)
  })
})

describe('audit filter', () => {
  it('sends only what is set, with the time range inclusive to the second', () => {
    expect(toAuditFilter({ outcome: '', range: null, text: ' ' })).toEqual({})
    const from = new Date(2026, 4, 1, 0, 0, 0)
    const to = new Date(2026, 4, 1, 23, 59, 59)
    expect(toAuditFilter({ outcome: 'ok', range: [from, to], text: 'rq-1' })).toEqual({
      outcome: 'ok',
      text: 'rq-1',
      fromMs: from.getTime(),
      toMs: new Date(2026, 4, 2).getTime(),
    })
  })
})
