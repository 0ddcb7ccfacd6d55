// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Member } from '@shared/contracts/members'
import type { ShareUser } from '@shared/contracts/sharing'
import type { Router } from 'vue-router'
import HomeView from '@/views/HomeView.vue'
import { i18n } from '@/i18n'
import { fail, fakeDesk, type FakeDesk, type Handlers } from './fake-desk'
import { devices, rooms } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const home = { familyId: 'f-1', name: 'Zhang home', address: 'Main St 1', role: 1, createTime: 0, updateTime: 0 }
const members: Member[] = [
  { userId: '100000001', nickName: 'Installer', role: 1 },
  { userId: '100000003', nickName: 'Mrs Zhang', role: 0 },
]
const guest: ShareUser = { userId: '200000009', nickName: 'Cousin', phoneNumber: '139***5678', bindTime: 1_700_000_000 }
const lamp = devices[0]!

let wrapper: VueWrapper | null = null
let router: Router | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  i18n.global.locale.value = 'en'
  document.body.innerHTML = ''
})

async function mountHome(extra: Handlers = {}): Promise<FakeDesk> {
  const desk = fakeDesk({
    'families.describe': () => home,
    'rooms.list': () => rooms,
    'devices.list': () => devices,
    'members.list': () => members,
    'sharing.users': ({ deviceId }) => (deviceId === lamp.deviceId ? [guest] : []),
    'commissioning.checklist': () => ({ familyId: home.familyId, familyName: home.name, checkedAtMs: 0, devices: [], items: [], met: 0, total: 0, unchecked: 0 }),
    ...extra,
  })
  const routes = [
    { path: '/families/:familyId/home', name: 'home', component: HomeView },
    { path: '/families', name: 'families', component: Blank },
    { path: '/families/:familyId/handover', name: 'handover', component: Blank },
  ]
  const mounted = await mountWithApp(HomeView, { desk, path: '/families/f-1/home', routes })
  wrapper = mounted.wrapper
  router = mounted.router
  return desk
}

const byTest = (id: string) => wrapper!.find(`[data-testid="${id}"]`)
/** Element Plus puts a test id on the input itself or on its wrapper, depending on the component. */
const input = (id: string) => wrapper!.find(`input[data-testid="${id}"], [data-testid="${id}"] input`)
const sent = (desk: FakeDesk, command: string) => desk.calls.filter((c) => c.command === command).map((c) => c.args)

async function submit(form: string): Promise<void> {
  await byTest(form).trigger('submit')
  await flushPromises()
}

describe('the Home page', () => {
  it('reads the checklist once when it opens, though its device list arrives after the home', async () => {
    const desk = await mountHome({ 'devices.list': () => new Promise((resolve) => setTimeout(() => resolve(devices), 20)) })
    await new Promise((resolve) => setTimeout(resolve, 40))
    await flushPromises()
    expect(byTest('checklist').exists()).toBe(true)
    expect(sent(desk, 'commissioning.checklist')).toEqual([{ familyId: home.familyId }])
  })
})

describe('new room form', () => {
  it('refuses an empty name and a name the home already has, sending nothing', async () => {
    const desk = await mountHome({ 'home.createRoom': () => ({ roomId: 'r-new', requestId: 'req-1' }) })
    await input('new-room-name').setValue('   ')
    await submit('new-room-form')
    expect(byTest('new-room-problem').text()).toBe('Enter a name of 1 to 64 characters.')
    await input('new-room-name').setValue('Bedroom')
    await submit('new-room-form')
    expect(byTest('new-room-problem').text()).toBe('This home already has a room named “Bedroom”.')
    expect(sent(desk, 'home.createRoom')).toEqual([])
  })

  it('creates a room with the trimmed name and reads the rooms again', async () => {
    const desk = await mountHome({ 'home.createRoom': () => ({ roomId: 'r-new', requestId: 'req-1' }) })
    const reads = sent(desk, 'rooms.list').length
    await input('new-room-name').setValue('  Study ')
    await submit('new-room-form')
    expect(sent(desk, 'home.createRoom')).toEqual([{ familyId: 'f-1', name: 'Study' }])
    expect(sent(desk, 'rooms.list').length).toBe(reads + 1)
  })

  it('says it in Chinese too', async () => {
    i18n.global.locale.value = 'zh-CN'
    await mountHome()
    i18n.global.locale.value = 'zh-CN'
    await input('new-room-name').setValue('')
    await submit('new-room-form')
    expect(byTest('new-room-problem').text()).toBe('请输入 1 到 64 个字符的名称。')
  })
})

