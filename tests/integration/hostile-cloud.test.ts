/**
 * The core pointed at a cloud that answers garbage: every answer becomes a typed error
 * (never a crash, never a hang), and nothing carrying a token or password leaves for
 * another origin.
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGzip } from 'node:zlib'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import { CloudClient } from '../../electron/core/api/cloud-client'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import type { ErrorKind } from '../../shared/errors'

const TOKEN = 'hostile-test-access-token-0123456789'
const PASSWORD = 'hostile-test-password-9876'
const MiB = 1024 * 1024

interface Listening {
  server: Server
  url: string
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  const server = createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** Everything that reached the redirect target: it must stay empty. */
const reachedElsewhere: string[] = []
/** Bytes the big-body cases managed to push before the client hung up. */
const sentBytes: Record<string, number> = {}
let target: Listening
let hostile: Listening
let gzipBomb: Buffer

/** A gzip stream of `size` zero bytes, made without holding them: about 1 KB per MiB. */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 })
  const parts: Buffer[] = []
  gzip.on('data', (part: Buffer) => parts.push(part))
  const zeros = Buffer.alloc(MiB)
  for (let written = 0; written < size; written += MiB) {
    if (!gzip.write(zeros)) await once(gzip, 'drain')
  }
  gzip.end()
  await once(gzip, 'end')
  return Buffer.concat(parts)
}

/** Writes `total` bytes in chunks, honouring backpressure, until done or the client leaves. */
function streamBytes(name: string, res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  sentBytes[name] = 0
  const pump = (): void => {
    while (sentBytes[name]! < total && !res.destroyed) {
      sentBytes[name]! += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end()
  }
  res.on('close', () => res.destroy())
  pump()
}

type Answer = (req: IncomingMessage, res: ServerResponse) => void
const json = (status: number, text: string, type = 'application/json'): Answer => (_req, res) => {
  res.writeHead(status, { 'content-type': type })
  res.end(text)
}

/** One misbehaving cloud per first path segment: `/<case>/api/exploreropen/tokenapi`. */
const CASES: Record<string, { answer: Answer; kinds: ErrorKind[]; malformed?: boolean }> = {
  'invalid-json': { answer: json(200, '{"Response": {"Total": 3,, }'), kinds: ['validation'], malformed: true },
  'html-page': { answer: json(200, '<!doctype html><html><body>Login</body></html>', 'text/html'), kinds: ['validation'], malformed: true },
  'html-error': { answer: json(502, '<html><body>Bad gateway</body></html>', 'text/html'), kinds: ['network'] },
  empty: { answer: json(200, ''), kinds: ['validation'], malformed: true },
  null: { answer: json(200, 'null'), kinds: ['validation'], malformed: true },
  array: { answer: json(200, '[{"Total": 1}]'), kinds: ['validation'], malformed: true },
  'error-as-string': { answer: json(200, '{"Response": {"Error": "InvalidAccessToken", "RequestId": "rid-7"}}'), kinds: ['validation'], malformed: true },
  'response-as-string': { answer: json(200, '{"Response": "ok"}'), kinds: ['validation'], malformed: true },
  'truncated-ended': { answer: json(200, '{"Response": {"FamilyList": [{"FamilyId": "f_1", "Na'), kinds: ['validation'], malformed: true },
  'truncated-cut': {
    answer: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' })
      res.write('{"Response": {"FamilyList": [')
      setTimeout(() => res.socket?.destroy(), 20)
    },
    kinds: ['network'],
  },
  'slow-headers': { answer: () => undefined, kinds: ['timeout'] },
  'slow-body': {
    answer: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"Response": {')
    },
    kinds: ['timeout'],
  },
  'huge-declared': {
    answer: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * MiB) })
      streamBytes('huge-declared', res, 200 * MiB)
    },
    kinds: ['validation'],
    malformed: true,
  },
  'huge-chunked': {
    answer: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      streamBytes('huge-chunked', res, 200 * MiB)
    },
    kinds: ['validation'],
    malformed: true,
  },
  'gzip-bomb': {
    answer: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(gzipBomb.length) })
      res.end(gzipBomb)
    },
    kinds: ['validation'],
    malformed: true,
  },
  'redirect-307': {
    answer: (req, res) => {
      res.writeHead(307, { location: `${target.url}${req.url}` })
      res.end()
    },
    kinds: ['network'],
  },
  'redirect-308': {
    answer: (req, res) => {
      res.writeHead(308, { location: `${target.url}/collect?from=${encodeURIComponent(req.url ?? '')}` })
      res.end()
    },
    kinds: ['network'],
  },
}

