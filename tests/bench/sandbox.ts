/**
 * `npm run bench -- sandbox`: the sandbox cloud's throughput on loopback.
 * - sandbox.signed_req_per_s: authenticated tokenapi AppGetDeviceData calls per second
 *   (keep-alive HTTP, a few concurrent clients, 3 s);
 * - sandbox.appapi_signed_req_per_s: HMAC-signed appapi AppGetToken sign-ins per second;
 * - sandbox.pushes_per_s: DeviceChange pushes per second received by one WebSocket client
 *   subscribed to 1,000 devices, each device reporting in turn.
 * Client and server share this process (and the machine's shared CPUs): figures are floors.
 */
import { createHmac } from 'node:crypto'
import { Agent, request } from 'node:http'
import { WebSocket } from 'ws'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { report } from './report'

const RUN_MS = 3000
const CLIENTS = 4
const PUSH_DEVICES = 1000

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function postJson(agent: Agent, url: URL, body: unknown): Promise<Json> {
  const text = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(text)
  })
}

function sign(params: Record<string, unknown>, secret: string): string {
  const text = Object.keys(params)
    .filter((k) => k !== 'Signature' && params[k] !== '' && params[k] !== undefined)
    .sort()
    .map((k) => `${k.replace(/_/g, '.')}=${String(params[k])}`)
    .join('&')
  return createHmac('sha1', secret).update(text).digest('base64')
}

let nonce = 1
function signedLogin(sb: RunningSandbox, requestId: string): Json {
  const body: Json = {
    Action: 'AppGetToken', RequestId: requestId, AppKey: sb.appKey, Timestamp: Math.floor(Date.now() / 1000), Nonce: nonce++,
    Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password,
  }
  body.Signature = sign(body, sb.appSecret)
  return body
}

/** Runs `clients` loops of `call` for `ms`; returns successful calls per second. */
async function rate(clients: number, ms: number, call: (serial: number) => Promise<boolean>): Promise<number> {
  const until = performance.now() + ms
  let ok = 0
  let serial = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) if (await call(serial++)) ok += 1
  }))
  return ok / ((performance.now() - started) / 1000)
}

async function requestRates(sb: RunningSandbox): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS })
  const login = await postJson(agent, new URL(`${sb.baseUrl}/appapi`), signedLogin(sb, 'login'))
  const token = login.Response.Data.Token as string
  const light = [...sb.world.devices.values()].find((d) => d.ownerId === DEMO_ACCOUNT.userId && d.deviceName.startsWith('light'))!
  const tokenUrl = new URL(`${sb.baseUrl}/tokenapi`)
  const dataRate = await rate(CLIENTS, RUN_MS, async (i) => {
    const body = { Action: 'AppGetDeviceData', RequestId: `b-${i}`, AccessToken: token, ProductId: light.productId, DeviceName: light.deviceName }
    const json = await postJson(agent, tokenUrl, body)
    return typeof json.Response?.Data === 'string'
  })
  report('sandbox.signed_req_per_s', Math.round(dataRate), 'req/s')
  const appUrl = new URL(`${sb.baseUrl}/appapi`)
  const loginRate = await rate(CLIENTS, RUN_MS / 2, async (i) => {
    const json = await postJson(agent, appUrl, signedLogin(sb, `l-${i}`))
    return typeof json.Response?.Data?.Token === 'string'
  })
  report('sandbox.appapi_signed_req_per_s', Math.round(loginRate), 'req/s')
  agent.destroy()
}

async function pushRate(sb: RunningSandbox): Promise<void> {
  const agent = new Agent({ keepAlive: false })
  const token = (await postJson(agent, new URL(`${sb.baseUrl}/appapi`), signedLogin(sb, 'ws-login'))).Response.Data.Token as string
  const devices = [...sb.world.devices.values()].filter((d) => sb.world.familiesOf(DEMO_ACCOUNT.userId).some((f) => f.family.familyId === d.familyId)).slice(0, PUSH_DEVICES)
  // Each device re-reports its first property's current value: valid for every product.
  const reports = devices.map((d) => {
    const [id, state] = [...d.properties.entries()][0]!
    return { deviceId: d.deviceId, data: { [id]: state.value } }
  })
  const socket = new WebSocket(sb.wsUrl)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  let received = 0
  let wake: (() => void) | undefined
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Json
    if (message.push === true) received += 1
    else if (message.reqId === 'sub') wake?.()
    if (message.push === true && wake) wake()
  })
  const subscribed = new Promise<void>((resolve) => (wake = resolve))
  socket.send(JSON.stringify({ action: 'ActivePush', reqId: 'sub', params: { DeviceIds: devices.map((d) => d.deviceId), AccessToken: token } }))
  await subscribed
  wake = undefined

  let sent = 0
  const started = performance.now()
  const until = started + RUN_MS
  while (performance.now() < until) {
    for (const r of reports) sb.control.reportProperties(r.deviceId, r.data)
    sent += reports.length
    // Keep at most one round in flight: the client must keep up, as a real one must.
    await new Promise<void>((resolve) => {
      wake = () => {
        if (received >= sent - reports.length) resolve()
      }
      wake()
    })
  }
  await new Promise<void>((resolve) => {
    wake = () => {
      if (received >= sent) resolve()
    }
    wake()
  })
  const seconds = (performance.now() - started) / 1000
  report('sandbox.pushes_per_s', Math.round(received / seconds), 'pushes/s')
  socket.terminate()
}

export async function sandboxBench(): Promise<void> {
  const sb = await startSandbox({ port: 0, devices: Math.ceil(PUSH_DEVICES * 1.3), simulate: false })
  try {
    await requestRates(sb)
    await pushRate(sb)
  } finally {
    await sb.close()
  }
}