describe('moving a device by keyboard', () => {
  it('Space picks it up, Right chooses the next room, Enter sends one move and the list is read again', async () => {
    const desk = await mountHome({ 'home.moveDevice': () => ({ requestId: 'req-m' }) })
    const reads = sent(desk, 'devices.list').length
    const item = wrapper!.find(`[data-testid="room-device"][data-device-id="${lamp.deviceId}"]`)
    await item.trigger('keydown', { key: ' ' })
    expect(byTest('room-announcement').text()).toContain('Target: Living room')
    await item.trigger('keydown', { key: 'ArrowRight' })
    expect(byTest('room-announcement').text()).toContain('Target: Bedroom')
    await item.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(sent(desk, 'home.moveDevice')).toEqual([{ familyId: 'f-1', deviceId: lamp.deviceId, roomId: 'r-bed' }])
    expect(sent(desk, 'devices.list').length).toBe(reads + 1)
  })

  it('draws 50 devices of a large room until asked for all, and shows a device moved by keyboard into one', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...lamp, deviceId: `${lamp.productId}/bulk_${i}`, deviceName: `bulk_${i}`, aliasName: `Bulk ${i}`, roomId: 'r-bed', roomName: 'Bedroom' }))
    const desk = await mountHome({ 'devices.list': () => [lamp, ...many], 'home.moveDevice': () => ({ requestId: 'req-m' }) })
    const bedroom = () => wrapper!.find('[data-testid="room-card"][data-room-id="r-bed"]')
    expect(bedroom().findAll('[data-testid="room-device"]')).toHaveLength(50)
    expect(bedroom().get('[data-testid="room-show-all"]').text()).toBe('Show all 60 devices in Bedroom')
    const item = wrapper!.find(`[data-testid="room-device"][data-device-id="${lamp.deviceId}"]`)
    await item.trigger('keydown', { key: ' ' })
    await item.trigger('keydown', { key: 'ArrowRight' })
    desk.handlers['devices.list'] = () => [{ ...lamp, roomId: 'r-bed', roomName: 'Bedroom' }, ...many]
    await item.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(bedroom().findAll('[data-testid="room-device"]')).toHaveLength(61)
    expect(bedroom().find('[data-testid="room-show-all"]').exists()).toBe(false)
  })

  it('Escape puts it back without a call', async () => {
    const desk = await mountHome({ 'home.moveDevice': () => ({ requestId: 'req-m' }) })
    const item = wrapper!.find(`[data-testid="room-device"][data-device-id="${lamp.deviceId}"]`)
    await item.trigger('keydown', { key: ' ' })
    await item.trigger('keydown', { key: 'ArrowRight' })
    await item.trigger('keydown', { key: 'Escape' })
    await item.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(sent(desk, 'home.moveDevice')).toEqual([])
  })
})

describe('invite form', () => {
  it('refuses a malformed id, phone or email and a user already in the home, sending nothing', async () => {
    const desk = await mountHome()
    await input('invite-contact').setValue('12 34')
    await submit('invite-form')
    expect(byTest('invite-problem').text()).toBe('Enter a user id (no spaces).')
    await input('invite-contact').setValue('100000003')
    await submit('invite-form')
    expect(byTest('invite-problem').text()).toBe('User 100000003 is already a member of this home.')
    await byTest('invite-by-email').find('input').setValue(true)
    await input('invite-contact').setValue('zhang@')
    await submit('invite-form')
    expect(byTest('invite-problem').text()).toContain('Enter an email address such as name@example.com')
    await byTest('invite-by-phone').find('input').setValue(true)
    await input('invite-contact').setValue('call me')
    await submit('invite-form')
    expect(byTest('invite-problem').text()).toContain('Enter a phone number')
    expect(desk.calls.filter((c) => c.command.startsWith('members.') && c.command !== 'members.list')).toEqual([])
  })

  it('invites a user id, and says clearly when the cloud refuses an unknown user, with its Code and RequestId', async () => {
    const desk = await mountHome({ 'members.invite': () => fail({ kind: 'api', code: 'InvalidParameterValue', message: 'User 42 does not exist.', requestId: 'req-x' }) })
    await input('invite-contact').setValue('42')
    await submit('invite-form')
    expect(sent(desk, 'members.invite')).toEqual([{ familyId: 'f-1', userId: '42' }])
    expect(byTest('invite-refused').text()).toContain('The cloud refused to invite user 42')
    expect(byTest('error-code').text()).toBe('InvalidParameterValue')
    expect(byTest('error-request-id').text()).toBe('req-x')
  })

  it('for an email, makes an invitation to send, shown as code, link and QR code', async () => {
    const desk = await mountHome({ 'members.invitation': () => ({ shareToken: 'tok-1', link: 'explorerdesk://join-family?token=tok-1', requestId: 'req-i' }) })
    await byTest('invite-by-email').find('input').setValue(true)
    await input('invite-contact').setValue('zhang@example.com')
    await submit('invite-form')
    expect(sent(desk, 'members.invitation')).toEqual([{ familyId: 'f-1' }])
    expect(byTest('share-token').text()).toBe('tok-1')
    expect(byTest('share-code').text()).toContain('send this invitation to zhang@example.com')
    await flushPromises()
    expect(byTest('share-qr').attributes('src')).toMatch(/^data:image\/svg\+xml/)
  })
})

