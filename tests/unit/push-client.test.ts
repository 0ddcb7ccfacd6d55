import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import type { ConnectionState } from '../../shared/domain'
import type { DeviceEvent } from '../../shared/live'
import { PushClient, type PushClientOptions } from '../../electron/core/push/push-client'

interface Received {
  action: string
  reqId: string
  params: Record<string, unknown>
}

/** A fake long-connection cloud: records requests, answers as told, pushes on demand. */
async function fakeCloud(answer: (req: Received) => object | null = () => ({ error: '', error_message: '', data: {} })) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const requests: Received[] = []
  const sockets: WebSocket[] = []
  wss.on('connection', (ws) => {
    sockets.push(ws)
    ws.on('message', (data) => {
      const req = JSON.parse(data.toString()) as Received
      requests.push(req)
      const reply = answer(req)
      if (reply) ws.send(JSON.stringify({ reqId: req.reqId, ...reply }))
    })
  })
  const push = (params: Record<string, unknown>) => {
    for (const ws of sockets) ws.send(JSON.stringify({ push: true, action: 'DeviceChange', params }))
  }
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/iotstudio_v2_weapp_1`,
    requests,
    sockets,
    push,
    dropAll: () => sockets.splice(0).forEach((ws) => ws.terminate()),
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64')
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}

let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

function client(url: string, extra: Partial<PushClientOptions> = {}) {
  const events: DeviceEvent[] = []
  const states: ConnectionState[] = []
  const resyncs: string[][] = []
  let rejected = 0
  const c = new PushClient({
    url,
    token: () => 'token-abc',
    onEvent: (e) => events.push(e),
    onState: (s) => states.push(s),
    onResync: (ids) => resyncs.push([...ids]),
    onTokenRejected: () => (rejected += 1),
    backoffBaseMs: 10,
    backoffCapMs: 80,
    ...extra,
  })
  cleanup.push(() => c.stop())
  return { c, events, states, resyncs, rejected: () => rejected }
}

describe('PushClient', () => {
  it('subscribes with ActivePush, goes live and asks for a resync', async () => {
    const cloud = await fakeCloud()
    cleanup.push(cloud.close)
    const { c, states, resyncs } = client(cloud.url)
    c.watch(['P1/a', 'P1/b'])
    c.start()
    await until(() => states.at(-1)?.status === 'live')
    expect(cloud.requests[0]).toMatchObject({ action: 'ActivePush', params: { DeviceIds: ['P1/a', 'P1/b'], AccessToken: 'token-abc' } })
    expect(resyncs).toEqual([['P1/a', 'P1/b']])
    c.watch(['P1/c'])
    await until(() => cloud.requests.length === 2)
    expect(cloud.requests[1]?.params.DeviceIds).toEqual(['P1/c'])
  })

  it('beats the heartbeat as YunApi AppDeviceTraceHeartBeat', async () => {
    const cloud = await fakeCloud()
    cleanup.push(cloud.close)
    const { c } = client(cloud.url, { heartbeatMs: 30 })
    c.watch(['P1/a'])
    c.start()
    await until(() => cloud.requests.filter((r) => r.action === 'YunApi').length >= 2)
    const beat = cloud.requests.find((r) => r.action === 'YunApi')!
    expect(beat.params).toMatchObject({ Action: 'AppDeviceTraceHeartBeat', ActionParams: { DeviceIds: ['P1/a'], AccessToken: 'token-abc' } })
  })

  it('decodes pushes (NUL bytes stripped) and drops a repeated (DeviceId, Seq)', async () => {
    const cloud = await fakeCloud()
    cleanup.push(cloud.close)
    const { c, events, states } = client(cloud.url)
    c.start()
    await until(() => states.at(-1)?.status === 'live')
    const report = { method: 'report', clientToken: 't1', params: { brightness: 40 } }
    const withNul = Buffer.concat([Buffer.from(JSON.stringify(report)), Buffer.from([0, 0])]).toString('base64')
    const push = { Time: '2023-07-13T14:19:48+08:00', Type: 'Property', SubType: 'Report', Topic: '', Payload: withNul, Seq: 7, DeviceId: 'P1/a' }
    cloud.push(push)
    cloud.push(push)
    cloud.push({ ...push, Type: 'StatusChange', SubType: 'Offline', Payload: b64({ DeviceId: 'P1/a', Online: 0 }), Seq: 8 })
    cloud.push({ ...push, Type: 'Event', SubType: 'Report', Payload: Buffer.from('not json').toString('base64'), Seq: 9 })
    await until(() => events.length === 3)
    expect(events[0]).toMatchObject({ kind: 'property', source: 'report', deviceId: 'P1/a', seq: 7, values: { brightness: 40 } })
    expect(events[1]).toMatchObject({ kind: 'status', online: false, seq: 8 })
    expect(events[2]).toMatchObject({ kind: 'other', type: 'Event', seq: 9 })
  })

  it('counts, logs and drops malformed frames, and keeps the connection', async () => {
    const cloud = await fakeCloud()
    cleanup.push(cloud.close)
    const logged: Record<string, unknown>[] = []
    const { c, events, states } = client(cloud.url, { log: (_message, detail) => logged.push(detail) })
    c.start()
    await until(() => states.at(-1)?.status === 'live')
    const good = { Time: 't', Type: 'StatusChange', SubType: 'Online', Topic: '', Payload: b64({ Online: 1 }), Seq: 1, DeviceId: 'P1/a' }
    const hostile: (string | Buffer)[] = [
      'null', '42', '"text"', '[1,2]', 'true', '{"push": true', 'garbage',
      Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      JSON.stringify({ push: true, action: 'DeviceChange', params: null }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: [] }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...good, DeviceId: 7 } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...good, Payload: '%%% not base64 %%%' } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...good, Payload: { Online: 1 } } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...good, Seq: 'seven' } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...good, Type: null } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...good, Topic: ['x'] } }),
      JSON.stringify({ push: true, action: 'Nope', params: good }),
      JSON.stringify({ reqId: 'x', error: { nested: true } }),
      JSON.stringify({ hello: 'world' }),
    ]
    for (const frame of hostile) for (const ws of cloud.sockets) ws.send(frame, { binary: typeof frame !== 'string' })
    cloud.push(good)
    await until(() => events.length === 1)
    expect(events[0]).toMatchObject({ kind: 'status', deviceId: 'P1/a', online: true })
    expect(c.stats).toEqual({ pushes: 1, droppedFrames: hostile.length, lastDropReason: 'neither a push nor an answer' })
    expect(states.some((s) => s.status === 'retrying')).toBe(false)
    // The first drop is logged at once; the rest are gathered into the next line (a minute on).
    expect(logged).toEqual([{ reason: 'not a JSON object (null)', dropped: 1, droppedTotal: 1 }])
  })

  it('reconnects after a drop with capped, jittered backoff, then resubscribes and resyncs', async () => {
    const cloud = await fakeCloud()
    cleanup.push(cloud.close)
    const { c, states, resyncs } = client(cloud.url)
    c.watch(['P1/a'])
    c.start()
    await until(() => resyncs.length === 1)
    for (let drop = 2; drop <= 4; drop++) {
      cloud.dropAll()
      await until(() => resyncs.length === drop)
    }
    const retries = states.filter((s) => s.status === 'retrying')
    expect(retries.length).toBe(3)
    for (const r of retries) expect(r.retryInMs).toBeLessThanOrEqual(80)
    expect(cloud.requests.filter((r) => r.action === 'ActivePush')).toHaveLength(4)
  })

  it('keeps retrying with growing delays up to the cap while the cloud is down', async () => {
    const cloud = await fakeCloud()
    const url = cloud.url
    await cloud.close()
    const { c, states } = client(url)
    c.start()
    await until(() => states.filter((s) => s.status === 'retrying').length >= 6, 5000)
    const delays = states.filter((s) => s.status === 'retrying').map((s) => s.retryInMs ?? 0)
    expect(delays[0]).toBeLessThanOrEqual(10)
    expect(Math.max(...delays)).toBeLessThanOrEqual(80)
    expect(Math.max(...delays.slice(3))).toBeGreaterThan(20)
  })

  it('treats an unanswered heartbeat as a dead connection', async () => {
    let mute = false
    const cloud = await fakeCloud(() => (mute ? null : { error: '', error_message: '', data: {} }))
    cleanup.push(cloud.close)
    const { c, states } = client(cloud.url, { heartbeatMs: 20, answerTimeoutMs: 50 })
    c.start()
    await until(() => states.at(-1)?.status === 'live')
    mute = true
    await until(() => states.some((s) => s.status === 'retrying'))
    mute = false
    await until(() => states.at(-1)?.status === 'live')
  })

  it('stops and reports a refused token', async () => {
    const cloud = await fakeCloud(() => ({
      error: '',
      error_message: '',
      data: { Response: { Error: { Code: 'InvalidParameterValue.InvalidAccessToken', Message: 'bad' } } },
    }))
    cleanup.push(cloud.close)
    const { c, states, rejected } = client(cloud.url)
    c.start()
    await until(() => rejected() === 1)
    expect(states.at(-1)).toMatchObject({ status: 'offline' })
  })
})
