// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import type { Product } from '@shared/domain'
import { formatSignPayload, SIGN_PAYLOAD_VALID_SECONDS, type DeviceSignPayload } from '@shared/binding/sign-payload'
import { emptyThingModel } from '@shared/thing-model'
import AddDeviceView from '@/views/AddDeviceView.vue'
import { TOKEN_POLL_MS, TOKEN_WAIT_SECONDS } from '@/composables/useTokenWatch'
import { i18n } from '@/i18n'
import { fail, fakeDesk, type FakeDesk, type Handlers } from './fake-desk'
import { devices, rooms } from './fixtures'
import { Blank, mountWithApp } from './mount-app'

const home = { familyId: 'f-1', name: 'Zhang home', address: 'Main St 1', role: 1, createTime: 0, updateTime: 0 }
const product = (productId: string, name: string, netType: string): Product =>
  ({ productId, name, description: '', netType, categoryId: 1, thingModel: emptyThingModel() })
const products = [product('LAMP01', 'Smart lamp', 'wifi'), product('PLUG02', 'Smart plug', 'wifi'), product('SENS03', 'Sensor', 'else'), product('GW0004', 'Gateway', 'wifi')]
/** The sensor is a gateway sub-device in these tests. */
const homeDevices = devices.map((d) => (d.productId === 'SENS03' ? { ...d, deviceType: 2 } : d))

let wrapper: VueWrapper | null = null
afterEach(() => {
  vi.useRealTimers()
  wrapper?.unmount()
  wrapper = null
  i18n.global.locale.value = 'en'
  document.body.innerHTML = ''
})

async function mountFlow(extra: Handlers = {}): Promise<FakeDesk> {
  const desk = fakeDesk({
    'families.describe': () => home,
    'rooms.list': () => rooms,
    'devices.list': () => homeDevices,
    'products.list': ({ productIds }) => products.filter((p) => productIds.includes(p.productId)),
    'live.watch': () => [],
    ...extra,
  })
  const routes = [
    { path: '/families/:familyId/add-device', name: 'add-device', component: AddDeviceView },
    { path: '/:rest(.*)', component: Blank },
  ]
  wrapper = (await mountWithApp(AddDeviceView, { desk, path: '/families/f-1/add-device', routes })).wrapper
  return desk
}

const byTest = (id: string) => wrapper!.find(`[data-testid="${id}"]`)
const input = (id: string) => wrapper!.find(`input[data-testid="${id}"], [data-testid="${id}"] input`)
const sent = (desk: FakeDesk, command: string) => desk.calls.filter((c) => c.command === command).map((c) => c.args)

async function choose(select: string, value: string): Promise<void> {
  const found = wrapper!.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === select)
  if (!found) throw new Error(`no select ${select}`)
  found.vm.$emit('update:modelValue', value)
  await flushPromises()
}

async function pick(productId: string, roomId: string, method?: string): Promise<void> {
  await choose('product-select', productId)
  await choose('room-select', roomId)
  if (method) await byTest(`method-${method}`).find('input').setValue(true)
  await byTest('product-step').trigger('submit')
  await flushPromises()
}

const NOW_S = () => Math.floor(Date.now() / 1000)
const payload = (partial: Partial<DeviceSignPayload> = {}) =>
  formatSignPayload({
    kind: 'device', productId: 'LAMP01', deviceName: 'lamp_new', deviceTimestamp: NOW_S(), connId: '1938',
    signature: 'ab'.repeat(20), bindType: 'wifi_sign', signMethod: 'hmacsha1', ...partial,
  })
const bound = (deviceId: string, roomId = 'r-living') => ({ deviceId, familyId: 'f-1', roomId, requestId: 'req-bind' })

describe('the product step', () => {
  it('asks for a product and a method before going on, and checks a typed ProductId', async () => {
    await mountFlow()
    await byTest('product-step').trigger('submit')
    expect(byTest('product-problem').text()).toBe('Choose a product.')
    await choose('product-select', 'LAMP01')
    await byTest('product-step').trigger('submit')
    expect(byTest('product-problem').text()).toBe('Choose how the device binds.')
    await choose('product-select', '__other__')
    await input('product-id').setValue('NOT A/ID')
    await byTest('product-look-up').trigger('click')
    expect(byTest('product-problem').text()).toBe('Enter a ProductId: letters and digits only.')
  })

  it('offers the methods the product supports: token or signature for Wi-Fi, the gateway for a sub-device', async () => {
    await mountFlow()
    await choose('product-select', 'LAMP01')
    expect(byTest('method-token').exists()).toBe(true)
    expect(byTest('method-signature').exists()).toBe(true)
    expect(byTest('method-gateway').exists()).toBe(false)
    await choose('product-select', 'SENS03')
    expect(byTest('method-gateway').exists()).toBe(true)
    expect(byTest('method-token').exists()).toBe(false)
  })
})

