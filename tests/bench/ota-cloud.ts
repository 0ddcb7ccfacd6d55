/**
 * The OTA benchmark's cloud, in its own process so the desk's figures measure the desk: a
 * quiet sandbox whose demo account holds 10,000 devices (one family: spread over the usual
 * families, the account held 8,500 of them and so did the rollout), with compressed upgrades,
 * prepared so every one can upgrade (online, one version below its product's newest firmware).
 */
import { CloudClient } from '../../electron/core/api/cloud-client'
import { mapConcurrently } from '../../shared/concurrency'
import { DEMO_ACCOUNT, startSandbox } from '../../electron/sandbox'

const otaDurationMs = Number(process.env.OTA_BENCH_DURATION_MS ?? 1_000)
const sandbox = await startSandbox({ port: 0, devices: 10_000, oneFamily: true, simulate: false, otaDurationMs })

const devices = sandbox.world.familiesOf(DEMO_ACCOUNT.userId).flatMap(({ family }) => sandbox.world.devicesIn(family.familyId))
// Gateways first: a sub-device comes online only through an online gateway.
for (const d of [...devices].sort((a, b) => a.deviceType - b.deviceType)) if (!d.online) sandbox.control.setDeviceOnline(d.deviceId, true)

const client = new CloudClient({ baseUrl: sandbox.baseUrl, appKey: sandbox.appKey, appSecret: sandbox.appSecret })
const signIn = await client.callAppApi('AppGetToken', { Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password })
const token = String(signIn.data.Token)
const current = devices.filter((d) => sandbox.ota.versionOf(d.deviceId) === sandbox.ota.firmwareOf(d.productId).at(-1)!.version)
await mapConcurrently(current, 16, async (d) => {
  const older = sandbox.ota.firmwareOf(d.productId).at(-2)!.version
  await client.callTokenApi('AppReportFirmwareVersion', { ProductId: d.productId, DeviceName: d.deviceName, Version: older }, token)
})

process.on('message', (message: { type: string }) => {
  if (message.type === 'publishes') {
    const counts = [...sandbox.ota.allPublishes().values()].map((records) => records.length)
    process.send?.({ type: 'publishes', devices: counts.length, twice: counts.filter((n) => n > 1).length })
  }
  if (message.type === 'stop') void sandbox.close().then(() => process.exit(0))
})
process.send?.({ type: 'ready', baseUrl: sandbox.baseUrl, appKey: sandbox.appKey, appSecret: sandbox.appSecret, devices: devices.length, otaDurationMs })
