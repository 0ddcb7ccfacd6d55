import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { BridgeEvents, EventName, WireToPage } from '../../shared/contracts'
import type { Desk, EventListener } from '../../electron/core/desk-contract'
import { MAX_MESSAGE_BYTES, startWebHost, type WebHost } from '../../electron/web/host'
import { closeCodeOf, rawExchange, statusOf, upgradeRequest, wsFrame } from '../support/raw-ws'

/** A desk that echoes what it was asked, so the test sees exactly what crossed. */
function echoDesk() {
  const listeners = new Set<EventListener>()
  const media = { origins: [] as string[] }
  const desk: Desk = {
    mediaOrigins: () => media.origins,
    dispatch: async (command, args) => ({ ok: true, result: { command, args } }),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {},
  }
  const emit = <E extends EventName>(event: E, payload: BridgeEvents[E]) => listeners.forEach((l) => l(event, payload))
  return { desk, emit, media }
}

let host: WebHost
let emit: ReturnType<typeof echoDesk>['emit']
let media: ReturnType<typeof echoDesk>['media']

beforeEach(async () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-renderer-'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>desk</title>')
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'outside.txt'), 'outside')
  const echo = echoDesk()
  emit = echo.emit
  media = echo.media
  host = await startWebHost({ desk: echo.desk, rendererDir: root })
})
afterEach(() => host.close())

/** Opens the one-time URL like a browser and returns the session cookie. */
async function redeem(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' })
  expect(response.status).toBe(302)
  const cookie = response.headers.get('set-cookie') ?? ''
  expect(cookie).toMatch(/HttpOnly/)
  expect(cookie).toMatch(/SameSite=Strict/)
  return cookie.split(';')[0] ?? ''
}