describe('the signature form', () => {
  async function toSignature(extra: Handlers = {}): Promise<FakeDesk> {
    const desk = await mountFlow(extra)
    await pick('LAMP01', 'r-living', 'signature')
    return desk
  }
  async function scan(text: string): Promise<void> {
    const area = byTest('signature-payload')
    await area.setValue(text)
    // A barcode scanner ends its scan with Enter.
    await area.trigger('keydown', { key: 'Enter' })
    await flushPromises()
  }

  it('says why a malformed payload cannot be used and sends nothing', async () => {
    const desk = await toSignature()
    await scan('{"ProductId":"LAMP01","DeviceName":"lamp_new"')
    expect(byTest('signature-problem').text()).toContain('This is not a signed payload')
    await scan(JSON.stringify({ ...JSON.parse(payload()), Signature: undefined }))
    expect(byTest('signature-problem').text()).toBe('The payload has no Signature.')
    expect(sent(desk, 'binding.bindWithSignature')).toEqual([])
  })

  it('says an expired payload has expired, and one of another product is not this one', async () => {
    const desk = await toSignature()
    await scan(payload({ deviceTimestamp: NOW_S() - SIGN_PAYLOAD_VALID_SECONDS - 100 }))
    expect(byTest('signature-problem').text()).toMatch(/^This payload has expired: the device signed it \d+ s ago, and a payload is good for 300 s/)
    await scan(payload({ productId: 'PLUG02' }))
    expect(byTest('signature-problem').text()).toBe('This payload is of product PLUG02, not of the chosen product LAMP01.')
    expect(sent(desk, 'binding.bindWithSignature')).toEqual([])
  })

  it('binds a good payload into the chosen room on Enter and lists the device', async () => {
    const desk = await toSignature({ 'binding.bindWithSignature': () => bound('LAMP01/lamp_new') })
    const text = payload()
    await scan(text)
    expect(sent(desk, 'binding.bindWithSignature')).toEqual([{ familyId: 'f-1', roomId: 'r-living', payload: text }])
    expect(byTest('bound-device').attributes('data-device-id')).toBe('LAMP01/lamp_new')
    expect(byTest('bound-room').text()).toBe('Living room')
  })

  it('explains a device bound elsewhere, in the user\'s language, with the cloud\'s Code and RequestId', async () => {
    await toSignature({
      'binding.bindWithSignature': () => fail({ kind: 'api', code: 'UnsupportedOperation.CannotBindSameFamily', requestId: 'req-9', message: 'bound' }),
    })
    i18n.global.locale.value = 'zh-CN'
    await scan(payload())
    expect(byTest('binding-refusal').text()).toContain('该设备已绑定到某个家庭')
    expect(byTest('error-code').text()).toBe('UnsupportedOperation.CannotBindSameFamily')
    expect(byTest('error-request-id').text()).toBe('req-9')
  })
})

describe('the token form', () => {
  it('waits for the device with a countdown, times out clearly, and retries with a new token', async () => {
    let serial = 0
    const desk = await mountFlow({
      'binding.createToken': () => ({ token: `tok${(serial += 1)}abcdef`, requestId: `r${serial}` }),
      'binding.tokenState': () => ({ state: 'waiting' }),
    })
    await pick('LAMP01', '0', 'token')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    await byTest('token-create').trigger('click')
    await flushPromises()
    expect(byTest('token-text').text()).toBe('tok1abcdef')
    expect(byTest('token-state').text()).toBe(`Waiting for the device to report the token… ${TOKEN_WAIT_SECONDS} s left`)
    expect(byTest('token-bind').attributes('disabled')).toBeDefined()
    await vi.advanceTimersByTimeAsync(TOKEN_POLL_MS * 2)
    expect(sent(desk, 'binding.tokenState').length).toBeGreaterThanOrEqual(1)
    await vi.advanceTimersByTimeAsync(TOKEN_WAIT_SECONDS * 1000)
    expect(byTest('token-state').attributes('data-phase')).toBe('timedOut')
    expect(byTest('token-state').text()).toContain(`did not report the token within ${TOKEN_WAIT_SECONDS} s`)
    await byTest('token-retry').trigger('click')
    await flushPromises()
    expect(byTest('token-text').text()).toBe('tok2abcdef')
  })

  it('checks the DeviceName before binding, then binds the device that reported the token', async () => {
    const desk = await mountFlow({
      'binding.createToken': () => ({ token: 'tok1abcdef', requestId: 'r1' }),
      'binding.tokenState': () => ({ state: 'used' }),
      'binding.bindWithToken': ({ deviceId }) => bound(deviceId, 'r-bed'),
    })
    await pick('LAMP01', 'r-bed', 'token')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    await byTest('token-create').trigger('click')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(TOKEN_POLL_MS)
    expect(byTest('token-state').attributes('data-phase')).toBe('used')
    await input('token-device-name').setValue('lamp new!')
    await byTest('token-binder').trigger('submit')
    await flushPromises()
    expect(byTest('token-problem').text()).toBe('Enter the DeviceName: 1 to 48 letters, digits or _ - . :')
    expect(sent(desk, 'binding.bindWithToken')).toEqual([])
    await input('token-device-name').setValue('lamp_new')
    await byTest('token-binder').trigger('submit')
    await flushPromises()
    expect(sent(desk, 'binding.bindWithToken')).toEqual([{ familyId: 'f-1', roomId: 'r-bed', token: 'tok1abcdef', deviceId: 'LAMP01/lamp_new' }])
  })
})

