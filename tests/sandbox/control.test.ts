/**
 * Device control and reports as a device, seen the way the app sees them: the HTTP answer,
 * AppGetDeviceData afterwards, and the DeviceChange pushes on the long connection.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NEIGHBOUR_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { ACTION_REPLY_DELAY_MS } from '../../electron/sandbox/sim/device-actions'
import { bindNew } from './device-helpers'
import { errorCode, signIn, testClock, tokenapi, withSandbox, type Json } from './helpers'
import { decodePayload, WsTestClient, type PushMessage } from './ws-client'

const clock = testClock()
let sb: RunningSandbox
let token: string
let homeId: string
let ws: WsTestClient
const call = (action: string, params: Json = {}) => tokenapi(sb, token, action, params)
const data = async (deviceId: string): Promise<Json> => JSON.parse((await call('AppGetDeviceData', { DeviceId: deviceId })).Response.Data) as Json
const pushesOf = (deviceId: string) => ws.pushes.filter((p) => p.params.DeviceId === deviceId)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  sb = await withSandbox({ simulate: false, clock: clock.now })
  token = await signIn(sb)
  homeId = [...sb.world.families.values()].find((f) => f.name === 'Home')!.familyId
})
afterAll(() => sb.close())
beforeEach(async () => {
  ws = await WsTestClient.connect(sb.wsUrl)
})
afterEach(() => ws.close())

/** A fresh device of the home, watched on the long connection. */
async function watched(kind: 'light' | 'camera' | 'plug') {
  const device = await bindNew(sb, call, kind, homeId)
  await ws.activePush(token, [device.DeviceId])
  return device
}

describe('AppControlDeviceData', () => {
  it('sets the values, then pushes Template/Push and Property/Report in order with one clientToken', async () => {
    const light = await watched('light')
    const body = await call('AppControlDeviceData', { AppId: 1111, ProductId: light.ProductId, DeviceName: light.DeviceName, Data: '{"brightness":37,"color":2}' })
    expect(body.Response).toEqual({ Data: '', RequestId: body.Response.RequestId })
    const values = await data(light.DeviceId)
    expect(values.brightness.Value).toBe(37)
    expect(values.color.Value).toBe(2)
    expect(values.brightness.LastUpdate).toBe(clock.now())
    const report = await ws.waitForPush((p) => p.params.DeviceId === light.DeviceId && p.params.Type === 'Property')
    const [control, reported] = pushesOf(light.DeviceId).slice(-2) as [PushMessage, PushMessage]
    expect(control.params).toMatchObject({ Type: 'Template', SubType: 'Push', Topic: '' })
    expect(reported).toBe(report)
    expect(reported.params).toMatchObject({ Type: 'Property', SubType: 'Report', Topic: `$thing/up/property/${light.DeviceId}` })
    expect(reported.params.Seq).toBe(control.params.Seq + 1)
    const sent = decodePayload(control)
    expect(sent).toEqual({ method: 'control', clientToken: expect.stringMatching(/^\d{9}::test-\d+$/), params: { brightness: 37, color: 2 } })
    expect(decodePayload(reported)).toMatchObject({ method: 'report', clientToken: sent.clientToken, params: { brightness: 37, color: 2 } })
  })

  it('refuses read-only, unknown and out-of-range properties and Data that is not a JSON object, changing nothing', async () => {
    const plug = await watched('plug')
    const before = await data(plug.DeviceId)
    const control = (json: string) => call('AppControlDeviceData', { ProductId: plug.ProductId, DeviceName: plug.DeviceName, Data: json })
    expect(errorCode(await control('{"power":12.5}'))).toBe('InvalidParameterValue')
    expect(errorCode(await control('{"power_switch":1,"colour":1}'))).toBe('InvalidParameterValue')
    expect(errorCode(await control('{"countdown":86401}'))).toBe('InvalidParameterValue')
    expect(errorCode(await control('power_switch=1'))).toBe('InvalidParameterValue')
    expect(errorCode(await control('[1]'))).toBe('InvalidParameterValue')
    expect(errorCode(await control('{}'))).toBe('InvalidParameterValue')
    expect(await data(plug.DeviceId)).toEqual(before)
    expect(pushesOf(plug.DeviceId)).toEqual([])
  })

  it('refuses an offline device (FailedOperation.DeviceOffline) and a device of another user', async () => {
    const light = await bindNew(sb, call, 'light', homeId)
    sb.control.setDeviceOnline(light.DeviceId, false)
    const request = { ProductId: light.ProductId, DeviceName: light.DeviceName, Data: '{"power_switch":1}' }
    expect(errorCode(await call('AppControlDeviceData', request))).toBe('FailedOperation.DeviceOffline')
    expect(errorCode(await call('AppCallDeviceActionSync', { ...request, ActionId: 'blink', InputParams: '{"times":1}' }))).toBe('FailedOperation.DeviceOffline')
    expect(errorCode(await call('AppCallDeviceActionAsync', { ...request, ActionId: 'blink', InputParams: '{"times":1}' }))).toBe('FailedOperation.DeviceOffline')
    sb.control.setDeviceOnline(light.DeviceId, true)
    const neighbour = await signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)
    expect(errorCode(await tokenapi(sb, neighbour, 'AppControlDeviceData', request))).toBe('InvalidParameterValue.NoPermission')
    expect(errorCode(await tokenapi(sb, neighbour, 'AppCallDeviceActionSync', { ...request, ActionId: 'blink', InputParams: '{"times":1}' })))
      .toBe('InvalidParameterValue.NoPermission')
  })
})

