/**
 * Hostile traffic against everything that listens: the sandbox cloud (appapi/tokenapi,
 * /_sandbox/control, /broker/token, the push WebSocket) and the browser-mode host (HTTP,
 * the /bridge upgrade and its frames, with and without the session cookie). The targets
 * run in a child process exactly as the app runs them, so a crash is an exit the test sees.
 * Every input comes from one seeded PRNG (FUZZ_SEED overrides it): a failure names its seed
 * and case, and reproduces.
 *
 * Asserted: the process lives; no HTTP 5xx; every answer in its endpoint's documented
 * shape; nothing hangs; no prototype polluted; RSS back within 50 MB after a GC.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { COMMAND_NAMES } from '../../shared/contracts'
import { ACTION_SPECS } from '../../shared/api'
import { BROKEN_BODIES, hostileObject, hostileString, hostileValue, paramValue, PROTO_KEYS, protoBody, Rng } from '../support/fuzz-inputs'
import type { FuzzReply, FuzzRequest, FuzzTargets } from '../support/fuzz-targets'
import { closeCodeOf, rawExchange, statusOf, upgradeRequest, wsFrame } from '../support/raw-ws'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203)
const TIMEOUT_MS = 15_000
const CONCURRENCY = 12
const MB = 1024 * 1024

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

const counts: Record<string, number> = {}
const violations: string[] = []
const tally = (name: string, n = 1) => (counts[name] = (counts[name] ?? 0) + n)
const fail = (where: string, problem: string) => violations.length < 200 && violations.push(`[seed ${SEED}] ${where}: ${problem}`)

let child: ChildProcess
let targets: FuzzTargets
let childOutput = ''
let exitCode: number | null = null
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function ask(message: FuzzRequest, type: FuzzReply['type']): Promise<FuzzReply> {
  return new Promise((resolve) => {
    const onMessage = (reply: FuzzReply) => {
      if (reply.type !== type) return
      child.off('message', onMessage)
      resolve(reply)
    }
    child.on('message', onMessage)
    child.send(message)
  })
}

beforeAll(async () => {
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/support/fuzz-targets.ts'], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.stdout?.on('data', (d: Buffer) => (childOutput += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (childOutput += d.toString()))
  child.on('exit', (code) => (exitCode = code ?? -1))
  targets = await new Promise<FuzzTargets>((resolve, reject) => {
    child.once('message', (m: FuzzTargets) => resolve(m))
    child.once('exit', () => reject(new Error(`targets exited at start:\n${childOutput}`)))
  })
}, 60_000)

afterAll(async () => {
  agent.destroy()
  if (exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send({ type: 'stop' })
  const timer = setTimeout(() => child.kill(), 20_000)
  await exited
  clearTimeout(timer)
}, 30_000)

/** One HTTP request; 'timeout' if it neither completes nor closes in time, 'reset' if the server cut it. */
function http(port: number, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer | 'timeout' | 'reset'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', () => resolve('reset'))
    })
    req.on('timeout', () => {
      req.destroy()
      resolve('timeout')
    })
    req.on('error', () => resolve('reset'))
    req.end(body)
  })
}

/** Runs `count` cases through a pool, each case numbered so a failure can be found again. */
async function pool(count: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < count) await work(next++)
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
}

function parseJson(answer: Answer): Json | undefined {
  try {
    const value = JSON.parse(answer.body.toString()) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined
  } catch {
    return undefined
  }
}

/** Common checks; the JSON body, or undefined once a violation is recorded. */
function answered(where: string, answer: Answer | 'timeout' | 'reset'): Answer | undefined {
  if (answer === 'timeout') return void fail(where, 'no answer within the timeout')
  if (answer === 'reset') return void tally('connections reset by the server')
  tally(`HTTP ${answer.status}`)
  if (answer.status >= 500) return void fail(where, `HTTP ${answer.status} ${answer.body.toString().slice(0, 200)}`)
  return answer
}