describe('a refused token bind', () => {
  it('says the token expired, with Code and RequestId, and offers a new token', async () => {
    const desk = await mountFlow({
      'binding.createToken': () => ({ token: 'tok1abcdef', requestId: 'r1' }),
      'binding.tokenState': () => ({ state: 'used' }),
      'binding.bindWithToken': () => fail({ kind: 'api', code: 'InvalidParameterValue.TokenIsExpired', requestId: 'req-exp', message: 'Token has expired' }),
    })
    await pick('LAMP01', '0', 'token')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    await byTest('token-create').trigger('click')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(TOKEN_POLL_MS)
    await input('token-device-name').setValue('lamp_new')
    await byTest('token-binder').trigger('submit')
    await flushPromises()
    expect(byTest('binding-refusal').text()).toBe('The token has expired or is unknown. Create a new token.')
    expect(byTest('error-request-id').text()).toBe('req-exp')
    await byTest('token-retry').trigger('click')
    await flushPromises()
    expect(sent(desk, 'binding.createToken')).toHaveLength(2)
  })
})

describe('the gateway form', () => {
  it('lists the gateway\'s sub-devices, adds a waiting one and places it in the chosen room', async () => {
    const desk = await mountFlow({
      'binding.gatewayDevices': () => [
        { deviceId: 'SENS03/th_1', productId: 'SENS03', deviceName: 'th_1', aliasName: '', inHome: false },
        { deviceId: 'SENS03/th_sensor', productId: 'SENS03', deviceName: 'th_sensor', aliasName: 'Bedroom climate', inHome: true },
      ],
      'binding.addSubDevice': ({ deviceId }) => bound(deviceId, '0'),
      'home.moveDevice': () => ({ requestId: 'req-move' }),
    })
    await pick('SENS03', 'r-bed')
    // The home's one gateway is chosen and listed at once.
    expect(sent(desk, 'binding.gatewayDevices')).toEqual([{ gatewayId: 'GW0004/gateway_1', productId: 'SENS03' }])
    const items = wrapper!.findAll('[data-testid="gateway-sub-device"]')
    expect(items).toHaveLength(2)
    expect(items[1]!.find('[data-testid="gateway-add"]').exists()).toBe(false)
    await items[0]!.find('[data-testid="gateway-add"]').trigger('click')
    await flushPromises()
    expect(sent(desk, 'binding.addSubDevice')).toEqual([{ gatewayId: 'GW0004/gateway_1', deviceId: 'SENS03/th_1' }])
    expect(sent(desk, 'home.moveDevice')).toEqual([{ familyId: 'f-1', deviceId: 'SENS03/th_1', roomId: 'r-bed' }])
    expect(byTest('bound-device').attributes('data-device-id')).toBe('SENS03/th_1')
  })

  it('checks a sub-device\'s payload before joining it to the gateway', async () => {
    const desk = await mountFlow({ 'binding.gatewayDevices': () => [] })
    await pick('SENS03', '0')
    await byTest('gateway-join-payload').setValue(payload({ productId: 'SENS03' }))
    await byTest('gateway-join').trigger('submit')
    await flushPromises()
    expect(byTest('gateway-join-problem').text()).toBe('The payload has no Nonce.')
    expect(sent(desk, 'binding.joinGateway')).toEqual([])
  })

  it('takes a sub-device off its gateway only once confirmed, naming it, the gateway and the home', async () => {
    const desk = await mountFlow({
      'binding.gatewayDevices': () => [{ deviceId: 'SENS03/th_1', productId: 'SENS03', deviceName: 'th_1', aliasName: 'Hall sensor', inHome: true }],
      'binding.leaveGateway': () => ({ requestId: 'req-leave' }),
    })
    await pick('SENS03', '0')
    await byTest('gateway-remove').trigger('click')
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const box = document.querySelector('.el-message-box') as HTMLElement
    expect(box.textContent).toContain('Hall sensor leaves the gateway gateway_1 and the home “Zhang home”')
    expect(sent(desk, 'binding.leaveGateway')).toEqual([])
    ;(box.querySelector('.el-message-box__btns .el-button--danger') as HTMLElement).click()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await flushPromises()
    expect(sent(desk, 'binding.leaveGateway')).toEqual([{ gatewayId: 'GW0004/gateway_1', deviceId: 'SENS03/th_1' }])
  })
})
