/**
 * The sandbox's levers for tools (/_sandbox/control) and its token broker (/broker/token)
 * against hostile input: inherited names are not commands, a body that is not a JSON object
 * is a 400, and a web page cannot reach either (no cross-site text/plain POST, no foreign
 * Origin). Every refusal is a 4xx in the endpoint's documented error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { rawExchange, statusOf } from '../support/raw-ws'
import { signIn, tokenapi, withSandbox, type Json } from './helpers'

let sb: RunningSandbox

beforeAll(async () => {
  sb = await withSandbox({ simulate: false })
})
afterAll(() => sb.close())

async function send(path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers, body })
  return { status: res.status, json: (await res.json()) as Json }
}
const control = (body: unknown, headers?: Record<string, string>) => send('/_sandbox/control', JSON.stringify(body), headers)
const broker = (body: string, headers?: Record<string, string>) => send('/broker/token', body, headers)
const controlRefusal = { ok: false, error: expect.any(String) }
const brokerRefusal = { Error: { Code: expect.any(String), Message: expect.any(String) } }

describe('/_sandbox/control', () => {
  it('knows its own commands only: inherited names are unknown commands (400)', async () => {
    for (const command of ['valueOf', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 42, null, ['status'], { a: 1 }]) {
      const answer = await control({ command })
      expect(answer, JSON.stringify(command)).toEqual({ status: 400, json: controlRefusal })
      expect(answer.json.error).toMatch(/^Unknown command/)
    }
    expect((await control({ command: 'status' })).json).toMatchObject({ ok: true })
  })

  it('refuses a body that is not a JSON object, or too large, with a 4xx', async () => {
    for (const body of ['null', '1', '[]', '"status"', '{', '']) {
      expect(await send('/_sandbox/control', body), body).toEqual({ status: 400, json: controlRefusal })
    }
    expect(await control({ command: 'status', pad: 'x'.repeat(70_000) })).toEqual({ status: 413, json: controlRefusal })
  })

  it('refuses what a web page could send: text/plain, a form, a foreign or null Origin', async () => {
    const body = JSON.stringify({ command: 'errors.set', errorRate: 1 })
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(await send('/_sandbox/control', body, { 'content-type': type }), type).toEqual({ status: 415, json: controlRefusal })
    }
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://']) {
      const answer = await send('/_sandbox/control', body, { 'content-type': 'application/json', origin })
      expect(answer, origin).toEqual({ status: 403, json: controlRefusal })
    }
    // Nothing was set: tokenapi calls still succeed.
    const families = await tokenapi(sb, await signIn(sb), 'AppGetFamilyList')
    expect(families.Response.Error).toBeUndefined()
  })

  it("accepts tools and the app's own loopback pages", async () => {
    for (const origin of [sb.url, 'http://127.0.0.1:5173', 'http://localhost:4000', 'http://[::1]:8080']) {
      expect((await send('/_sandbox/control', '{"command":"status"}', { 'content-type': 'application/json; charset=utf-8', origin })).status, origin).toBe(200)
    }
  })
})

describe('/broker/token', () => {
  const signInBody = JSON.stringify({ Action: 'AppGetToken', Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password })

  it('signs in with a JSON body', async () => {
    expect(await broker(signInBody)).toEqual({ status: 200, json: { Token: expect.any(String), ExpireAt: expect.any(Number) } })
  })

  it('answers 400 {Error} to a body that is not a JSON object or names another action', async () => {
    for (const body of ['null', '7', '[]', '"AppGetToken"', 'true', '{', '{"Action":["AppGetToken"]}', '{"Action":"toString"}', '{"__proto__":{"Action":"AppGetToken"}}']) {
      expect(await broker(body), body).toEqual({ status: 400, json: brokerRefusal })
    }
  })

  it('answers 401 {Error} when the cloud refuses the sign-in', async () => {
    const refused = await broker(JSON.stringify({ Action: 'AppGetToken', Type: 'email', Email: DEMO_ACCOUNT.email, Password: 'wrong' }))
    expect(refused).toEqual({ status: 401, json: brokerRefusal })
  })

  it('cannot be used by a web page: text/plain is 415, a foreign Origin 403', async () => {
    expect(await broker(signInBody, { 'content-type': 'text/plain' })).toEqual({ status: 415, json: brokerRefusal })
    expect(await broker(signInBody, { 'content-type': 'application/json', origin: 'https://evil.example' })).toEqual({ status: 403, json: brokerRefusal })
  })
})

describe('requests that are not HTTP', () => {
  it("are answered 400 (431 for oversized headers) in the cloud's error shape, and the server keeps serving", async () => {
    const cases: [string, number][] = [
      ['GARBAGE \x01\x02\r\n\r\n', 400],
      ['GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ]
    for (const [request, status] of cases) {
      const { bytes } = await rawExchange(sb.port, [Buffer.from(request, 'latin1')])
      expect(statusOf(bytes), request.slice(0, 20)).toBe(status)
      const body = JSON.parse(bytes.subarray(bytes.indexOf('\r\n\r\n') + 4).toString()) as Json
      expect(body).toEqual({ Response: { Error: { Code: 'InvalidParameterValue', Message: expect.any(String) }, RequestId: '' } })
    }
    expect((await control({ command: 'status' })).json.ok).toBe(true)
  })
})
