/**
 * The device side of binding, played through the control levers and the control endpoint:
 * tokens turn usable only when a device reports them (and bind that device only), devices
 * print signed payloads that bind while fresh, gateways start with unbound sub-devices.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCT_IDS, type RunningSandbox } from '../../electron/sandbox'
import { checkSignPayload, SIGN_PAYLOAD_VALID_SECONDS } from '../../shared/binding/sign-payload'
import { tokenHandoffText } from '../../shared/binding/token-handoff'
import { freshName } from './device-helpers'
import { errorCode, post, signIn, tokenapi, withSandbox, type Json } from './helpers'

let sb: RunningSandbox
let token: string
let homeId: string
const call = (action: string, params: Json = {}) => tokenapi(sb, token, action, params)
const control = (body: Json) => post(`${sb.url}/_sandbox/control`, body)
const newToken = async () => (await call('AppCreateDeviceBindToken')).Response.Data.Token as string
const tokenState = async (t: string) => (await call('AppGetDeviceBindTokenState', { Token: t })).Response.Data.State as number
const gateway = () => sb.world.devicesIn(homeId).find((d) => d.deviceType === 1 && d.online)!

beforeAll(async () => {
  // The embedded demo's settings: no anonymous device, two sub-devices waiting on each gateway.
  sb = await withSandbox({ simulate: false, unboundSubDevices: 2 })
  token = await signIn(sb)
  homeId = [...sb.world.families.values()].find((f) => f.name === 'Home')!.familyId
})
afterAll(() => sb.close())

describe('a bind token', () => {
  it('stays in State 1 until the device reports it, then binds that device only', async () => {
    const t = await newToken()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await tokenState(t)).toBe(1)
    const deviceId = `${PRODUCT_IDS.light}/${freshName('light')}`
    const used = await control({ command: 'device.useBindToken', token: t, deviceId })
    expect(used).toEqual({ status: 200, json: { ok: true, deviceId } })
    expect(await tokenState(t)).toBe(2)
    const bind = (deviceName: string) =>
      call('AppTokenBindDeviceFamily', { Token: t, ProductId: PRODUCT_IDS.light, DeviceName: deviceName, FamilyId: homeId, RoomId: '0' })
    expect(errorCode(await bind(freshName('light')))).toBe('InvalidParameterValue.TokenDeviceMismatch')
    const pushesBefore = sb.pushCount
    expect(errorCode(await bind(deviceId.split('/')[1]!))).toBeUndefined()
    // It came online and reported its values.
    expect(sb.pushCount).toBe(pushesBefore + 2)
    expect(sb.world.devices.get(deviceId)).toMatchObject({ online: true, familyId: homeId })
  })

  it('refuses an unknown token, another device for a reported one, and a sub-device', async () => {
    const unknown = await control({ command: 'device.useBindToken', token: 'f'.repeat(32), deviceId: `${PRODUCT_IDS.plug}/p1` })
    expect(unknown.status).toBe(400)
    const t = await newToken()
    expect((await control({ command: 'device.useBindToken', token: t, deviceId: `${PRODUCT_IDS.plug}/p1` })).status).toBe(200)
    expect((await control({ command: 'device.useBindToken', token: t, deviceId: `${PRODUCT_IDS.plug}/p2` })).json.error).toMatch(/already reported/)
    expect((await control({ command: 'device.useBindToken', token: t, deviceId: `${PRODUCT_IDS.sensor}/s1` })).json.error).toMatch(/sub-devices/)
  })

  it('is reported by `npm run device -- use-token` from the QR code text', async () => {
    const t = await newToken()
    const deviceId = `${PRODUCT_IDS.plug}/${freshName('plug')}`
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import', 'tsx', 'electron/sandbox/control/device-cli.ts', '--sandbox', sb.url, 'use-token', tokenHandoffText(t), deviceId,
    ])
    expect(stdout).toContain(`${deviceId} reported the token.`)
    expect(await tokenState(t)).toBe(2)
  })
})

describe('a signed binding payload', () => {
  const sigBind = (text: string, extra: Json = {}) => {
    const checked = checkSignPayload(text, sb.options.clock(), 'device')
    if (!checked.ok) throw new Error(`payload refused: ${JSON.stringify(checked.problem)}`)
    const p = checked.payload
    return call('AppSigBindDeviceInFamily', {
      FamilyId: homeId, RoomId: '', ProductId: p.productId, DeviceName: p.deviceName, DeviceTimestamp: p.deviceTimestamp,
      ConnId: p.connId, Signature: p.signature, BindType: p.bindType, SignMethod: p.signMethod, ...extra,
    })
  }

  it('is printed by the device, passes the app\'s check and binds it', async () => {
    const deviceId = `${PRODUCT_IDS.camera}/${freshName('cam')}`
    const printed = await control({ command: 'device.signPayload', deviceId, signMethod: 'hmacsha256' })
    expect(printed.json).toMatchObject({ ok: true, validSeconds: SIGN_PAYLOAD_VALID_SECONDS })
    const body = await sigBind(printed.json.payload)
    expect(body.Response.data.AppDeviceInfo.DeviceId).toBe(deviceId)
  })

  it('printed long ago fails the app\'s check as expired, and the cloud refuses it too', async () => {
    const deviceId = `${PRODUCT_IDS.light}/${freshName('light')}`
    const { payload } = sb.control.signPayload(deviceId, { ageSeconds: SIGN_PAYLOAD_VALID_SECONDS + 60 })
    expect(checkSignPayload(payload, sb.options.clock(), 'device')).toMatchObject({ ok: false, problem: { reason: 'expired' } })
    const fields = JSON.parse(payload) as Json
    const body = await call('AppSigBindDeviceInFamily', { FamilyId: homeId, ...fields })
    expect(errorCode(body)).toBe('InvalidParameterValue.BindDeviceNotConnected')
  })

  it('of a sub-device binds it to a gateway', async () => {
    const gw = gateway()
    const deviceId = `${PRODUCT_IDS.sensor}/${freshName('th')}`
    const { payload } = sb.control.signSubDevicePayload(deviceId)
    const checked = checkSignPayload(payload, sb.options.clock(), 'subDevice')
    expect(checked.ok).toBe(true)
    const p = JSON.parse(payload) as Json
    const body = await call('AppSigGatewayBindDevice', { GatewayProductId: gw.productId, GatewayDeviceName: gw.deviceName, ...p })
    expect(errorCode(body)).toBeUndefined()
    expect(sb.world.devices.get(deviceId)?.gatewayId).toBe(gw.deviceId)
  })

  it('is refused for unknown products and bad ages', async () => {
    expect((await control({ command: 'device.signPayload', deviceId: 'NOPRODUCT1/x' })).status).toBe(400)
    expect((await control({ command: 'device.signPayload', deviceId: `${PRODUCT_IDS.light}/x`, ageSeconds: -1 })).status).toBe(400)
    expect((await control({ command: 'device.signPayload', deviceId: `${PRODUCT_IDS.light}/x`, bindType: 'nfc' })).status).toBe(400)
    expect((await control({ command: 'subDevice.signPayload', deviceId: `${PRODUCT_IDS.light}/x` })).status).toBe(400)
  })
})

describe('a gateway at start', () => {
  it('lists unbound sub-devices (BindStatus 0) that bind into its home', async () => {
    const gw = gateway()
    const ids = { GatewayProductId: gw.productId, GatewayDeviceName: gw.deviceName }
    const list = (await call('AppGetGatewayBindDeviceList', { ...ids, ProductId: PRODUCT_IDS.sensor, Offset: 0, Limit: 50 })).Response.DeviceList as Json[]
    const waiting = list.filter((d) => d.BindStatus === 0 && /_new\d$/.test(d.DeviceName as string))
    expect(waiting).toHaveLength(2)
    const bound = await call('AppBindSubDeviceInFamily', { ...ids, ProductId: PRODUCT_IDS.sensor, DeviceName: waiting[0]!.DeviceName })
    expect(bound.Response.Data.AppDeviceInfo).toMatchObject({ FamilyId: homeId, RoomId: '0' })
  })
})