/** appapi/tokenapi: JSON; an error is {Response: {Error: {Code, Message}, RequestId}}. */
function checkCloud(where: string, raw: Answer | 'timeout' | 'reset'): Json | undefined {
  const answer = answered(where, raw)
  if (!answer) return undefined
  const json = parseJson(answer)
  if (!json) return void fail(where, `not a JSON object: ${answer.body.toString().slice(0, 100)}`)
  const error = json.Response?.Error
  if (answer.status !== 200 && !error) fail(where, `HTTP ${answer.status} without Response.Error`)
  if (!error) return json
  if (typeof error.Code !== 'string' || typeof error.Message !== 'string' || typeof json.Response.RequestId !== 'string') {
    fail(where, `error not in the cloud's shape: ${JSON.stringify(json).slice(0, 200)}`)
  }
  tally(`cloud ${error.Code}`)
  // The pipeline's answer to an exception nobody expected: a bug, whatever the status.
  if (/^Internal error/.test(error.Message)) fail(where, `unexpected exception: ${error.Message.slice(0, 200)}`)
  return json
}

/** /_sandbox/control: {ok: true, ...} or a 4xx {ok: false, error}. */
function checkControl(where: string, raw: Answer | 'timeout' | 'reset'): void {
  const answer = answered(where, raw)
  if (!answer) return
  const json = parseJson(answer)
  const ok = answer.status === 200 ? json?.ok === true : json?.ok === false && typeof json.error === 'string'
  if (!ok) fail(where, `HTTP ${answer.status} not in the control shape: ${answer.body.toString().slice(0, 200)}`)
}

/** /broker/token: {Token, ExpireAt} or a 4xx {Error: {Code, Message}}. */
function checkBroker(where: string, raw: Answer | 'timeout' | 'reset'): void {
  const answer = answered(where, raw)
  if (!answer) return
  const json = parseJson(answer)
  const ok = answer.status === 200
    ? typeof json?.Token === 'string' && typeof json.ExpireAt === 'number'
    : typeof json?.Error?.Code === 'string' && typeof json.Error.Message === 'string'
  if (!ok) fail(where, `HTTP ${answer.status} not in the broker shape: ${answer.body.toString().slice(0, 200)}`)
}

/** The host: pages, a redirect, or a 4xx one-line text/plain sentence. */
function checkHost(where: string, method: string, raw: Answer | 'timeout' | 'reset'): void {
  const answer = answered(where, raw)
  if (!answer || answer.status < 400) return
  if (!/^text\/plain/.test(String(answer.headers['content-type']))) return void fail(where, `HTTP ${answer.status} not text/plain`)
  if (method === 'HEAD') return
  const text = answer.body.toString()
  if (text.length === 0 || text.length > 200 || text.includes('\n')) {
    fail(where, `HTTP ${answer.status} not a one-line text/plain sentence: ${text.slice(0, 100)}`)
  }
}

