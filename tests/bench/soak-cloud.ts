/**
 * The soak benchmark's cloud, in its own process: a packaged app's main process never holds
 * the cloud's storage (the sandbox keeps every report it was sent, up to its cap), so keeping
 * it apart lets main's samples be the app's alone. Its own memory is sampled beside them.
 * Messages: 'ready' (address, keys and the tour's ids), 'push' (start reports at a rate),
 * 'sample' (memory after a full collection, as main's), 'stop' (answers 'stopped' with the count sent).
 */
import { DEMO_ACCOUNT, startSandbox } from '../../electron/sandbox'
import type { ThingProperty } from '../../electron/sandbox/world/thing-model'
import { collectFully } from './process-memory'

const devices = Number(process.argv[2] ?? 10_000)
// Two days: a camera records in CST days, and with one the archive held only today's, nothing
// in the first minutes after CST midnight (16:00 UTC), when the soak's recording never played.
const sandbox = await startSandbox({ port: 0, devices, oneFamily: true, simulate: false, historyDays: 2 })
const world = sandbox.world
const home = world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
const family = world.devicesIn(home.familyId)
const online = (kind: string) => family.find((d) => world.products.get(d.productId)?.kind === kind && d.online)
const camera = family.find((d) => world.products.get(d.productId)?.kind === 'camera' && d.online && d.properties.get('record_enable')?.value === 1)

let stopPushes: (() => number) | null = null

process.on('message', (message: { type: string; perSecond?: number }) => {
  if (message.type === 'push') stopPushes = pushAt(message.perSecond ?? 0)
  if (message.type === 'sample') {
    void collectFully().then(() => {
      const { heapUsed, rss } = process.memoryUsage()
      process.send?.({ type: 'sample', heapUsed, rss })
    })
  }
  if (message.type === 'stop') {
    const sent = stopPushes?.() ?? 0
    void sandbox.close().finally(() => process.send?.({ type: 'stopped', sent }, () => process.exit(0)))
  }
})
process.send?.({
  type: 'ready',
  url: sandbox.url,
  appKey: sandbox.appKey,
  appSecret: sandbox.appSecret,
  familyId: home.familyId,
  sensorId: (online('sensor') ?? family[0]!).deviceId,
  cameraId: camera?.deviceId ?? null,
})

/** Property reports on the family's devices, round robin, in batches every 10 ms; the stop tells how many went. */
function pushAt(perSecond: number): () => number {
  const targets: { deviceId: string; property: ThingProperty }[] = []
  for (const device of family) {
    const properties = world.products.get(device.productId)?.dataTemplate.properties ?? []
    const property = properties.find((p) => p.define.type === 'int' || p.define.type === 'float') ?? properties.find((p) => p.define.type === 'bool')
    if (property) targets.push({ deviceId: device.deviceId, property })
  }
  const started = Date.now()
  let sent = 0
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond)
    for (; sent < due; sent++) {
      const { deviceId, property } = targets[sent % targets.length]!
      const define = property.define
      const value = define.type === 'bool' ? sent % 2 : Math.ceil(Number((define as { min: string }).min)) + (sent % 2)
      sandbox.control.reportProperties(deviceId, { [property.id]: value })
    }
  }, 10)
  return () => {
    clearInterval(timer)
    return sent
  }
}
