/**
 * The long connection: ActivePush subscriptions, heartbeats and their lapse, DeviceChange
 * pushes (shape, Seq, Base64 payload), permissions, both paths, and dropped sockets.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { MAX_BUFFERED_BYTES, PushConnection } from '../../electron/sandbox/ws/connection'
import { post, signIn, testClock, tokenapi, withSandbox, type Json } from './helpers'
import { decodePayload, WsTestClient, type PushMessage } from './ws-client'
import { closeCodeOf, rawExchange, statusOf, upgradeRequest, wsFrame } from '../support/raw-ws'

const clock = testClock()
const TIMEOUT_MS = 60_000
let sb: RunningSandbox
let token: string
const clients: WsTestClient[] = []

beforeAll(async () => {
  sb = await withSandbox({ simulate: false, devices: 200, clock: clock.now, heartbeatTimeoutMs: TIMEOUT_MS })
  token = await signIn(sb)
})
afterEach(() => {
  for (const c of clients.splice(0)) c.close()
})
afterAll(() => sb.close())

async function connect(url = sb.wsUrl): Promise<WsTestClient> {
  const client = await WsTestClient.connect(url)
  clients.push(client)
  return client
}

/** Online lights of the demo account's home; distinct ones per test keep Seq checks simple. */
function demoLights(count: number, skip = 0): string[] {
  const home = sb.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
  const lights = sb.world.devicesIn(home.familyId).filter((d) => d.deviceName.startsWith('light') && d.online)
  const picked = lights.slice(skip, skip + count).map((d) => d.deviceId)
  if (picked.length < count) throw new Error('not enough online lights in the demo home')
  return picked
}

function neighbourDevice(): string {
  const flat = [...sb.world.families.values()].find((f) => f.ownerId === NEIGHBOUR_ACCOUNT.userId && !f.members.has(DEMO_ACCOUNT.userId))!
  return sb.world.devicesIn(flat.familyId)[0]!.deviceId
}

async function control(deviceId: string, data: Record<string, unknown>): Promise<Json> {
  const [ProductId, DeviceName] = deviceId.split('/')
  return tokenapi(sb, token, 'AppControlDeviceData', { ProductId, DeviceName, Data: JSON.stringify(data) })
}

/** A report on `sentinel` after the actions under test: once it arrives, earlier pushes would have too. */
async function flush(client: WsTestClient, sentinel: string): Promise<void> {
  sb.control.reportProperties(sentinel, { brightness: 42 })
  await client.waitForPush((p) => p.params.DeviceId === sentinel && decodePayload(p).params?.brightness === 42)
}

const pushesFor = (client: WsTestClient, deviceId: string) => client.pushes.filter((p) => p.params.DeviceId === deviceId)

describe('ActivePush', () => {
  it('subscribes the listed devices and answers {deviceIds} with the request reqId', async () => {
    const client = await connect()
    const ids = demoLights(2)
    const answer = await client.request('ActivePush', { DeviceIds: ids, AccessToken: token }, 'req0001')
    expect(answer).toEqual({ reqId: 'req0001', error: '', error_message: '', data: { deviceIds: ids } })
  })

  it('accepts the SDK path /ws/explorer?uin=&cId= as well', async () => {
    const client = await connect(`${sb.url.replace('http', 'ws')}/ws/explorer?uin=100000001&cId=desk-1`)
    const answer = await client.activePush(token, demoLights(1))
    expect(answer.data.deviceIds).toHaveLength(1)
  })

  it('refuses other paths', async () => {
    await expect(WsTestClient.connect(`${sb.url.replace('http', 'ws')}/elsewhere`)).rejects.toThrow()
  })

  it('leaves out devices the user may not read', async () => {
    const client = await connect()
    const [own] = demoLights(1)
    const foreign = neighbourDevice()
    const answer = await client.activePush(token, [own!, foreign, 'NOPRODUCT/none'])
    expect(answer.error).toBe('')
    expect(answer.data.deviceIds).toEqual([own])
    sb.control.reportProperties(foreign, { power_switch: 1 })
    await flush(client, own!)
    expect(pushesFor(client, foreign)).toHaveLength(0)
  })

  it('refuses a bad token: nothing subscribed, the reason in data.Response.Error', async () => {
    const client = await connect()
    const answer = await client.activePush('not-a-token', demoLights(1))
    expect(answer.error).toBe('')
    expect(answer.data.deviceIds).toEqual([])
    expect(answer.data.Response.Error.Code).toBe('InvalidParameterValue.InvalidAccessToken')
  })

  it('replaces the subscription on a second call', async () => {
    const client = await connect()
    const [a, b] = demoLights(2, 2)
    await client.activePush(token, [a!])
    expect((await client.activePush(token, [b!])).data.deviceIds).toEqual([b])
    sb.control.reportProperties(a!, { brightness: 7 })
    await flush(client, b!)
    expect(pushesFor(client, a!)).toHaveLength(0)
  })
})

describe('DeviceChange pushes', () => {
  it('delivers a control and the device report for a subscribed device, none for another', async () => {
    const client = await connect()
    const [watched, other] = demoLights(2, 4)
    await client.activePush(token, [watched!])
    expect((await control(other!, { brightness: 30 })).Response.Error).toBeUndefined()
    expect((await control(watched!, { brightness: 55 })).Response.Error).toBeUndefined()
    const template = await client.waitForPush((p) => p.params.DeviceId === watched && p.params.Type === 'Template')
    expect(template).toMatchObject({ action: 'DeviceChange', push: true, params: { SubType: 'Push', Topic: '' } })
    expect(template).not.toHaveProperty('reqId')
    expect(decodePayload(template)).toMatchObject({ method: 'control', params: { brightness: 55 } })
    const report = await client.waitForPush((p) => p.params.DeviceId === watched && p.params.Type === 'Property')
    expect(report.params).toMatchObject({ SubType: 'Report', Topic: `$thing/up/property/${watched}` })
    expect(decodePayload(report)).toMatchObject({ method: 'report', params: { brightness: 55 } })
    expect(report.params.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    expect(pushesFor(client, other!)).toHaveLength(0)
  })

  it('numbers pushes with a Seq increasing per device', async () => {
    const client = await connect()
    const [a, b] = demoLights(2, 6)
    await client.activePush(token, [a!, b!])
    for (let i = 0; i < 3; i++) {
      sb.control.reportProperties(a!, { brightness: 10 + i })
      sb.control.reportProperties(b!, { brightness: 20 + i })
    }
    await client.waitForPushCount(6)
    for (const id of [a!, b!]) {
      const seqs = pushesFor(client, id).map((p) => p.params.Seq)
      expect(seqs).toHaveLength(3)
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
      expect(new Set(seqs).size).toBe(3)
    }
  })

  it('pushes StatusChange Offline/Online with a Base64 JSON payload', async () => {
    const client = await connect()
    const [id] = demoLights(1, 8)
    await client.activePush(token, [id!])
    sb.control.setDeviceOnline(id!, false)
    sb.control.setDeviceOnline(id!, true)
    await client.waitForPushCount(2)
    const [off, on] = client.pushes as [PushMessage, PushMessage]
    expect([off.params.Type, off.params.SubType, on.params.SubType]).toEqual(['StatusChange', 'Offline', 'Online'])
    expect(decodePayload(off)).toEqual({ DeviceId: id, Online: 0 })
    expect(decodePayload(on)).toEqual({ DeviceId: id, Online: 1 })
  })

  it('stops when the token is revoked', async () => {
    const own = await signIn(sb)
    const client = await connect()
    const [a, b] = demoLights(2, 10)
    await client.activePush(own, [a!])
    sb.revokeToken(own)
    sb.control.reportProperties(a!, { brightness: 3 })
    await client.activePush(token, [b!])
    await flush(client, b!)
    expect(pushesFor(client, a!)).toHaveLength(0)
  })
})

describe('heartbeat (YunApi AppDeviceTraceHeartBeat)', () => {
  it('answers data.Response.RequestId', async () => {
    const client = await connect()
    const ids = demoLights(1)
    await client.activePush(token, ids)
    const answer = await client.request('YunApi', {
      Action: 'AppDeviceTraceHeartBeat',
      ActionParams: { DeviceIds: ids, AccessToken: token, RequestId: 'rest-client' },
    }, 'req0001')
    expect(answer).toEqual({ reqId: 'req0001', error: '', error_message: '', data: { Response: { RequestId: 'rest-client' } } })
  })

  it('keeps a subscription alive; without it the subscription lapses until ActivePush again', async () => {
    const client = await connect()
    const [kept, lapsing] = demoLights(2, 12)
    await client.activePush(token, [kept!, lapsing!])
    clock.advance(TIMEOUT_MS - 1000)
    await client.heartbeat(token, [kept!])
    clock.advance(2000)
    sb.control.reportProperties(lapsing!, { brightness: 1 })
    await flush(client, kept!)
    expect(pushesFor(client, lapsing!)).toHaveLength(0)
    clock.advance(TIMEOUT_MS + 1)
    sb.control.reportProperties(kept!, { brightness: 2 })
    await client.activePush(token, [lapsing!])
    await flush(client, lapsing!)
    expect(pushesFor(client, kept!).filter((p) => decodePayload(p).params.brightness === 2)).toHaveLength(0)
  })

  it('answers logic errors in data.Response.Error: bad token, foreign device, foreign product', async () => {
    const client = await connect()
    const ids = demoLights(1)
    const code = async (accessToken: string, deviceIds: string[]) => (await client.heartbeat(accessToken, deviceIds)).data.Response.Error?.Code
    expect(await code('expired', ids)).toBe('InvalidParameterValue.InvalidAccessToken')
    expect(await code(token, [neighbourDevice()])).toBe('InvalidParameterValue.NoPermission')
    expect(await code(token, ['ZZZZZZZZZZ/dev'])).toBe('UnauthorizedOperation.APPNoPermissionToStudioProduct')
    const answer = await client.heartbeat('expired', ids)
    expect([answer.error, answer.error_message]).toEqual(['', ''])
  })
})

describe('the connection', () => {
  it('tunnels other tokenapi Actions through YunApi', async () => {
    const client = await connect()
    const answer = await client.request('YunApi', { Action: 'AppGetFamilyList', ActionParams: { AccessToken: token, RequestId: 'r-1', Limit: 10 } })
    expect(answer.error).toBe('')
    expect(answer.data.Response.RequestId).toBe('r-1')
    expect(answer.data.Response.FamilyList.length).toBeGreaterThan(0)
  })

  it('answers tunnelled calls in the documented envelope when HTTP is wrapped', async () => {
    const wrapped = await withSandbox({ simulate: false, envelope: 'wrapped' })
    try {
      const client = await WsTestClient.connect(wrapped.wsUrl)
      const answer = await client.request('YunApi', { Action: 'AppGetFamilyList', ActionParams: { AccessToken: await signIn(wrapped), RequestId: 'r-2' } })
      client.close()
      expect(answer.data.Response).toMatchObject({ RequestId: 'r-2', FamilyList: expect.any(Array) })
    } finally {
      await wrapped.close()
    }
  })

  it('answers a malformed or unknown request with error "-1"', async () => {
    const client = await connect()
    expect(await client.request('Unknown', {}, 'x1')).toMatchObject({ reqId: 'x1', error: '-1', data: {} })
    expect(await client.raw('not json', '')).toMatchObject({ error: '-1' })
  })

  it('answers 400 to an upgrade whose target is not a URL, and keeps serving', async () => {
    const answer = await rawExchange(sb.port, [upgradeRequest('//[')])
    expect(statusOf(answer.bytes)).toBe(400)
    for (let i = 0; i < 20; i++) await rawExchange(sb.port, [upgradeRequest('/ws/explorer').subarray(0, 40 + i)], 200, true)
    expect(await (await connect()).request('Unknown', {}, 'x2')).toMatchObject({ reqId: 'x2', error: '-1' })
  })

  it('closes a socket that breaks the protocol (invalid UTF-8, reserved opcode, unmasked, oversize), alone', async () => {
    const open = upgradeRequest('/iotstudio_v2_weapp_1')
    const cases: [Buffer, number][] = [
      [wsFrame(1, Buffer.from([0xff, 0xfe, 0xfd])), 1007],
      [wsFrame(11, Buffer.alloc(0)), 1002],
      [wsFrame(1, Buffer.from('{}'), { mask: false }), 1002],
      [wsFrame(1, Buffer.alloc(0), { claimedLength: 2 ** 31 }), 1009],
    ]
    for (const [frame, code] of cases) {
      const answer = await rawExchange(sb.port, [open, frame])
      expect(closeCodeOf(answer.bytes)).toBe(code)
    }
    expect(await (await connect()).request('Unknown', {}, 'x3')).toMatchObject({ reqId: 'x3', error: '-1' })
  })

  it('drops every socket on control.dropAllSockets() and on the control endpoint', async () => {
    const a = await connect()
    const b = await connect()
    expect(sb.control.dropAllSockets()).toBeGreaterThanOrEqual(2)
    await Promise.all([a.waitForClose(), b.waitForClose()])
    const c = await connect()
    const res = await post(`${sb.url}/_sandbox/control`, { command: 'ws.dropAll' })
    expect(res).toMatchObject({ status: 200, json: { ok: true } })
    await c.waitForClose()
  })

  it('drops a slow consumer instead of buffering without bound', () => {
    const socket = { readyState: 1, OPEN: 1, bufferedAmount: MAX_BUFFERED_BYTES + 1, send: vi.fn(), terminate: vi.fn() }
    const conn = new PushConnection(socket as never, {})
    expect(conn.send('{}')).toBe(false)
    expect(socket.terminate).toHaveBeenCalledOnce()
    expect(socket.send).not.toHaveBeenCalled()
  })

  it('closes sockets every --drop-ws-every seconds', async () => {
    const dropping = await withSandbox({ simulate: false, dropWsEverySeconds: 0.2 })
    try {
      const client = await WsTestClient.connect(dropping.wsUrl)
      await client.waitForClose(2000)
    } finally {
      await dropping.close()
    }
  })
})