function sign(params: Json, secret: string): string {
  const text = Object.keys(params)
    .filter((k) => k !== 'Signature' && params[k] !== '' && params[k] !== undefined && params[k] !== null)
    .sort()
    .map((k) => `${k.replace(/_/g, '.')}=${typeof params[k] === 'object' ? JSON.stringify(params[k]) : String(params[k])}`)
    .join('&')
  return createHmac('sha1', secret).update(text).digest('base64')
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const API = '/api/exploreropen'
let nonce = 1

function signed(params: Json, skewSeconds = 0): Json {
  const body: Json = { RequestId: randomUUID(), AppKey: targets.sandbox.appKey, Timestamp: Math.floor(Date.now() / 1000) + skewSeconds, Nonce: nonce++, ...params }
  body.Signature = sign(body, targets.sandbox.appSecret)
  return body
}

async function signInToken(): Promise<string> {
  const body = signed({ Action: 'AppGetToken', Type: 'email', Email: 'demo@sandbox.local', Password: 'sandbox-demo' })
  const json = checkCloud('sign-in', await http(targets.sandbox.port, 'POST', `${API}/appapi`, JSON_HEADERS, JSON.stringify(body)))
  const token = json?.Response?.Data?.Token
  if (typeof token !== 'string') throw new Error(`sign-in failed: ${JSON.stringify(json)}`)
  return token
}

// Without AppLogoutUser: it would end the one session every other case reaches actions through.
const TOKEN_SPECS = ACTION_SPECS.filter((s) => s.endpoint === 'tokenapi' && s.action !== 'AppLogoutUser')
const APP_SPECS = ACTION_SPECS.filter((s) => s.endpoint === 'appapi')
const UNKNOWN_ACTIONS = ['', 'Nope', 'appgettoken', ...PROTO_KEYS, 'AppGetToken\u0000', 'x'.repeat(10_000)]

/** One appapi/tokenapi call of the case's kind. */
function cloudCase(rng: Rng, token: string): { path: string; body: string | Buffer; replay?: boolean } {
  const deviceIds = targets.sandbox.deviceIds
  const endpoint = rng.chance(0.7) ? 'tokenapi' : 'appapi'
  const path = `${API}/${endpoint}${rng.chance(0.05) ? `?cmd=${encodePart(hostileString(rng).slice(0, 50))}` : ''}`
  switch (rng.int(0, 9)) {
    case 0: return { path, body: rng.pick(BROKEN_BODIES) }
    case 1: return { path, body: Buffer.alloc(rng.chance(0.1) ? MB + 1 : rng.int(1, 4096), rng.int(0, 255)) }
    case 2: return { path, body: protoBody(rng, { Action: rng.pick(TOKEN_SPECS).action, RequestId: 'p', AccessToken: token }) }
    case 3: {
      // Signed calls: a bad signature, a stale or future timestamp, a wrong key, or a replay.
      const spec = rng.pick(APP_SPECS)
      const params = Object.fromEntries(spec.params.map((p) => [p.name, paramValue(rng, p, deviceIds)]))
      const body = signed({ Action: spec.action, ...params }, rng.pick([0, 0, -86_400 * 10, 86_400, -301]))
      const variant = rng.int(0, 3)
      if (variant === 1) body.Signature = `${String(body.Signature).slice(0, -2)}x=`
      if (variant === 2) body.AppKey = hostileValue(rng)
      return { path: `${API}/appapi`, body: JSON.stringify(body), replay: variant === 3 }
    }
    case 4: return { path, body: JSON.stringify({ Action: rng.pick(UNKNOWN_ACTIONS), RequestId: hostileValue(rng), AccessToken: token }) }
    case 5: return { path, body: JSON.stringify({ ...hostileObject(rng), Action: hostileValue(rng), RequestId: hostileValue(rng), AccessToken: hostileValue(rng) }) }
    default: {
      const spec = rng.pick(TOKEN_SPECS)
      const params = Object.fromEntries(spec.params.filter(() => rng.chance(0.8)).map((p) => [p.name, paramValue(rng, p, deviceIds)]))
      const accessToken = rng.chance(0.9) ? token : hostileValue(rng)
      return { path: `${API}/tokenapi`, body: JSON.stringify({ Action: spec.action, RequestId: randomUUID(), AccessToken: accessToken, ...params }) }
    }
  }
}

const CONTROL_COMMANDS = ['status', 'device.offline', 'device.online', 'device.report', 'device.event', 'upgrade.fail', 'ws.dropAll', 'latency.set', 'errors.set', ...PROTO_KEYS, 'nope', '']

function controlBody(rng: Rng): string {
  if (rng.chance(0.2)) return rng.pick(BROKEN_BODIES)
  const command = rng.chance(0.85) ? rng.pick(CONTROL_COMMANDS) : hostileValue(rng)
  const body: Json = { command, deviceId: rng.chance(0.5) ? rng.pick(targets.sandbox.deviceIds) : hostileValue(rng), data: hostileValue(rng), eventId: hostileValue(rng), params: hostileValue(rng) }
  // Only out-of-range values for the levers that would slow or fail the rest of the run.
  for (const name of ['latencyMs', 'jitterMs', 'errorRate']) {
    const value = hostileValue(rng)
    body[name] = typeof value === 'number' && value >= 0 && value <= 600_000 ? -1 : value
  }
  return rng.chance(0.2) ? protoBody(rng, body) : JSON.stringify(body)
}

function browserHeaders(rng: Rng): Record<string, string> {
  const headers: Record<string, string> = {}
  if (rng.chance(0.85)) headers['content-type'] = rng.pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'])
  else headers['content-type'] = rng.pick(['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])
  if (rng.chance(0.2)) headers.origin = rng.pick(['https://evil.example', 'null', 'http://127.0.0.1.evil.example', targets.sandbox.url, 'http://localhost:3000'])
  return headers
}

function brokerBody(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0: return rng.pick(BROKEN_BODIES)
    case 1: return protoBody(rng, { Action: 'AppGetToken', Type: 'email' })
    case 2: return JSON.stringify({ Action: rng.pick(['AppGetToken', 'AppGetTokenByWeiXin', ...UNKNOWN_ACTIONS]), Type: hostileValue(rng), Email: hostileValue(rng), Password: hostileValue(rng), WxOpenID: hostileValue(rng) })
    case 3: return JSON.stringify({ Action: 'AppGetToken', Type: 'email', Email: 'demo@sandbox.local', Password: rng.chance(0.3) ? 'sandbox-demo' : 'wrong' })
    default: return JSON.stringify(hostileObject(rng))
  }
}

/** Percent-encoded, lone surrogates included (encodeURIComponent throws on them). */
const encodePart = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd')).replace(/%EF%BF%BD/g, '%ED%A0%80')

const HOST_PATHS = ['/', '/index.html', '/bridge', '/assets/x.js', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%E0%A4%A', '/%00', '/?token=', '/?token=%', '/?token=guess', '/a?b=%zz', '/' + 'a'.repeat(8_000)]

function hostPath(rng: Rng): string {
  const path = rng.chance(0.8) ? rng.pick(HOST_PATHS) : `/${encodePart(hostileString(rng).slice(0, 2_000))}`
  return path
}

/**
 * Raw frames that break the WebSocket protocol one way each; the server must close, alone.
 * Random bytes (`partial`) may instead be the valid start of a frame the server waits out.
 */
function badFrame(rng: Rng): { bytes: Buffer; partial: boolean } {
  const kind = rng.int(0, 10)
  return { bytes: badFrameBytes(rng, kind), partial: kind === 10 }
}

function badFrameBytes(rng: Rng, kind: number): Buffer {
  switch (kind) {
    case 0: return wsFrame(1, Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]))
    case 1: return wsFrame(rng.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), Buffer.from('x'))
    case 2: return wsFrame(1, Buffer.from('{}'), { mask: false })
    case 3: return wsFrame(1, Buffer.from('{}'), { rsv: rng.int(1, 7) })
    case 4: return wsFrame(2, Buffer.alloc(0), { claimedLength: rng.pick([17 * MB, 2 ** 31, 2 ** 40]) })
    case 5: return wsFrame(9, Buffer.alloc(rng.int(126, 300)))
    case 6: return wsFrame(9, Buffer.from('p'), { fin: false })
    case 7: return wsFrame(0, Buffer.from('continuation without a start'))
    case 8: return wsFrame(8, Buffer.from([0x03, rng.pick([0xe7, 0xed, 0xee])]))
    case 9: return Buffer.concat([wsFrame(1, Buffer.from('{"a'), { fin: false }), wsFrame(1, Buffer.from('x'))])
    default: return Buffer.from(Array.from({ length: rng.int(1, 64) }, () => rng.int(0, 255)))
  }
}

