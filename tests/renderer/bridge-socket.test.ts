// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WireToHost, WireToPage } from '@shared/contracts'
import { SocketBridge, type SocketLike } from '@/bridge/socket-bridge'
import { bridgeUrl, createDeskClient, stripTokenFromUrl } from '@/bridge/client'
import { DeskError } from '@/bridge/desk-error'
import { encodeBinaryFrame } from '@shared/wire-binary'

/** Stands in for the browser WebSocket; the test plays the host. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = []
  readyState = 0
  sent: WireToHost[] = []
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open')
    this.sent.push(JSON.parse(data) as WireToHost)
  }
  close(): void {
    this.drop()
  }
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  deliver(message: WireToPage): void {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
  drop(): void {
    this.readyState = 3
    this.onclose?.({})
  }
}

function latest(): FakeSocket {
  const socket = FakeSocket.all.at(-1)
  if (!socket) throw new Error('no socket yet')
  return socket
}

function makeBridge(options: Partial<ConstructorParameters<typeof SocketBridge>[0]> = {}) {
  const bridge = new SocketBridge({
    url: 'ws://127.0.0.1:4000/bridge',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5, // no jitter: delays are exactly the backoff
    ...options,
  })
  bridge.connect()
  return bridge
}

beforeEach(() => {
  FakeSocket.all = []
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('SocketBridge (browser mode)', () => {
  it('queues calls until the socket opens, then sends invoke frames with distinct ids', async () => {
    const bridge = makeBridge()
    const a = bridge.invoke('families.list', {})
    const b = bridge.invoke('rooms.list', { familyId: 'f-1' })
    expect(latest().sent).toEqual([])
    latest().open()
    expect(latest().sent).toEqual([
      { type: 'invoke', id: 1, command: 'families.list', args: {} },
      { type: 'invoke', id: 2, command: 'rooms.list', args: { familyId: 'f-1' } },
    ])
    latest().deliver({ type: 'result', id: 2, result: { ok: true, result: [] } })
    latest().deliver({ type: 'result', id: 1, result: { ok: true, result: [{ familyId: 'f-1' }] } })
    await expect(a).resolves.toEqual({ ok: true, result: [{ familyId: 'f-1' }] })
    await expect(b).resolves.toEqual({ ok: true, result: [] })
  })

  it('correlates results by id when answers arrive out of order', async () => {
    const bridge = makeBridge()
    latest().open()
    const calls = [1, 2, 3].map((n) => bridge.invoke('families.describe', { familyId: `f-${n}` }))
    const ids = latest().sent.map((m) => m.id)
    for (const id of [...ids].reverse()) {
      const frame = latest().sent.find((m) => m.id === id)!
      latest().deliver({ type: 'result', id, result: { ok: true, result: (frame.args as { familyId: string }).familyId } })
    }
    const results = await Promise.all(calls)
    expect(results.map((r) => (r.ok ? r.result : null))).toEqual(['f-1', 'f-2', 'f-3'])
  })

  it('reads a history answer sent as a binary frame: its columns arrive as Float64Arrays', async () => {
    const bridge = makeBridge()
    latest().open()
    const call = bridge.invoke('history.cacheStats', {})
    const times = Float64Array.from([1_000, 2_000, 3_000])
    const series = [{ property: 'temperature', times, values: Float64Array.from([20.5, 21, -3]) }, { property: 'name', times, values: ['a', 'b', 'c'] }]
    const frame = encodeBinaryFrame({ type: 'result', id: latest().sent[0]!.id, result: { ok: true, result: { series } } })!
    latest().onmessage?.({ data: frame.buffer })
    const answer = await call
    const got = (answer.ok ? answer.result : null) as unknown as { series: { times: Float64Array; values: unknown }[] }
    expect(got.series[0]!.times).toBeInstanceOf(Float64Array)
    expect(Array.from(got.series[0]!.times)).toEqual([1_000, 2_000, 3_000])
    expect(Array.from(got.series[0]!.values as Float64Array)).toEqual([20.5, 21, -3])
    expect(got.series[1]!.values).toEqual(['a', 'b', 'c'])
  })

  it('passes error results through untouched', async () => {
    const bridge = makeBridge()
    latest().open()
    const call = bridge.invoke('families.list', {})
    const error = { kind: 'api', code: 'InvalidParameterValue', message: 'bad family', requestId: 'req-42', action: 'AppGetFamilyList' } as const
    latest().deliver({ type: 'result', id: 1, result: { ok: false, error } })
    await expect(call).resolves.toEqual({ ok: false, error })
  })

  it('dispatches events to the listeners of that event only', () => {
    const bridge = makeBridge()
    latest().open()
    const onSession = vi.fn()
    const onConnection = vi.fn()
    const off = bridge.on('session.changed', onSession)
    bridge.on('connection.changed', onConnection)
    latest().deliver({ type: 'event', event: 'connection.changed', payload: { status: 'live' } })
    expect(onConnection).toHaveBeenCalledWith({ status: 'live' })
    expect(onSession).not.toHaveBeenCalled()
    off()
    latest().deliver({ type: 'event', event: 'session.changed', payload: { session: null, reason: 'expired' } })
    expect(onSession).not.toHaveBeenCalled()
  })

  it('keeps dispatching when one listener throws', () => {
    const bridge = makeBridge()
    latest().open()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const second = vi.fn()
    bridge.on('connection.changed', () => {
      throw new Error('boom')
    })
    bridge.on('connection.changed', second)
    latest().deliver({ type: 'event', event: 'connection.changed', payload: { status: 'offline' } })
    expect(second).toHaveBeenCalledOnce()
    errors.mockRestore()
  })

  it('fails every pending call with a network error when the socket closes', async () => {
    const bridge = makeBridge()
    latest().open()
    const a = bridge.invoke('families.list', {})
    const b = bridge.invoke('session.current', {})
    latest().drop()
    for (const outcome of await Promise.all([a, b])) {
      expect(outcome.ok).toBe(false)
      if (!outcome.ok) expect(outcome.error.kind).toBe('network')
    }
  })

  it('fails calls queued on a socket that never opened', async () => {
    const bridge = makeBridge()
    const call = bridge.invoke('families.list', {})
    latest().drop()
    const outcome = await call
    expect(outcome.ok === false && outcome.error.kind).toBe('network')
  })

  it('ignores a late result for a call that already failed', async () => {
    const bridge = makeBridge()
    const first = latest()
    first.open()
    const call = bridge.invoke('families.list', {})
    first.drop()
    await call
    expect(() => first.deliver({ type: 'result', id: 1, result: { ok: true, result: [] } })).not.toThrow()
  })

  it('reconnects with exponential backoff and resets it after a successful open', () => {
    const bridge = makeBridge({ initialBackoffMs: 500, maxBackoffMs: 4000 })
    const links: string[] = []
    bridge.onLink((s) => links.push(s))
    latest().drop() // never opened
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(499)
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(2)
    latest().drop()
    vi.advanceTimersByTime(999)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3)
    latest().drop()
    latest().drop() // a stale close is ignored
    vi.advanceTimersByTime(2000)
    expect(FakeSocket.all).toHaveLength(4)
    latest().open()
    latest().drop()
    vi.advanceTimersByTime(500) // back to the first step
    expect(FakeSocket.all).toHaveLength(5)
    expect(links).toEqual(['closed', 'connecting', 'closed', 'connecting', 'closed', 'connecting', 'open', 'closed', 'connecting'])
  })

  it('caps the backoff', () => {
    makeBridge({ initialBackoffMs: 500, maxBackoffMs: 2000 })
    for (let i = 0; i < 6; i++) {
      latest().drop()
      vi.advanceTimersByTime(2000)
    }
    expect(FakeSocket.all).toHaveLength(7)
  })

  it('connects at once when a call is made during the backoff wait', async () => {
    const bridge = makeBridge({ initialBackoffMs: 10_000 })
    latest().drop()
    const call = bridge.invoke('session.current', {})
    expect(FakeSocket.all).toHaveLength(2)
    latest().open()
    expect(latest().sent).toHaveLength(1)
    latest().deliver({ type: 'result', id: 1, result: { ok: true, result: null } })
    await expect(call).resolves.toEqual({ ok: true, result: null })
  })

  it('times out a call nobody answers', async () => {
    const bridge = makeBridge({ callTimeoutMs: 1000 })
    latest().open()
    const call = bridge.invoke('families.list', {})
    vi.advanceTimersByTime(1000)
    const outcome = await call
    expect(outcome.ok === false && outcome.error.kind).toBe('timeout')
  })

  it('treats a malformed result as an internal error', async () => {
    const bridge = makeBridge()
    latest().open()
    const call = bridge.invoke('families.list', {})
    latest().deliver({ type: 'result', id: 1, result: { nope: true } as never })
    const outcome = await call
    expect(outcome.ok === false && outcome.error.code).toBe('Desk.MalformedResponse')
  })

  it('stops reconnecting once disposed', () => {
    const bridge = makeBridge()
    bridge.dispose()
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.all).toHaveLength(1)
  })
})

describe('DeskClient', () => {
  it('returns the result, or throws a DeskError carrying the BridgeError', async () => {
    const bridge = makeBridge()
    latest().open()
    const client = createDeskClient(bridge, 'web', bridge)
    const seen = vi.fn()
    client.onCallError(seen)

    const ok = client.call('families.list', {})
    latest().deliver({ type: 'result', id: 1, result: { ok: true, result: [] } })
    await expect(ok).resolves.toEqual([])

    const bad = client.call('families.list', {})
    const error = { kind: 'api', code: 'AuthFailure', message: 'token invalid', requestId: 'req-7' } as const
    latest().deliver({ type: 'result', id: 2, result: { ok: false, error } })
    const thrown = await bad.catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(DeskError)
    expect((thrown as DeskError).detail).toEqual(error)
    expect((thrown as DeskError).requestId).toBe('req-7')
    expect(seen).toHaveBeenCalledWith('families.list', error)
  })

  it('turns a throwing preload into an internal DeskError', async () => {
    const client = createDeskClient(
      { invoke: () => Promise.reject(new Error('ipc broke')), on: () => () => {} },
      'electron',
    )
    await expect(client.call('app.info', {})).rejects.toMatchObject({ detail: { kind: 'internal', message: 'ipc broke' } })
    expect(client.link).toBe('open')
  })

  it('derives the bridge URL from the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/bridge')
    expect(bridgeUrl({ protocol: 'https:', host: 'desk.local' })).toBe('wss://desk.local/bridge')
  })

  it('removes the one-time token from the URL, keeping the rest', () => {
    window.history.replaceState(null, '', '/?token=s3cret&lang=en#/families')
    stripTokenFromUrl()
    expect(window.location.search).toBe('?lang=en')
    expect(window.location.hash).toBe('#/families')
    expect(window.location.href).not.toContain('s3cret')
  })
})
