// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import MessagesView from '@/views/MessagesView.vue'
import { useSessionStore } from '@/stores/session'
import type { Message } from '@shared/contracts/messages'
import { fakeDesk, type Handlers } from './fake-desk'
import { demoSession } from './fixtures'
import { Blank, mountWithApp } from './mount-app'
import { unreadOf } from '@/utils/message-seen'

const now = Date.now()
const message = (id: string, category: number, ageMin: number): Message => ({
  msgId: id, category, msgType: 0, title: `Title ${id}`, content: `Full text of ${id}`, timeMs: now - ageMin * 60_000,
  productId: 'LAMP01', deviceName: 'lamp_a1', deviceAlias: 'Ceiling light', familyId: 'f-1', familyName: 'Zhang home',
})
const family = Array.from({ length: 25 }, (_, i) => message(`f${i}`, 2, i))

let inbox: Message[] = []
const handlers: Handlers = {
  'session.current': () => demoSession,
  'messages.list': ({ category, limit = 20, after }) => {
    const mine = inbox.filter((m) => m.category === category && (!after || m.timeMs < after.timeMs))
    const page = mine.slice(0, limit)
    const over = mine.length <= limit
    const last = page.at(-1)
    return { messages: page, listover: over, next: over || !last ? null : { msgId: last.msgId, timeMs: last.timeMs }, requestId: 'rq-l' }
  },
  'messages.delete': ({ msgId }) => {
    inbox = inbox.filter((m) => m.msgId !== msgId)
    return { requestId: 'rq-del' }
  },
}

let mounted: VueWrapper | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
  localStorage.clear()
  document.body.innerHTML = ''
})

/** The newest message box Element Plus opened (a closed one may linger while it fades). */
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

async function mountCentre() {
  const desk = fakeDesk(handlers)
  const result = await mountWithApp(MessagesView, { desk, path: '/messages', routes: [{ path: '/messages', name: 'messages', component: Blank }], beforeMount: () => useSessionStore().init() })
  mounted = result.wrapper
  await flushPromises()
  return { desk, ...result }
}

describe('message centre', () => {
  it('reads every category, pages on, counts unread per category and clears a count when marked read', async () => {
    inbox = [message('d1', 1, 1), ...family]
    const { wrapper, desk } = await mountCentre()
    expect(desk.calls.filter((c) => c.command === 'messages.list').map((c) => (c.args as { category: number }).category).sort()).toEqual([1, 2, 3])
    expect(wrapper.get('[data-testid="message-unread-1"]').text()).toBe('1')
    // 20 of 25 family messages read so far, every one unread: a lower bound.
    expect(wrapper.get('[data-testid="message-unread-2"]').text()).toBe('20+')
    expect(wrapper.find('[data-testid="message-unread-3"]').exists()).toBe(false)

    await wrapper.get('[data-testid="message-tab-2"]').trigger('click')
    await wrapper.get('#tab-2').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="message-list-2"] [data-testid="message-item"]')).toHaveLength(20)
    await wrapper.get('[data-testid="message-more-2"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="message-list-2"] [data-testid="message-item"]')).toHaveLength(25)
    expect(wrapper.find('[data-testid="message-more-2"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="message-unread-2"]').text()).toBe('25')
    await wrapper.get('[data-testid="message-mark-read-2"]').trigger('click')
    expect(wrapper.find('[data-testid="message-unread-2"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="message-unread-1"]').text()).toBe('1')
  })

  it('opens a message in full and deletes it only once confirmed', async () => {
    inbox = [message('d1', 1, 1), message('d2', 1, 5)]
    const { wrapper, desk } = await mountCentre()
    const item = wrapper.findAll('[data-testid="message-list-1"] [data-testid="message-item"]')[1]!
    await item.trigger('click')
    expect(wrapper.get('[data-testid="message-detail-content"]').text()).toBe('Full text of d2')

    await wrapper.get('[data-testid="message-delete"]').trigger('click')
    await (await lastBox()).press('.el-button:not(.el-button--danger)')
    expect(desk.calls.some((c) => c.command === 'messages.delete')).toBe(false)

    await wrapper.get('[data-testid="message-delete"]').trigger('click')
    const box = await lastBox()
    expect(box.text).toContain('Title d2')
    await box.press('.el-button--danger')
    expect(desk.calls.find((c) => c.command === 'messages.delete')?.args).toEqual({ msgId: 'd2' })
    expect(wrapper.findAll('[data-testid="message-list-1"] [data-testid="message-item"]').map((b) => b.attributes('data-msg-id'))).toEqual(['d1'])
    expect(wrapper.find('[data-testid="message-detail"]').exists()).toBe(false)
  })
})

describe('unread messages, newer than the newest marked read', () => {
  const list = (times: number[]) => times.map((timeMs, i) => ({ msgId: String(i), timeMs }) as Message)
  it('counts those newer than the mark', () => {
    expect(unreadOf(list([300, 200, 100]), 150, true)).toEqual({ count: 2, more: false })
  })
  it('says "more" when every message read so far is unread and pages remain', () => {
    expect(unreadOf(list([300, 200]), 0, false)).toEqual({ count: 2, more: true })
    expect(unreadOf(list([300, 200]), 0, true)).toEqual({ count: 2, more: false })
  })
})
