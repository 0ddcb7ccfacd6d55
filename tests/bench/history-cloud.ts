/**
 * The history benchmark's cloud, in its own process (as the push benchmark's): the sandbox
 * with 90 days of history and 40 ms injected before every answer, so the figures measure
 * the core's fetching, not the emulator sharing its thread. Reports the demo home's
 * sensors old enough to have all 90 days.
 */
import { DEMO_ACCOUNT, startSandbox } from '../../electron/sandbox'

const DAY = 86_400_000
const HISTORY_DAYS = 90

const sandbox = await startSandbox({ port: 0, simulate: false, historyDays: HISTORY_DAYS, latencyMs: 40 })
const startMs = sandbox.options.clock()
const world = sandbox.world
const home = world.familiesOf(DEMO_ACCOUNT.userId)[0]!.family
const sensors = world
  .devicesIn(home.familyId)
  .filter((d) => world.products.get(d.productId)?.kind === 'sensor' && d.createTime * 1000 < startMs - HISTORY_DAYS * DAY)
  .map((d) => d.deviceId)

process.on('message', (message: { type: string }) => {
  if (message.type === 'stop') void sandbox.close().then(() => process.exit(0))
})
process.send?.({ type: 'ready', url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret, startMs, historyDays: HISTORY_DAYS, sensors })