describe('AppCallDeviceActionSync', () => {
  it('answers the device\'s output at once, after Action/Push and Action/Report with the same clientToken', async () => {
    const light = await watched('light')
    const body = await call('AppCallDeviceActionSync', { ProductId: light.ProductId, DeviceName: light.DeviceName, ActionId: 'blink', InputParams: '{"times":3}' })
    expect(body.Response).toEqual({ ClientToken: expect.stringMatching(/::/), OutputParams: '{"result":1}', Status: 'succ', RequestId: expect.any(String) })
    await ws.waitForPush((p) => p.params.DeviceId === light.DeviceId && p.params.SubType === 'Report')
    const [push, reply] = pushesOf(light.DeviceId).map((p) => ({ type: `${p.params.Type}/${p.params.SubType}`, payload: decodePayload(p) }))
    expect(push).toEqual({
      type: 'Action/Push',
      payload: { method: 'action', clientToken: body.Response.ClientToken, actionId: 'blink', timestamp: Math.floor(clock.now() / 1000), params: { times: 3 } },
    })
    expect(reply).toEqual({
      type: 'Action/Report',
      payload: { method: 'action_reply', clientToken: body.Response.ClientToken, code: 0, status: 'succ', response: { result: 1 } },
    })
  })

  it('checks the action and its inputs against the data template', async () => {
    const camera = await watched('camera')
    const callAction = (actionId: string, input?: string) =>
      call('AppCallDeviceActionSync', { ProductId: camera.ProductId, DeviceName: camera.DeviceName, ActionId: actionId, ...(input === undefined ? {} : { InputParams: input }) })
    expect(errorCode(await callAction('blink', '{"times":1}'))).toBe('InvalidParameterValue')
    expect(errorCode(await callAction('ptz_control', '{"direction":1}'))).toBe('InvalidParameterValue')
    expect(errorCode(await callAction('ptz_control'))).toBe('InvalidParameterValue')
    expect(errorCode(await callAction('ptz_control', '{"direction":4,"step":1}'))).toBe('InvalidParameterValue')
    expect(errorCode(await callAction('ptz_control', '{"direction":1,"step":1,"speed":2}'))).toBe('InvalidParameterValue')
    expect(errorCode(await callAction('ptz_control', 'not json'))).toBe('InvalidParameterValue')
    expect(pushesOf(camera.DeviceId)).toEqual([])
    const ok = await callAction('ptz_control', '{"direction":"3","step":10}')
    expect(JSON.parse(ok.Response.OutputParams)).toEqual({ result: 1 })
  })
})

