/**
 * Fault injection and the sandbox's levers: latency, error rate, the loopback-only control
 * endpoint, failing upgrades, the CLI flags, and the `?cmd=Action` form of the token API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { SandboxCloud } from '../../electron/sandbox/cloud'
import { simulationOptions } from '../../electron/sandbox/control/cli-flags'
import { isLoopback, runCommand } from '../../electron/sandbox/control/control-endpoint'
import { SandboxControl } from '../../electron/sandbox/control/sandbox-control'
import { resolveOptions } from '../../electron/sandbox/options'
import { PushServer } from '../../electron/sandbox/ws/push-server'
import { appapi, errorCode, nextRequestId, post, sign, signIn, tokenapi, withSandbox, type Json } from './helpers'
import { WsTestClient } from './ws-client'

let sb: RunningSandbox
let token: string

beforeAll(async () => {
  sb = await withSandbox({ simulate: false })
  token = await signIn(sb)
})
afterAll(() => sb.close())

const controlUrl = () => `${sb.url}/_sandbox/control`
const someDevice = () => [...sb.world.devices.values()].find((d) => d.online && d.deviceName.startsWith('light'))!

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

describe('latency', () => {
  it('delays every API answer by the injected latency, and stops when set back to 0', async () => {
    sb.control.setLatency(150)
    try {
      expect(await timed(() => tokenapi(sb, token, 'AppGetFamilyList'))).toBeGreaterThanOrEqual(140)
      expect(await timed(() => signIn(sb))).toBeGreaterThanOrEqual(140)
    } finally {
      sb.control.setLatency(0)
    }
    expect(await timed(() => tokenapi(sb, token, 'AppGetFamilyList'))).toBeLessThan(140)
  })

  it('starts with the latencyMs option', async () => {
    const slow = await withSandbox({ simulate: false, latencyMs: 120 })
    try {
      expect(await timed(() => signIn(slow))).toBeGreaterThanOrEqual(110)
    } finally {
      await slow.close()
    }
  })
})

describe('error rate', () => {
  it('at 1 fails every tokenapi call with InternalServerError, RequestId echoed; sign-in still works', async () => {
    await post(controlUrl(), { command: 'errors.set', errorRate: 1 })
    try {
      const body = (await post(`${sb.baseUrl}/tokenapi`, { Action: 'AppGetFamilyList', RequestId: 'r-err', AccessToken: token })).json
      expect(body).toEqual({ Response: { Error: { Code: 'InternalServerError', Message: expect.any(String) }, RequestId: 'r-err' } })
      expect(typeof (await signIn(sb))).toBe('string')
      const client = await WsTestClient.connect(sb.wsUrl)
      const answer = await client.heartbeat(token, [])
      client.close()
      expect(answer).toMatchObject({ error: '-1', error_message: 'Error connecting with backend, contact the admin', data: {} })
    } finally {
      sb.control.setErrorRate(0)
    }
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList'))).toBeUndefined()
  })

  it('is refused outside 0..1', () => {
    expect(() => sb.control.setErrorRate(1.5)).toThrow(/errorRate/)
    expect(() => resolveOptions({ errorRate: -0.1 })).toThrow(RangeError)
  })
})

describe('control endpoint', () => {
  it('answers only loopback peers', () => {
    for (const ok of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(ok), ok).toBe(true)
    for (const no of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined]) expect(isLoopback(no), String(no)).toBe(false)
  })

  it('takes devices offline and online with StatusChange pushes', async () => {
    const device = someDevice()
    const before = sb.pushCount
    expect((await post(controlUrl(), { command: 'device.offline', deviceId: device.deviceId })).json).toEqual({ ok: true })
    expect(sb.world.isOnline(device.deviceId)).toBe(false)
    const statuses = (await tokenapi(sb, token, 'AppGetDeviceStatuses', { DeviceIds: [device.deviceId] })).Response
    expect(JSON.stringify(statuses)).toContain(device.deviceId)
    expect((await post(controlUrl(), { command: 'device.online', deviceId: device.deviceId })).json).toEqual({ ok: true })
    expect(sb.world.isOnline(device.deviceId)).toBe(true)
    expect(sb.pushCount).toBe(before + 2)
  })

  it('reports values and events on demand, checked against the template', async () => {
    const device = someDevice()
    expect((await post(controlUrl(), { command: 'device.report', deviceId: device.deviceId, data: { brightness: 64 } })).status).toBe(200)
    expect(sb.world.devices.get(device.deviceId)!.properties.get('brightness')!.value).toBe(64)
    expect((await post(controlUrl(), { command: 'device.report', deviceId: device.deviceId, data: { brightness: 101 } })).status).toBe(400)
    const event = await post(controlUrl(), { command: 'device.event', deviceId: device.deviceId, eventId: 'low_voltage', params: { voltage: 3.3 } })
    expect(event.json).toEqual({ ok: true })
  })

  it('refuses bad commands with 400 and other methods with 405', async () => {
    expect((await post(controlUrl(), { command: 'nope' })).status).toBe(400)
    expect((await post(controlUrl(), 'not json')).status).toBe(400)
    expect((await post(controlUrl(), { command: 'device.offline', deviceId: 'X/none' })).json.ok).toBe(false)
    expect((await post(controlUrl(), { command: 'latency.set', latencyMs: -1 })).status).toBe(400)
    expect((await fetch(controlUrl())).status).toBe(405)
  })

  it('reports status', async () => {
    const status = (await post(controlUrl(), { command: 'status' })).json
    expect(status).toMatchObject({ ok: true, pushes: sb.pushCount, sockets: expect.any(Number), delivered: expect.any(Number) })
  })

  it('upgrade.fail marks the device for the OTA engine (faults.takeUpgradeFailure)', () => {
    const cloud = new SandboxCloud(resolveOptions({ simulate: false }))
    const sockets = new PushServer(cloud)
    const control = new SandboxControl(cloud, cloud.simulation.presence, sockets)
    const deviceId = [...cloud.world.devices.keys()][0]!
    expect(runCommand(control, JSON.stringify({ command: 'upgrade.fail', deviceId }))).toEqual([200, { ok: true }])
    expect(cloud.faults.takeUpgradeFailure(deviceId)).toBe(true)
    expect(cloud.faults.takeUpgradeFailure(deviceId)).toBe(false)
    expect(runCommand(control, JSON.stringify({ command: 'upgrade.fail', deviceId: 'no/such' }))[0]).toBe(400)
    sockets.close()
    cloud.stop()
  })
})

describe('CLI flags', () => {
  it('turn into options', () => {
    expect(simulationOptions({
      'no-simulate': true, latency: '200', jitter: '50', 'error-rate': '0.25', 'drop-ws-every': '30', 'heartbeat-timeout': '5000', 'sim-speed': '60', churn: '2',
    })).toEqual({
      simulate: false, latencyMs: 200, jitterMs: 50, errorRate: 0.25, dropWsEverySeconds: 30, heartbeatTimeoutMs: 5000, simSpeed: 60, churnRate: 2,
    })
    expect(() => simulationOptions({ latency: 'soon' })).toThrow(/--latency/)
  })
})

describe('?cmd= form', () => {
  const tokenUrl = (cmd: string) => `${sb.baseUrl}/tokenapi?cmd=${cmd}`

  it('takes the Action from the query when the body has none, or the same', async () => {
    const bare = (await post(tokenUrl('AppGetFamilyList'), { RequestId: nextRequestId(), AccessToken: token })).json
    expect(errorCode(bare), JSON.stringify(bare)).toBeUndefined()
    expect(bare.Response.FamilyList.length).toBeGreaterThan(0)
    const same = (await post(tokenUrl('AppGetFamilyList'), { Action: 'AppGetFamilyList', RequestId: nextRequestId(), AccessToken: token })).json
    expect(errorCode(same)).toBeUndefined()
  })

  it('refuses a body Action that contradicts the query', async () => {
    const body = (await post(tokenUrl('AppGetFamilyList'), { Action: 'AppGetRoomList', RequestId: nextRequestId(), AccessToken: token })).json
    expect(errorCode(body)).toBe('InvalidAction')
  })

  it('works for signed appapi calls, the signature taken over the body as sent', async () => {
    const body: Json = {
      RequestId: nextRequestId(), AppKey: sb.appKey, Timestamp: Math.floor(Date.now() / 1000), Nonce: 424242,
      Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password,
    }
    body.Signature = sign(body, sb.appSecret)
    const json = (await post(`${sb.baseUrl}/appapi?cmd=AppGetToken`, body)).json
    expect(json.Response.Data.Token).toMatch(/^[0-9a-f]{40}$/)
    // And the ordinary form still works beside it.
    expect(errorCode(await appapi(sb, 'AppGetToken', { Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password }))).toBeUndefined()
  })
})
