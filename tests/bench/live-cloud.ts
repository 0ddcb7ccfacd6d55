/**
 * The live benchmark's cloud, in its own process so main's figures measure main: a quiet
 * sandbox with every device in one family that, on request, makes devices report at a fixed
 * rate (probes on rows in view among them) and counts the push frames its sockets wrote.
 */
import { WebSocket } from 'ws'
import { DEMO_ACCOUNT, startSandbox } from '../../electron/sandbox'
import { PushConnection } from '../../electron/sandbox/ws/connection'
import { startNodeProfile } from './node-profile'

const devices = Number(process.env.LIVE_BENCH_DEVICES ?? 10_000)
const sandbox = await startSandbox({ port: 0, devices, oneFamily: true, simulate: false, historyDays: 0 })
const family = sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family

// The socket stage: push frames handed to the sandbox's WebSocket connections.
let framesWritten = 0
const send = WebSocket.prototype.send
WebSocket.prototype.send = function counted(this: WebSocket, data: unknown, ...rest: unknown[]) {
  if (typeof data === 'string' && data.endsWith('"push":true}')) framesWritten++ // pushMessage's last field
  return (send as (...args: unknown[]) => void).call(this, data, ...rest)
} as typeof send

// Connections cut (while driving, only the slow-consumer rule cuts them): each costs the
// pushes of the gap until the desk has reconnected, and a resync of every watched device.
let drops = 0
const drop = PushConnection.prototype.drop
PushConnection.prototype.drop = function countedDrop(this: PushConnection) {
  if (this.open) drops++
  drop.call(this)
}

export interface Probe {
  deviceId: string
  propId: string
  min: number
  span: number
  next: number
}

/** Cells on screen whose property is a number with room to change. */
function probesFor(cells: { deviceId: string; propId: string }[]): Probe[] {
  return cells.flatMap(({ deviceId, propId }) => {
    const device = sandbox.world.devices.get(deviceId)
    const define = device && sandbox.world.products.get(device.productId)?.dataTemplate.properties.find((p) => p.id === propId)?.define
    if (!define || (define.type !== 'int' && define.type !== 'float')) return []
    const min = Math.ceil(Number(define.min))
    const span = Math.min(50, Math.floor(Number(define.max)) - min + 1)
    return span >= 2 ? [{ deviceId, propId, min, span, next: 1 }] : []
  })
}

/** Reports on every other device of the family, round robin, each on a numeric or bool property. */
function background(probed: ReadonlySet<string>): () => void {
  const targets: { deviceId: string; id: string; bool: boolean; min: number }[] = []
  for (const device of sandbox.world.devicesIn(family.familyId)) {
    if (probed.has(device.deviceId)) continue
    const properties = sandbox.world.products.get(device.productId)?.dataTemplate.properties ?? []
    const p = properties.find((x) => x.define.type === 'int' || x.define.type === 'float') ?? properties.find((x) => x.define.type === 'bool')
    if (p) targets.push({ deviceId: device.deviceId, id: p.id, bool: p.define.type === 'bool', min: Math.ceil(Number((p.define as { min?: string }).min ?? 0)) })
  }
  let next = 0
  return () => {
    const t = targets[next++ % targets.length]!
    sandbox.control.reportProperties(t.deviceId, { [t.id]: t.bool ? next % 2 : t.min + (next % 2) })
  }
}

/** Ticks of 10 ms one turn of the loop may make: 50 ms of reports, 1,000 at 20,000/s. */
const CATCH_UP_TICKS = 5

interface Drive {
  perSecond: number
  seconds: number
  probes: Probe[]
  probesPerSecond: number
  /** Where to write a CPU profile of this run (LIVE_BENCH_PROFILE). */
  profileDir?: string
}

async function drive({ perSecond, seconds, probes, probesPerSecond, profileDir }: Drive): Promise<void> {
  const profile = profileDir ? await startNodeProfile(profileDir, 'cloud') : null
  const other = background(new Set(probes.map((p) => p.deviceId)))
  const sends: [string, string, number][] = []
  const perTick = perSecond / 100
  const probeEvery = Math.round(100 / probesPerSecond)
  const cpuBefore = process.cpuUsage()
  const framesBefore = framesWritten
  const dropsBefore = drops
  const started = Date.now()
  let tick = 0
  let sent = 0
  let probeTurn = 0
  const timer = setInterval(() => {
    // Catch up if the timer slipped, so the rate holds on a busy machine; but at most
    // CATCH_UP_TICKS per turn, so the sockets write in between. Unbounded, a slip of a few
    // seconds came back as one synchronous burst of 60,000+ reports: the connection's 8 MiB
    // filled while this process never let the socket drain, and the slow-consumer rule cut a
    // desk that had been idle, waiting for data.
    const due = Math.min(seconds * 100, Math.floor((Date.now() - started) / 10) + 1, tick + CATCH_UP_TICKS)
    for (; tick < due; tick++) {
      for (let i = 0; i < perTick; i++, sent++) {
        if (i === 0 && tick % probeEvery === 0 && probes.length > 0) {
          const probe = probes[probeTurn++ % probes.length]!
          const value = probe.min + (probe.next++ % probe.span)
          sandbox.control.reportProperties(probe.deviceId, { [probe.propId]: value })
          sends.push([`${probe.deviceId}|${probe.propId}`, String(value), Date.now()])
        } else other()
      }
    }
    if (tick < seconds * 100) return
    clearInterval(timer)
    const elapsedMs = Date.now() - started
    const cpu = process.cpuUsage(cpuBefore)
    // The frames still queued reach the socket a moment later.
    setTimeout(async () => {
      const written = framesWritten - framesBefore
      const path = await profile?.stop()
      process.send?.({ type: 'done', sent, elapsedMs, sends, cpuMs: (cpu.user + cpu.system) / 1000, framesWritten: written, drops: drops - dropsBefore, profile: path })
    }, 1_000)
  }, 10)
}

process.on('message', (message: { type: string; cells?: { deviceId: string; propId: string }[] } & Drive) => {
  if (message.type === 'probes') process.send?.({ type: 'probes', probes: probesFor(message.cells ?? []) })
  if (message.type === 'drive') void drive(message)
  if (message.type === 'stop') void sandbox.close().then(() => process.exit(0))
})
process.send?.({ type: 'ready', url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret, familyId: family.familyId, devices: sandbox.world.devicesIn(family.familyId).length })
