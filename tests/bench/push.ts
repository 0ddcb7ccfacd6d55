/**
 * `npm run bench -- push`: 5,000 watched devices at 2,000 pushes/s for 10 s, through the
 * core (push client, state, batching) and the browser-mode bridge to a WebSocket client
 * standing in for the renderer. The cloud runs in a child process.
 * - push.delivered_ratio: device events that reached the bridge client / reports sent (must be 1.0)
 * - push.batch_latency_p50_ms / p95: from a report leaving the cloud to its batch arriving
 * - push.main_cpu_pct: CPU of this process (core + host + bridge client) over the run
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { WebSocket } from 'ws'
import type { WireToPage } from '../../shared/contracts'
import type { DeviceEvent } from '../../shared/live'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { createDesk } from '../../electron/core/desk'
import { startWebHost } from '../../electron/web/host'
import { RENDERER_DIR } from '../support/app'
import { nextMessage } from './bench-cloud'
import { percentile, report } from './report'

const DEVICES = 5_000
const PER_SECOND = 2_000
const SECONDS = 10

interface Ready {
  url: string
  appKey: string
  appSecret: string
}

export async function pushBench(): Promise<void> {
  const cloud = fork(join(import.meta.dirname, 'push-cloud.ts'), { execArgv: ['--import', 'tsx'] })
  const ready = await nextMessage<Ready>(cloud, 'ready')
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-'))
  const desk = await createDesk(
    { mode: 'web', version: 'bench', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
    { logger: pino({ level: 'silent' }) },
  )
  const host = await startWebHost({ desk, rendererDir: RENDERER_DIR })
  const bridge = await connectBridge(host.url, host.origin)
  try {
    const ids = await signInAndWatch(bridge, ready)
    const received = new Map<string, number[]>()
    bridge.onEvent('device.events', (events: DeviceEvent[]) => {
      const at = Date.now()
      for (const e of events) if (e.kind === 'property') (received.get(e.deviceId) ?? received.set(e.deviceId, []).get(e.deviceId)!).push(at)
    })
    const cpuBefore = process.cpuUsage()
    cloud.send({ type: 'drive', deviceIds: ids, perSecond: PER_SECOND, seconds: SECONDS })
    const done = await nextMessage<{ sentAt: Record<string, number[]>; sent: number; elapsedMs: number }>(cloud, 'done')
    await new Promise((resolve) => setTimeout(resolve, 1_000)) // the last batches
    const cpu = process.cpuUsage(cpuBefore)
    const latencies: number[] = []
    let delivered = 0
    for (const [id, sent] of Object.entries(done.sentAt)) {
      const got = received.get(id) ?? []
      delivered += Math.min(got.length, sent.length)
      sent.forEach((t, i) => got[i] !== undefined && latencies.push(got[i]! - t))
    }
    report('push.sent', done.sent, 'pushes')
    report('push.rate_per_s', Math.round(done.sent / (done.elapsedMs / 1000)), 'pushes/s')
    report('push.delivered_ratio', delivered / done.sent, 'ratio')
    report('push.batch_latency_p50_ms', percentile(latencies, 50), 'ms')
    report('push.batch_latency_p95_ms', percentile(latencies, 95), 'ms')
    report('push.main_cpu_pct', (100 * (cpu.user + cpu.system)) / 1000 / (done.elapsedMs + 1_000), '%')
  } finally {
    bridge.close()
    await host.close()
    await desk.close()
    cloud.send({ type: 'stop' })
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function signInAndWatch(bridge: Bridge, cloud: Ready): Promise<string[]> {
  const profile = await bridge.invoke<{ id: string }>('profiles.save', {
    name: 'Bench cloud',
    kind: 'custom',
    baseUrl: cloud.url,
    appKey: cloud.appKey,
    appSecret: cloud.appSecret,
  })
  await bridge.invoke('session.signIn', {
    profileId: profile.id,
    credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
  })
  const families = await bridge.invoke<{ familyId: string }[]>('families.list', {})
  const devices = (await Promise.all(families.map((f) => bridge.invoke<{ deviceId: string }[]>('devices.list', { familyId: f.familyId })))).flat()
  const ids = devices.slice(0, DEVICES).map((d) => d.deviceId)
  const live = bridge.waitFor('connection.changed', (s: { status: string }) => s.status === 'live')
  await bridge.invoke('live.watch', { deviceIds: ids })
  await live
  await new Promise((resolve) => setTimeout(resolve, 3_000)) // the first resync
  return ids
}

interface Bridge {
  invoke<T>(command: string, args: unknown): Promise<T>
  onEvent<T>(event: string, fn: (payload: T) => void): void
  waitFor<T>(event: string, test: (payload: T) => boolean): Promise<T>
  close(): void
}

/** The browser-mode bridge as the renderer uses it, from Node. */
async function connectBridge(url: string, origin: string): Promise<Bridge> {
  const redeemed = await fetch(url, { redirect: 'manual' })
  const cookie = (redeemed.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, { headers: { cookie, origin } })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  let serial = 0
  const pending = new Map<number, (message: WireToPage & { type: 'result' }) => void>()
  const listeners: { event: string; fn: (payload: never) => void }[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireToPage
    if (message.type === 'result') pending.get(message.id)?.(message)
    else for (const l of listeners) if (l.event === message.event) l.fn(message.payload as never)
  })
  const bridge: Bridge = {
    invoke: (command, args) =>
      new Promise((resolve, reject) => {
        const id = ++serial
        pending.set(id, ({ result }) => (result.ok ? resolve(result.result as never) : reject(new Error(result.error.message))))
        ws.send(JSON.stringify({ type: 'invoke', id, command, args }))
      }),
    onEvent: (event, fn) => listeners.push({ event, fn: fn as (payload: never) => void }),
    waitFor: (event, test) =>
      new Promise((resolve) => bridge.onEvent(event, (payload: never) => test(payload) && resolve(payload))),
    close: () => ws.close(),
  }
  return bridge
}