/** Upgrade requests that are wrong one way each (or partial: the client hangs up mid-headers). */
function badUpgrade(rng: Rng, path: string, headers: Record<string, string>): { bytes: Buffer; partial: boolean } {
  const good = upgradeRequest(path, headers)
  switch (rng.int(0, 6)) {
    case 0: return { bytes: upgradeRequest(rng.pick(['//[', 'http://[', '//[::1', '/%', '*']), headers), partial: false }
    case 1: return { bytes: Buffer.from(good.toString('latin1').replace(/Sec-WebSocket-Key: .*\r\n/, ''), 'latin1'), partial: false }
    case 2: return { bytes: Buffer.from(good.toString('latin1').replace('Version: 13', 'Version: 7'), 'latin1'), partial: false }
    case 3: return { bytes: Buffer.from(`GARBAGE ${hostileString(rng).slice(0, 100)}\r\n\r\n`, 'utf8'), partial: false }
    case 4: return { bytes: upgradeRequest(`${path}?${'q'.repeat(rng.int(1, 20_000))}`, headers), partial: false }
    default: return { bytes: good.subarray(0, rng.int(1, good.length - 1)), partial: true }
  }
}

/** `answered`: what counts as the server's answer (an upgrade's status line); else it must close. */
async function rawCase(where: string, port: number, chunks: Buffer[], partial: boolean, answered?: (bytes: Buffer) => boolean): Promise<Buffer> {
  const exchange = await rawExchange(port, chunks, partial ? 300 : TIMEOUT_MS, partial, answered)
  tally(partial ? 'partial requests (client hung up)' : 'raw exchanges')
  if (!partial && !exchange.closedByServer) fail(where, 'the server neither answered nor closed within the timeout')
  const status = statusOf(exchange.bytes)
  if (status !== undefined && status >= 500) fail(where, `HTTP ${status}`)
  return exchange.bytes
}