beforeAll(async () => {
  gzipBomb = await gzipOfZeros(512 * MiB)
  target = await listen((req, res) => {
    let body = ''
    req.on('data', (part: Buffer) => (body += part.toString()))
    req.on('end', () => {
      reachedElsewhere.push(`${req.method} ${req.url} ${body}`)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ Response: { Token: 'stolen', ExpireAt: 1, FamilyList: [], Total: 0 } }))
    })
  })
  hostile = await listen((req, res) => {
    req.resume()
    req.on('end', () => {
      const name = (req.url ?? '').split('/')[1] ?? ''
      const entry = CASES[name]
      if (entry) entry.answer(req, res)
      else json(404, 'no such case')(req, res)
    })
  })
}, 60_000)

afterAll(async () => {
  for (const { server } of [hostile, target]) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('the call was expected to fail')
}

describe('a hostile cloud', { timeout: 30_000 }, () => {
  it.each(Object.keys(CASES))('%s: the cloud client answers a typed error', async (name) => {
    const expected = CASES[name]!
    const client = new CloudClient({ baseUrl: `${hostile.url}/${name}/api/exploreropen`, timeoutMs: 1_500, newRequestId: () => `sent-${name}` })
    const error = await failureOf(client.callTokenApi('AppGetFamilyList', { Offset: 0, Limit: 20 }, TOKEN))
    expect(expected.kinds).toContain(error.kind)
    expect(error.action).toBe('AppGetFamilyList')
    if (expected.malformed) {
      expect(error.code).toBe('Desk.MalformedResponse')
      expect(error.requestId).toBe(name === 'error-as-string' ? 'rid-7' : `sent-${name}`)
    }
  })

  it('stops reading a 200 MB body long before its end', () => {
    for (const name of ['huge-declared', 'huge-chunked']) expect(sentBytes[name] ?? 0).toBeLessThan(100 * MiB)
  })

  it.each(['invalid-json', 'html-page', 'null', 'error-as-string', 'truncated-cut', 'slow-body', 'huge-chunked', 'gzip-bomb', 'redirect-307'])(
    '%s: signing in (AppKey and token broker) is refused with a typed error, through the desk',
    async (name) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'desk-hostile-'))
      const logger = pino({ level: 'silent' })
      const desk: Desk = await createDesk(
        { mode: 'web', version: 'test', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
        { logger, fetch: withTimeout(1_500) },
      )
      try {
        const base = `${hostile.url}/${name}/api/exploreropen`
        const profiles = [
          { name: 'AppKey', kind: 'custom', baseUrl: base, appKey: 'AKIDhostile0001', appSecret: 'hostile-app-secret-1' },
          { name: 'Broker', kind: 'custom', baseUrl: base, credentialMode: 'token-broker', brokerUrl: `${hostile.url}/${name}/broker` },
        ]
        for (const input of profiles) {
          const saved = await desk.dispatch('profiles.save', input)
          if (!saved.ok) throw new Error(saved.error.message)
          const profileId = (saved.result as { id: string }).id
          const credentials = { method: 'email', email: 'ops@example.com', password: PASSWORD }
          const result = await desk.dispatch('session.signIn', { profileId, credentials, remember: true })
          expect(result.ok).toBe(false)
          if (!result.ok) expect(['validation', 'network', 'timeout']).toContain(result.error.kind)
        }
      } finally {
        await desk.close()
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  )

  it('sent nothing, least of all a token or password, to the origin a redirect pointed at', () => {
    expect(reachedElsewhere).toEqual([])
  })
})

/** The desk's sign-in uses its default timeouts (15 s); a shorter one keeps the slow cases quick. */
function withTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms)
    return globalThis.fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout })
  }
}