describe('share form', () => {
  async function pickDevice(deviceId: string): Promise<void> {
    const select = wrapper!.findComponent({ name: 'ElSelectV2' })
    select.vm.$emit('update:modelValue', deviceId)
    await flushPromises()
  }

  it('asks for a device, and refuses a home member or a user who already has the device', async () => {
    const desk = await mountHome()
    await submit('share-form')
    expect(byTest('share-problem').text()).toBe('Choose a device.')
    await pickDevice(lamp.deviceId)
    await byTest('share-by-invite').find('input').setValue(true)
    await input('share-user').setValue('100000003')
    await submit('share-form')
    expect(byTest('share-problem').text()).toBe('User 100000003 is a member of this home and already sees its devices.')
    await input('share-user').setValue(guest.userId)
    await submit('share-form')
    expect(byTest('share-problem').text()).toBe(`Ceiling light is already shared with user ${guest.userId}.`)
    expect(desk.calls.filter((c) => c.command === 'sharing.invite' || c.command === 'sharing.createToken')).toEqual([])
  })

  it('lists who has access per device and makes a share code with QR code and link', async () => {
    const desk = await mountHome({ 'sharing.createToken': () => ({ token: 'share-1', link: 'explorerdesk://share-device?token=share-1', requestId: 'req-s' }) })
    expect(byTest('share-row').text()).toContain('Cousin')
    await pickDevice(lamp.deviceId)
    await submit('share-form')
    expect(sent(desk, 'sharing.createToken')).toEqual([{ familyId: 'f-1', deviceId: lamp.deviceId }])
    expect(byTest('share-link').text()).toBe('explorerdesk://share-device?token=share-1')
  })
})

describe('sharing of a large home', () => {
  it('asks nothing on opening a home of more than 200 devices, and reads every device once asked, counting them', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ ...lamp, deviceName: `lamp_${i}`, deviceId: `${lamp.productId}/lamp_${i}` }))
    const answers: (() => void)[] = []
    const desk = await mountHome({
      'devices.list': () => many,
      'sharing.users': ({ deviceId }) => new Promise<ShareUser[]>((resolve) => answers.push(() => resolve(deviceId === many[7]!.deviceId ? [guest] : []))),
    })
    expect(sent(desk, 'sharing.users')).toEqual([])
    expect(byTest('shares-ask').text()).toContain('This home has 201 devices')

    await byTest('shares-read').trigger('click')
    await flushPromises()
    expect(byTest('shares-loading').text()).toBe('Reading who has access… 0 of 201 devices')
    for (let i = 0; i < 3; i++) answers.shift()!()
    await flushPromises()
    expect(byTest('shares-loading').text()).toBe('Reading who has access… 3 of 201 devices')
    while (answers.length) {
      answers.shift()!()
      await flushPromises()
    }
    expect(sent(desk, 'sharing.users')).toHaveLength(201)
    expect(wrapper!.findAll('[data-testid="share-row"]').map((row) => row.attributes('data-device-id'))).toEqual([many[7]!.deviceId])
  })
})

describe('leaving the home page', () => {
  it('stops asking who each device is shared with: no call starts after the page is gone', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...lamp, deviceName: `lamp_${i}`, deviceId: `${lamp.productId}/lamp_${i}` }))
    const answers: (() => void)[] = []
    const desk = await mountHome({
      'devices.list': () => many,
      'sharing.users': () => new Promise<ShareUser[]>((resolve) => answers.push(() => resolve([]))),
    })
    const asked = sent(desk, 'sharing.users').length
    expect(asked).toBeGreaterThan(0)
    expect(asked).toBeLessThan(many.length)
    wrapper!.unmount()
    wrapper = null
    for (const answer of answers) answer()
    await flushPromises()
    expect(sent(desk, 'sharing.users')).toHaveLength(asked)
  })
})