/** A WebSocket session: hostile frames, then a sentinel that must still be answered. */
async function wsSession(url: string, options: WebSocket.ClientOptions, frames: (string | Buffer)[], sentinel: string, isSentinel: (m: Json) => boolean, check: (m: Json) => string | undefined, where: string): Promise<void> {
  const ws = new WebSocket(url, { ...options, maxPayload: 64 * MB })
  const outcome = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve('no answer to the sentinel within the timeout'), TIMEOUT_MS)
    const done = (result: string) => {
      clearTimeout(timer)
      resolve(result)
    }
    ws.on('error', (error) => done(`error: ${error.message}`))
    ws.on('close', (code) => done(`closed ${code}`))
    ws.on('open', () => {
      for (const frame of frames) ws.send(frame, { binary: typeof frame !== 'string' })
      ws.send(sentinel)
    })
    ws.on('message', (data) => {
      let message: Json
      try {
        message = JSON.parse(data.toString()) as Json
      } catch {
        return done(`a message that is not JSON: ${data.toString().slice(0, 100)}`)
      }
      tally(`${where} answers`)
      const problem = check(message)
      if (problem) fail(where, problem)
      if (isSentinel(message)) done('ok')
    })
  })
  ws.terminate()
  tally(`${where} frames`, frames.length + 1)
  // A frame over the server's limit legitimately ends the session with 1009.
  if (outcome !== 'ok' && !/closed 1009/.test(outcome)) fail(where, outcome)
}

function pushAnswerProblem(message: Json): string | undefined {
  if (message.push === true) return undefined
  if (typeof message.error !== 'string' || typeof message.error_message !== 'string' || !('data' in message)) {
    return `push-connection answer not {reqId, error, error_message, data}: ${JSON.stringify(message).slice(0, 200)}`
  }
  if (/^Internal error/.test(message.error_message)) return `unexpected exception: ${message.error_message.slice(0, 200)}`
  return undefined
}

function pushFrames(rng: Rng, token: string): (string | Buffer)[] {
  return Array.from({ length: rng.int(5, 15) }, () => {
    switch (rng.int(0, 6)) {
      case 0: return rng.pick(BROKEN_BODIES)
      case 1: return Buffer.from(hostileString(rng).slice(0, 1000))
      case 2: return JSON.stringify({ action: 'ActivePush', reqId: hostileValue(rng), params: { DeviceIds: hostileValue(rng), AccessToken: rng.chance(0.5) ? token : hostileValue(rng) } })
      case 3: return JSON.stringify({ action: 'YunApi', reqId: 'y', params: { Action: rng.pick([...TOKEN_SPECS.map((s) => s.action), ...UNKNOWN_ACTIONS]), ActionParams: { ...hostileObject(rng), AccessToken: token, DeviceIds: [rng.pick(targets.sandbox.deviceIds)] } } })
      case 4: return protoBody(rng, { action: 'ActivePush', reqId: 'p', params: { AccessToken: token } })
      case 5: return JSON.stringify({ action: hostileValue(rng), reqId: hostileValue(rng), params: hostileValue(rng) })
      default: return JSON.stringify({ Response: hostileObject(rng) })
    }
  })
}

const COMMANDS: readonly string[] = COMMAND_NAMES

function bridgeFrames(rng: Rng): (string | Buffer)[] {
  return Array.from({ length: rng.int(5, 15) }, (_, i) => {
    switch (rng.int(0, 5)) {
      case 0: return rng.pick(BROKEN_BODIES)
      case 1: return JSON.stringify({ type: 'invoke', id: hostileValue(rng), command: hostileValue(rng), args: hostileValue(rng) })
      case 2: return protoBody(rng, { type: 'invoke', id: i, command: rng.pick(COMMANDS) })
      case 3: return Buffer.from(hostileString(rng).slice(0, 1000))
      default: return JSON.stringify({ type: 'invoke', id: i, command: rng.chance(0.9) ? rng.pick(COMMANDS) : rng.pick(UNKNOWN_ACTIONS), args: rng.chance(0.5) ? hostileObject(rng) : hostileValue(rng) })
    }
  })
}