describe('AppCallDeviceActionAsync', () => {
  it('answers Sent, and the reply arrives later as an Action/Report push with the same clientToken', async () => {
    const camera = await watched('camera')
    const body = await call('AppCallDeviceActionAsync', { ProductId: camera.ProductId, DeviceName: camera.DeviceName, ActionId: 'ptz_control', InputParams: '{"direction":0,"step":2}' })
    expect(body.Response).toEqual({ ClientToken: expect.any(String), Status: 'Sent', RequestId: expect.any(String) })
    const clientToken = body.Response.ClientToken as string
    const call0 = await ws.waitForPush((p) => p.params.DeviceId === camera.DeviceId && p.params.Type === 'Action')
    expect(call0.params.SubType).toBe('Push')
    expect(pushesOf(camera.DeviceId).some((p) => p.params.SubType === 'Report')).toBe(false)
    const reply = await ws.waitForPush((p) => p.params.DeviceId === camera.DeviceId && p.params.Type === 'Action' && p.params.SubType === 'Report')
    expect(decodePayload(reply)).toEqual({ method: 'action_reply', clientToken, code: 0, status: 'succ', response: { result: 1 } })
  })

  it('lets the app answer for the device (AppPublishMsgAsDevice action_reply) instead of the simulated reply', async () => {
    const light = await watched('light')
    const body = await call('AppCallDeviceActionAsync', { ProductId: light.ProductId, DeviceName: light.DeviceName, ActionId: 'blink', InputParams: '{"times":2}' })
    const clientToken = body.Response.ClientToken as string
    const message = { method: 'action_reply', clientToken, code: 1, status: 'busy', response: { result: 0 } }
    const published = await call('AppPublishMsgAsDevice', {
      ProductId: light.ProductId, DeviceName: light.DeviceName, Topic: `$thing/up/action/${light.DeviceId}`, Payload: Buffer.from(JSON.stringify(message)).toString('base64'),
    })
    expect(published.Response).toEqual({ RequestId: expect.any(String) })
    await sleep(ACTION_REPLY_DELAY_MS + 200)
    const replies = pushesOf(light.DeviceId).filter((p) => p.params.SubType === 'Report' && p.params.Type === 'Action')
    expect(replies.map(decodePayload)).toEqual([message])
  })

  it('never answers for a device that went offline before replying', async () => {
    const light = await watched('light')
    await call('AppCallDeviceActionAsync', { ProductId: light.ProductId, DeviceName: light.DeviceName, ActionId: 'blink', InputParams: '{"times":2}' })
    sb.control.setDeviceOnline(light.DeviceId, false)
    await sleep(ACTION_REPLY_DELAY_MS + 200)
    expect(pushesOf(light.DeviceId).map((p) => `${p.params.Type}/${p.params.SubType}`)).toEqual(['Action/Push', 'StatusChange/Offline'])
  })
})

