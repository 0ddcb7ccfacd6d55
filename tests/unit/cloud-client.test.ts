import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import { CloudClient } from '../../electron/core/api/cloud-client'
import { baseUrlFor, normaliseBaseUrl } from '../../electron/core/api/endpoints'
import { signAppApi } from '../../electron/core/api/signature'

interface Seen {
  path: string
  body: Record<string, unknown>
}

/** A loopback server that records requests and answers as each test tells it. */
let server: Server
let baseUrl = ''
const seen: Seen[] = []
let answer: (body: Record<string, unknown>) => { status?: number; text: string; delayMs?: number } = () => ({ text: '{}' })

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>
      seen.push({ path: req.url ?? '', body })
      const reply = answer(body)
      setTimeout(() => {
        if (res.destroyed) return
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
        res.end(reply.text)
      }, reply.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/exploreropen`
})
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections()
  server.close(() => resolve())
}))

const ok = (fields: object) => (body: Record<string, unknown>) => ({
  text: JSON.stringify({ Response: { ...fields, RequestId: body.RequestId } }),
})

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('CloudClient', () => {
  it('signs appapi calls with AppKey, Timestamp (s), Nonce and a fresh uuid RequestId', async () => {
    answer = ok({ Data: { Token: 't', ExpireAt: 1 } })
    const client = new CloudClient({ baseUrl, appKey: 'key', appSecret: 'secret', now: () => 1_700_000_000_123 })
    await client.callAppApi('AppGetToken', { Type: 'email', Email: 'a@b.c', Password: 'pw' })
    await client.callAppApi('AppGetToken', { Type: 'email', Email: 'a@b.c', Password: 'pw' })
    const [first, second] = seen.slice(-2)
    expect(first?.path).toBe('/api/exploreropen/appapi')
    expect(first?.body).toMatchObject({ Action: 'AppGetToken', AppKey: 'key', Timestamp: 1_700_000_000 })
    expect(first?.body.RequestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(first?.body.RequestId).not.toBe(second?.body.RequestId)
    expect(Number(first?.body.Nonce)).toBeGreaterThan(0)
    const { Signature, ...rest } = first!.body
    expect(Signature).toBe(signAppApi(rest as Record<string, string>, 'secret'))
  })

  it('sends tokenapi calls with the AccessToken and no signature', async () => {
    answer = ok({ Total: 0, FamilyList: [] })
    const client = new CloudClient({ baseUrl })
    const reply = await client.callTokenApi('AppGetFamilyList', { Offset: 0 }, 'tok')
    const last = seen.at(-1)!
    expect(last.path).toBe('/api/exploreropen/tokenapi')
    expect(last.body).toMatchObject({ Action: 'AppGetFamilyList', AccessToken: 'tok', Offset: 0 })
    expect(last.body.Signature).toBeUndefined()
    expect(reply.requestId).toBe(last.body.RequestId)
  })

  it('refuses an appapi call on a profile without AppKey/AppSecret, before any request', async () => {
    const before = seen.length
    const error = await failure(new CloudClient({ baseUrl }).callAppApi('AppGetToken', {}))
    expect(error).toMatchObject({ kind: 'config', code: 'Desk.ProfileIncomplete' })
    expect(seen.length).toBe(before)
  })

  it('times out with a typed error', async () => {
    answer = (body) => ({ text: JSON.stringify({ Response: { RequestId: body.RequestId } }), delayMs: 500 })
    const error = await failure(new CloudClient({ baseUrl, timeoutMs: 50 }).callTokenApi('AppGetFamilyList', {}, 't'))
    expect(error).toMatchObject({ kind: 'timeout', code: 'Desk.Timeout', action: 'AppGetFamilyList' })
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('is cancelled by its AbortSignal', async () => {
    answer = (body) => ({ text: JSON.stringify({ Response: { RequestId: body.RequestId } }), delayMs: 500 })
    const controller = new AbortController()
    const call = new CloudClient({ baseUrl }).callTokenApi('AppGetFamilyList', {}, 't', { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    expect(await failure(call)).toMatchObject({ kind: 'cancelled', code: 'Desk.Cancelled' })
  })

  it('reports an unreachable cloud as a network error', async () => {
    const error = await failure(new CloudClient({ baseUrl: 'http://127.0.0.1:9/api/exploreropen' }).callTokenApi('AppX', {}, 't'))
    expect(error).toMatchObject({ kind: 'network', code: 'Desk.NetworkError' })
  })

  it('reports a non-JSON answer as malformed, and an HTTP error page as HTTP status', async () => {
    answer = () => ({ text: '<html>' })
    expect(await failure(new CloudClient({ baseUrl }).callTokenApi('AppX', {}, 't'))).toMatchObject({ code: 'Desk.MalformedResponse' })
    answer = () => ({ status: 502, text: 'Bad gateway' })
    expect(await failure(new CloudClient({ baseUrl }).callTokenApi('AppX', {}, 't'))).toMatchObject({ kind: 'network', code: 'HTTP 502' })
  })
})

describe('base URLs', () => {
  it('knows mainland and overseas', () => {
    expect(baseUrlFor('mainland')).toBe('https://iot.cloud.tencent.com/api/exploreropen')
    expect(baseUrlFor('overseas')).toBe('https://oversea.iotcloud.tencentiotcloud.com/api/exploreropen')
  })

  it('normalises custom URLs given as an origin, a base, an endpoint or with the misspelt path', () => {
    for (const input of [
      'http://127.0.0.1:8080',
      'http://127.0.0.1:8080/',
      'http://127.0.0.1:8080/api/exploreropen/',
      'http://127.0.0.1:8080/api/exploreropen/tokenapi',
      'http://127.0.0.1:8080/api/exploreroopen',
    ]) {
      expect(normaliseBaseUrl(input)).toBe('http://127.0.0.1:8080/api/exploreropen')
    }
  })
})