function bridgeMessageProblem(message: Json): string | undefined {
  if (message.type === 'event') return undefined
  if (message.type !== 'result' || typeof message.id !== 'number') return `bridge message of no known shape: ${JSON.stringify(message).slice(0, 200)}`
  const result = message.result as Json
  if (result?.ok === true) return undefined
  const error = result?.error as Json | undefined
  if (result?.ok !== false || typeof error?.kind !== 'string' || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return `bridge result not {ok, result} / {ok: false, error: {kind, code, message}}: ${JSON.stringify(message).slice(0, 200)}`
  }
  if (error.kind === 'internal') return `internal error for ${JSON.stringify(message).slice(0, 200)}`
  return undefined
}

interface Phase {
  name: string
  cases: number
  run(i: number, r: Rng): Promise<void>
}

/** Every kind of hostile traffic, each case drawn from its own PRNG seeded from the phase's. */
function phases(token: string, cookie: string): Phase[] {
  const { sandbox, host } = targets
  return [
    {
      name: 'appapi/tokenapi',
      cases: 4_500,
      run: async (i, r) => {
        const c = cloudCase(r, token)
        const where = `cloud case ${i} ${c.path}`
        const first = checkCloud(where, await http(sandbox.port, 'POST', c.path, JSON_HEADERS, c.body))
        if (!c.replay || first?.Response?.Error) return
        const replay = checkCloud(`${where} (replayed)`, await http(sandbox.port, 'POST', c.path, JSON_HEADERS, c.body))
        if (replay && replay.Response?.Error?.Code !== 'InvalidParameterValue.DuplicateNonce') fail(where, `a replayed signed call was not refused: ${JSON.stringify(replay).slice(0, 200)}`)
      },
    },
    {
      name: '/_sandbox/control',
      cases: 1_000,
      run: async (i, r) => {
        // GET goes without a body: Node's client would send one unframed (no length, not chunked).
        const get = r.chance(0.05)
        const [headers, body] = [browserHeaders(r), controlBody(r)]
        checkControl(`control case ${i}`, await http(sandbox.port, get ? 'GET' : 'POST', '/_sandbox/control', headers, get ? undefined : body))
      },
    },
    {
      name: '/broker/token',
      cases: 600,
      run: async (i, r) => checkBroker(`broker case ${i}`, await http(sandbox.port, 'POST', '/broker/token', browserHeaders(r), brokerBody(r))),
    },
    {
      name: 'host HTTP',
      cases: 1_500,
      run: async (i, r) => {
        const headers: Record<string, string> = {}
        if (r.chance(0.6)) headers.cookie = r.chance(0.8) ? cookie : `desk_session=${encodePart(hostileString(r).slice(0, 4000))}`
        const method = r.pick(['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])
        checkHost(`host case ${i} ${method}`, method, await http(host.port, method, hostPath(r), headers, method === 'POST' ? hostileString(r) : undefined))
      },
    },
    {
      name: 'push WebSocket frames',
      cases: 250,
      run: (i, r) => wsSession(`ws://127.0.0.1:${sandbox.port}/iotstudio_v2_weapp_1`, {}, pushFrames(r, token), JSON.stringify({ action: 'End', reqId: `end-${i}` }), (m) => m.reqId === `end-${i}`, pushAnswerProblem, 'push WebSocket'),
    },
    {
      name: 'bridge WebSocket frames',
      cases: 250,
      run: (i, r) => wsSession(`ws://127.0.0.1:${host.port}/bridge`, { headers: { cookie, origin: host.origin } }, bridgeFrames(r), JSON.stringify({ type: 'invoke', id: 1e9 + i, command: 'app.info', args: {} }), (m) => m.id === 1e9 + i, bridgeMessageProblem, 'bridge WebSocket'),
    },
    { name: 'raw frames, upgrades and partial requests', cases: 1_500, run: (i, r) => rawPhaseCase(i, r, cookie) },
  ]
}

async function rawPhaseCase(i: number, r: Rng, cookie: string): Promise<void> {
  const { sandbox, host } = targets
  const onHost = r.chance(0.5)
  const port = onHost ? host.port : sandbox.port
  const path = onHost ? '/bridge' : r.pick(['/iotstudio_v2_weapp_1', '/ws/explorer?uin=1&cId=2'])
  const headers: Record<string, string> = onHost && r.chance(0.8) ? { cookie, origin: host.origin } : onHost && r.chance(0.5) ? { origin: 'https://evil.example' } : {}
  const where = `raw case ${i} ${onHost ? 'host' : 'sandbox'}`
  const kind = r.int(0, 3)
  if (kind === 0) {
    const upgrade = badUpgrade(r, path, headers)
    // A status line is an answer: some of these are still valid upgrades (101) left idle.
    await rawCase(`${where} upgrade`, port, [upgrade.bytes], upgrade.partial, (bytes) => bytes.includes('\r\n\r\n'))
  } else if (kind === 1) {
    const request = Buffer.from(`POST ${onHost ? '/' : `${API}/tokenapi`} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${r.int(10, 100_000)}\r\n\r\n{"Action":`)
    await rawCase(`${where} partial body`, port, [request], true)
  } else {
    const frame = badFrame(r)
    const bytes = await rawCase(`${where} frame`, port, [upgradeRequest(path, headers), frame.bytes], frame.partial)
    if (statusOf(bytes) === 101 && closeCodeOf(bytes) === undefined && bytes.length > 0) tally('bad frames closed without a close frame')
  }
}

type Usage = Extract<FuzzReply, { type: 'rss' }>
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`

describe('fuzz: hostile requests and frames against the sandbox and the browser-mode host', () => {
  it('keeps the process alive, answers every request in its documented shape, never 5xx, never hangs, and gives its memory back', async () => {
    const started = performance.now()
    const token = await signInToken()
    const cookie = await redeemCookie(targets.host.url)
    const runAll = async (seed: number, scale: number, label: string) => {
      const rng = new Rng(seed)
      for (const phase of phases(token, cookie)) {
        const t = performance.now()
        const phaseSeed = rng.int(0, 2 ** 31)
        const draw = new Rng(phaseSeed)
        await pool(Math.ceil(phase.cases * scale), (i) => phase.run(i, new Rng(draw.int(0, 2 ** 31))))
        console.log(`  ${label} ${phase.name}: ${Math.round(performance.now() - t)} ms`)
        expect(exitCode, `the targets exited during ${phase.name}:\n${childOutput}`).toBeNull()
      }
    }

    // A warm-up of every phase at 1/4 scale (a seed of its own) first: the first use of each
    // path compiles code and grows the allocator's pools, which it keeps after a GC (measured:
    // a second full round no longer grows RSS). The baseline is taken after it; the full run
    // must then give its memory back.
    await runAll(SEED + 1, 1 / 4, 'warm-up')
    const before = (await ask({ type: 'rss' }, 'rss')) as Usage
    await runAll(SEED, 1, 'run')
    if (process.env.FUZZ_ROUNDS === '2') {
      const mid = (await ask({ type: 'rss' }, 'rss')) as Usage
      console.log(`  after round 1: RSS ${mb(mid.rss)}`)
      await runAll(SEED + 2, 1, 'run 2')
    }
    const after = (await ask({ type: 'rss' }, 'rss')) as Usage

    const total = Object.entries(counts).filter(([k]) => /^HTTP |frames$|raw exchanges|partial requests|connections reset/.test(k)).reduce((sum, [, n]) => sum + n, 0)
    console.log(`fuzz seed ${SEED}: ${total} hostile requests and frames (warm-up included) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    console.log(`  RSS ${mb(before.rss)} -> ${mb(after.rss)} after GC (heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}, external ${mb(before.external)} -> ${mb(after.external)}, V8 malloc ${mb(before.malloced)} -> ${mb(after.malloced)}, open handles ${before.handles} -> ${after.handles})`)
    for (const [name, n] of Object.entries(counts).sort()) console.log(`  ${name}: ${n}`)

    expect(violations, violations.slice(0, 20).join('\n')).toEqual([])
    expect(exitCode, childOutput).toBeNull()
    expect(after.polluted).toBe(false)
    expect(total).toBeGreaterThanOrEqual(10_000)
    expect(after.rss - before.rss).toBeLessThan(50 * MB)
  }, 180_000)
})

async function redeemCookie(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' })
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}