describe('reports as a device', () => {
  it('AppReportDataAsDevice updates read-only properties too, TimeStamp or Timestamp in milliseconds', async () => {
    const plug = await watched('plug')
    const body = await call('AppReportDataAsDevice', { DeviceId: plug.DeviceId, Data: '{"power":812.5,"energy":12.25}', TimeStamp: clock.now() })
    expect(body.Response).toEqual({ Data: '', RequestId: expect.any(String) })
    expect((await data(plug.DeviceId)).power.Value).toBe(812.5)
    const push = await ws.waitForPush((p) => p.params.DeviceId === plug.DeviceId && p.params.Type === 'Property')
    expect(decodePayload(push)).toMatchObject({ method: 'report', params: { power: 812.5, energy: 12.25 } })
    expect(errorCode(await call('AppReportDataAsDevice', { DeviceId: plug.DeviceId, Data: '{"power":1}', Timestamp: clock.now() }))).toBeUndefined()
    expect(errorCode(await call('AppReportDataAsDevice', { DeviceId: plug.DeviceId, Data: '{"power":1}', Timestamp: Math.floor(clock.now() / 1000) }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppReportDataAsDevice', { DeviceId: plug.DeviceId, Data: '{"power":99999}', Timestamp: clock.now() }))).toBe('InvalidParameterValue')
    expect(errorCode(await call('AppReportDataAsDevice', { DeviceId: plug.DeviceId, Data: '{"power":1}' }))).toBe('ErrorRequiredParamNotFound')
  })

  it('AppReportDeviceEvent posts a template event (Event/Report) and checks its parameters', async () => {
    const light = await watched('light')
    const body = await call('AppReportDeviceEvent', { DeviceId: light.DeviceId, EventId: 'low_voltage', Params: '{"voltage":3.1}', Method: 'ReportEventAsDevice' })
    expect(body.Response).toEqual({ Data: '', RequestId: expect.any(String) })
    const push = await ws.waitForPush((p) => p.params.DeviceId === light.DeviceId && p.params.Type === 'Event')
    expect(push.params.Topic).toBe(`$thing/up/event/${light.DeviceId}`)
    expect(decodePayload(push)).toMatchObject({ method: 'event_post', eventId: 'low_voltage', type: 'alert', params: { voltage: 3.1 } })
    const report = (extra: Json) => call('AppReportDeviceEvent', { DeviceId: light.DeviceId, EventId: 'low_voltage', Params: '{"voltage":3.1}', ...extra })
    expect(errorCode(await report({ EventTimeStamp: clock.now() }))).toBeUndefined()
    expect(errorCode(await report({ EventId: 'overload' }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ Params: '{"volts":3}' }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ Method: 'post' }))).toBe('InvalidParameterValue')
    expect(errorCode(await report({ EventTimeStamp: 1_700_000_000 }))).toBe('InvalidParameterValue')
  })

  it('AppPublishMsgAsDevice takes property reports and events on the device\'s own up topics', async () => {
    const light = await watched('light')
    const publish = (kind: string, message: Json, deviceId = light.DeviceId) => call('AppPublishMsgAsDevice', {
      ProductId: light.ProductId, DeviceName: light.DeviceName, Topic: `$thing/up/${kind}/${deviceId}`, Payload: Buffer.from(JSON.stringify(message)).toString('base64'),
    })
    expect(errorCode(await publish('property', { method: 'report', clientToken: 'app-1', params: { brightness: 64 } }))).toBeUndefined()
    expect((await data(light.DeviceId)).brightness.Value).toBe(64)
    expect(errorCode(await publish('event', { method: 'event_post', clientToken: 'app-2', eventId: 'status_report', params: { status: 1, message: 'hot' } }))).toBeUndefined()
    await ws.waitForPush((p) => p.params.DeviceId === light.DeviceId && p.params.Type === 'Event')
    expect(pushesOf(light.DeviceId).map((p) => [p.params.Type, decodePayload(p).clientToken])).toEqual([['Property', 'app-1'], ['Event', 'app-2']])
    const other = sb.world.devicesIn(homeId).find((d) => d.deviceType === 0 && d.deviceId !== light.DeviceId)!
    expect(errorCode(await publish('property', { method: 'report', params: { brightness: 1 } }, other.deviceId))).toBe('InvalidParameterValue')
    expect(errorCode(await publish('property', { method: 'report', params: { brightness: 101 } }))).toBe('InvalidParameterValue')
    expect(errorCode(await publish('action', { method: 'report', params: {} }))).toBe('InvalidParameterValue')
    const garbage = await call('AppPublishMsgAsDevice', { ProductId: light.ProductId, DeviceName: light.DeviceName, Topic: `$thing/up/property/${light.DeviceId}`, Payload: 'e1wibGlnaHRfc3dpdGN0XCI6MH0=' })
    expect(errorCode(garbage)).toBe('InvalidParameterValue')
  })

  it('refuses offline devices (BindDeviceNotConnected) and other users', async () => {
    const light = await bindNew(sb, call, 'light', homeId)
    sb.control.setDeviceOnline(light.DeviceId, false)
    expect(errorCode(await call('AppReportDataAsDevice', { DeviceId: light.DeviceId, Data: '{"brightness":1}', Timestamp: clock.now() })))
      .toBe('InvalidParameterValue.BindDeviceNotConnected')
    expect(errorCode(await call('AppReportDeviceEvent', { DeviceId: light.DeviceId, EventId: 'low_voltage', Params: '{}' })))
      .toBe('InvalidParameterValue.BindDeviceNotConnected')
    sb.control.setDeviceOnline(light.DeviceId, true)
    const neighbour = await signIn(sb, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)
    expect(errorCode(await tokenapi(sb, neighbour, 'AppReportDataAsDevice', { DeviceId: light.DeviceId, Data: '{"brightness":1}', Timestamp: clock.now() })))
      .toBe('InvalidParameterValue.NoPermission')
  })
})