function connect(cookie: string, origin = host.origin): Promise<WebSocket> {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/bridge`, { headers: { cookie, origin } })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

const nextMessage = (ws: WebSocket) =>
  new Promise<WireToPage>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as WireToPage)))

describe('browser-mode host', () => {
  it('listens on loopback only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1')
  })

  it('trades the one-time token for a cookie once, and serves the renderer with it', async () => {
    const cookie = await redeem(host.url)
    const again = await fetch(host.url, { redirect: 'manual' })
    expect(again.status).toBe(403)
    const page = await fetch(`${host.origin}/`, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await page.text()).toContain('<title>desk</title>')
    expect((await fetch(`${host.origin}/assets/app.js`, { headers: { cookie } })).headers.get('content-type')).toMatch(/javascript/)
  })

  it("admits media from the active profile's origins only, read afresh for every page", async () => {
    const cookie = await redeem(host.url)
    const policyOf = async () => (await fetch(`${host.origin}/`, { headers: { cookie } })).headers.get('content-security-policy') ?? ''
    expect(await policyOf()).toContain("media-src 'self' blob:;")
    media.origins = ['http://127.0.0.1:4100']
    const policy = await policyOf()
    expect(policy).toContain("media-src 'self' blob: http://127.0.0.1:4100;")
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:4100;")
    expect(policy).toContain("img-src 'self' data: blob: http://127.0.0.1:4100;")
    media.origins = ['https://iot.cloud.tencent.com']
    expect(await policyOf()).not.toContain('127.0.0.1:4100')
  })

  it('refuses every request without the cookie, and a guessed token', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(403)
    expect((await fetch(`${host.origin}/?token=guess`, { redirect: 'manual' })).status).toBe(403)
  })

  it('never serves files outside the renderer', async () => {
    const cookie = await redeem(host.url)
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/%E0%A4%A']) {
      const response = await fetch(`${host.origin}${path}`, { headers: { cookie } })
      expect(response.status).toBe(404)
    }
  })

  it('carries commands and events over the WebSocket', async () => {
    const ws = await connect(await redeem(host.url))
    ws.send(JSON.stringify({ type: 'invoke', id: 7, command: 'rooms.list', args: { familyId: 'f' } }))
    expect(await nextMessage(ws)).toEqual({
      type: 'result',
      id: 7,
      result: { ok: true, result: { command: 'rooms.list', args: { familyId: 'f' } } },
    })
    const event = nextMessage(ws)
    emit('connection.changed', { status: 'live' })
    expect(await event).toEqual({ type: 'event', event: 'connection.changed', payload: { status: 'live' } })
    ws.close()
  })

  it('ignores malformed messages and keeps serving', async () => {
    const ws = await connect(await redeem(host.url))
    ws.send('not json')
    ws.send(JSON.stringify({ type: 'invoke', id: 'x', command: 1 }))
    ws.send(JSON.stringify({ type: 'invoke', id: 1, command: 'app.info', args: {} }))
    expect(await nextMessage(ws)).toMatchObject({ type: 'result', id: 1 })
    ws.close()
  })

  it('refuses a WebSocket without the cookie or from another origin', async () => {
    const cookie = await redeem(host.url)
    await expect(connect('')).rejects.toThrow(/403/)
    await expect(connect(cookie, 'http://evil.example')).rejects.toThrow(/403/)
  })

  describe('hostile input', () => {
    const port = () => Number(new URL(host.origin).port)
    const stillServes = async (cookie: string) => {
      const ws = await connect(cookie)
      ws.send(JSON.stringify({ type: 'invoke', id: 99, command: 'app.info', args: {} }))
      expect(await nextMessage(ws)).toMatchObject({ type: 'result', id: 99 })
      ws.close()
    }

    it('answers 400 to a request target that is not a URL, upgrade or not, and keeps running', async () => {
      const cookie = await redeem(host.url)
      const upgrade = await rawExchange(port(), [upgradeRequest('//[', { cookie, origin: host.origin })])
      expect(statusOf(upgrade.bytes)).toBe(400)
      const plain = await rawExchange(port(), [Buffer.from(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\ncookie: ${cookie}\r\n\r\n`)])
      expect(statusOf(plain.bytes)).toBe(400)
      await stillServes(cookie)
    })

    it('answers a request that is not HTTP with its one-line 400', async () => {
      const { bytes } = await rawExchange(port(), [Buffer.from('GARBAGE \x01\r\n\r\n', 'latin1')])
      expect(statusOf(bytes)).toBe(400)
      expect(bytes.toString()).toMatch(/Content-Type: text\/plain\r\n[\s\S]*\r\n\r\nBad Request$/)
    })

    it('survives a peer that resets during the upgrade', async () => {
      const cookie = await redeem(host.url)
      for (let i = 0; i < 20; i++) await rawExchange(port(), [upgradeRequest('/bridge', { cookie }).subarray(0, 40 + i)], 200, true)
      await stillServes(cookie)
    })

    it('closes only the offending socket on invalid UTF-8 (1007), a reserved opcode or an unmasked frame (1002)', async () => {
      const cookie = await redeem(host.url)
      const open = upgradeRequest('/bridge', { cookie, origin: host.origin })
      const cases: [Buffer, number][] = [
        [wsFrame(1, Buffer.from([0xc3, 0x28, 0xff, 0xfe])), 1007],
        [wsFrame(3, Buffer.from('x')), 1002],
        [wsFrame(1, Buffer.from('{}'), { mask: false }), 1002],
        [wsFrame(1, Buffer.from('{}'), { rsv: 4 }), 1002],
      ]
      for (const [frame, code] of cases) {
        const answer = await rawExchange(port(), [open, frame])
        expect(statusOf(answer.bytes)).toBe(101)
        expect(closeCodeOf(answer.bytes)).toBe(code)
      }
      await stillServes(cookie)
    })

    it("carries a message as large as the app's own (live.watch of 10,000 long ids), and closes an oversize one with 1009", async () => {
      const cookie = await redeem(host.url)
      const ws = await connect(cookie)
      const deviceIds = Array.from({ length: 10_000 }, (_, i) => `${'P'.repeat(10)}/${String(i).padStart(117, 'd')}`)
      ws.send(JSON.stringify({ type: 'invoke', id: 1, command: 'live.watch', args: { deviceIds } }))
      expect(await nextMessage(ws)).toMatchObject({ type: 'result', id: 1, result: { ok: true } })
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
      ws.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20))
      expect(await closed).toBe(1009)
      await stillServes(cookie)
    })
  })
})