describe('home header', () => {
  it('refuses an empty name, and deletes only once the home’s name is typed', async () => {
    const desk = await mountHome({ 'home.modify': () => ({ requestId: 'r' }), 'home.delete': () => ({ requestId: 'r' }), 'families.list': () => [] })
    await byTest('home-rename').trigger('click')
    await flushPromises()
    await input('home-name-input').setValue(' ')
    await byTest('home-rename-save').trigger('click')
    await flushPromises()
    expect(byTest('home-problem').text()).toBe('Enter a name of 1 to 64 characters.')
    expect(sent(desk, 'home.modify')).toEqual([])
    wrapper!.findAllComponents({ name: 'ElDialog' })[0]!.vm.$emit('close')
    await byTest('home-delete').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('The home “Zhang home” is deleted with its rooms; its 4 devices are unbound')
    await input('home-delete-name').setValue('Zhang')
    await byTest('home-delete-confirm').trigger('click')
    await flushPromises()
    expect(sent(desk, 'home.delete')).toEqual([])
    await input('home-delete-name').setValue('Zhang home')
    await byTest('home-delete-confirm').trigger('click')
    await flushPromises()
    expect(sent(desk, 'home.delete')).toEqual([{ familyId: 'f-1', name: 'Zhang home' }])
  })
})

describe('confirmations that name what they act on', () => {
  /** The message box Element Plus opens in the body: its text, and its confirm button. */
  async function confirmBox(): Promise<{ text: string; confirm: () => Promise<void> }> {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const box = document.querySelector('.el-message-box') as HTMLElement
    return {
      text: box.textContent ?? '',
      confirm: async () => {
        ;(box.querySelector('.el-message-box__btns .el-button--danger') as HTMLElement).click()
        await new Promise((resolve) => setTimeout(resolve, 50))
        await flushPromises()
      },
    }
  }

  it('deleting a room says its devices stay in the home, then sends one call', async () => {
    const desk = await mountHome({ 'home.deleteRoom': () => ({ requestId: 'r' }) })
    await wrapper!.find('[data-room-id="r-living"] [data-testid="room-delete"]').trigger('click')
    const box = await confirmBox()
    expect(box.text).toContain('The room “Living room” is deleted from the home “Zhang home”. Its 2 devices stay in the home, moved to “Not in a room”.')
    await box.confirm()
    expect(sent(desk, 'home.deleteRoom')).toEqual([{ familyId: 'f-1', roomId: 'r-living' }])
  })

  it('reads the members again on Refresh and when the window comes back to the front, keeping the list when that fails', async () => {
    let current = members
    let failing = false
    await mountHome({ 'members.list': () => (failing ? fail({ kind: 'network', message: 'offline', requestId: 'req-m' }) : current) })
    const rows = () => wrapper!.findAll('[data-testid="member-row"]').map((r) => r.attributes('data-user-id'))
    expect(rows()).toEqual(['100000001', '100000003'])
    current = [...members, { userId: '100000005', nickName: 'Grandma', role: 0 }] // joined with the invitation, on her phone
    await byTest('members-refresh').trigger('click')
    await flushPromises()
    expect(rows()).toEqual(['100000001', '100000003', '100000005'])
    current = [...current, { userId: '100000006', nickName: 'Neighbour', role: 0 }]
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(rows()).toEqual(['100000001', '100000003', '100000005', '100000006'])
    failing = true
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(rows()).toEqual(['100000001', '100000003', '100000005', '100000006'])
    expect(wrapper!.find('.members-panel').text()).toContain('req-m')
    failing = false
    await byTest('members-refresh').trigger('click')
    await flushPromises()
    expect(wrapper!.find('.members-panel').text()).not.toContain('req-m')
  })

  it('removing a member names the member and the home', async () => {
    const desk = await mountHome({ 'members.remove': () => ({ requestId: 'r' }) })
    expect(wrapper!.findAll('[data-testid="member-remove"]')).toHaveLength(1) // administrators stay
    await byTest('member-remove').trigger('click')
    const box = await confirmBox()
    expect(box.text).toContain('Mrs Zhang (100000003) is removed from the home “Zhang home”')
    await box.confirm()
    expect(sent(desk, 'members.remove')).toEqual([{ familyId: 'f-1', userId: '100000003' }])
  })

  it('a member leaves the home only after confirming, then is back on the families list', async () => {
    const desk = await mountHome({ 'families.describe': () => ({ ...home, role: 0 }), 'members.leave': () => ({ requestId: 'r' }), 'families.list': () => [] })
    expect(byTest('home-delete').exists()).toBe(false)
    await byTest('home-leave').trigger('click')
    const box = await confirmBox()
    expect(box.text).toContain('You leave the home “Zhang home”')
    await box.confirm()
    expect(sent(desk, 'members.leave')).toEqual([{ familyId: 'f-1' }])
    expect(router!.currentRoute.value.name).toBe('families')
  })
})
