/**
 * The push benchmark's cloud, in its own process so the figures for main measure main:
 * a quiet sandbox that, on request, makes devices report at a fixed rate and remembers
 * when each report left, per device in order.
 */
import { startSandbox } from '../../electron/sandbox'

const sandbox = await startSandbox({ port: 0, devices: 10_000, simulate: false })

interface Load {
  deviceIds: string[]
  perSecond: number
  seconds: number
}

function drive({ deviceIds, perSecond, seconds }: Load): void {
  const sentAt: Record<string, number[]> = {}
  const perTick = perSecond / 100
  const ticks = seconds * 100
  let next = 0
  let tick = 0
  const started = Date.now()
  const timer = setInterval(() => {
    // Catch up if the timer slipped, so the rate holds on a busy machine.
    const due = Math.min(ticks, Math.floor((Date.now() - started) / 10) + 1)
    for (; tick < due; tick++) {
      for (let i = 0; i < perTick; i++) {
        const id = deviceIds[next++ % deviceIds.length]!
        const [property, state] = sandbox.world.devices.get(id)!.properties.entries().next().value!
        sandbox.control.reportProperties(id, { [property]: state.value })
        ;(sentAt[id] ??= []).push(Date.now())
      }
    }
    if (tick >= ticks) {
      clearInterval(timer)
      process.send?.({ type: 'done', sentAt, sent: next, elapsedMs: Date.now() - started })
    }
  }, 10)
}

process.on('message', (message: { type: string } & Load) => {
  if (message.type === 'drive') drive(message)
  if (message.type === 'stop') void sandbox.close().then(() => process.exit(0))
})
process.send?.({ type: 'ready', url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret })
