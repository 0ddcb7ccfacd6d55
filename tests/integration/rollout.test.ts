/**
 * Firmware upgrades through the core, against the sandbox: one device, and fleet rollouts
 * with waves, the failure threshold, offline devices, retries, devices that say done on
 * their old version, timeouts, a restart in the middle of a publish, and two app instances
 * on one store. The sandbox's own publish record is the judge of what was sent.
 */
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { BridgeEvents, EventName } from '../../shared/contracts'
import type { PreviewDevice, RolloutBoard, RolloutProgress } from '../../shared/rollout'
import { CloudClient } from '../../electron/core/api/cloud-client'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { openDatabase } from '../../electron/core/store/database'
import { DEMO_ACCOUNT, PRODUCT_IDS, type SandboxOptions } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/** Polls and waits shortened to the sandbox's compressed upgrades. */
const FAST = { pollMs: 150, retryDelayMs: 100, reconcileDelayMs: 200, waitPollMs: 150, progressMs: 100, onlineFreshMs: 2_000 }
const PUBLISH = 'AppPublishFirmwareUpdateMessage'

let app: DeskUnderTest | undefined
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await app?.close()
  app = undefined
})

async function signedIn(sandbox: Partial<SandboxOptions> = {}, rollout: { pushes?: boolean } = {}): Promise<DeskUnderTest> {
  app = await deskOnSandbox({ sandbox: { devices: 40, otaDurationMs: 300, ...sandbox }, desk: { rollout: { ...FAST, ...rollout } } })
  await app.signInDemo()
  return app
}

/** Polls the board until `test` holds. */
async function until(t: DeskUnderTest, rolloutId: string, test: (board: RolloutBoard) => boolean, timeoutMs = 20_000): Promise<RolloutBoard> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const board = await t.run('rollout.get', { rolloutId, limit: 10_000 })
    if (test(board)) return board
    if (Date.now() > deadline) throw new Error(`rollout ${rolloutId} never got there: ${JSON.stringify(board.summary)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
const ended = (board: RolloutBoard) => board.summary.state === 'completed' && board.summary.driver === 'none'

/** Online devices that can upgrade, from a preview of the whole account. */
async function upgradable(t: DeskUnderTest, count: number, product?: string): Promise<PreviewDevice[]> {
  const preview = await t.run('rollout.preview', { selection: product ? { productIds: [product] } : {} })
  const found = preview.devices.filter((d) => d.upgradable && d.online && d.deviceType === 0)
  if (found.length < count) throw new Error(`only ${found.length} online upgradable devices`)
  return found.slice(0, count)
}

const publishesOf = (t: DeskUnderTest, deviceId: string) => t.sandbox.ota.publishesOf(deviceId)
const newestOf = (t: DeskUnderTest, productId: string) => t.sandbox.ota.firmwareOf(productId).at(-1)!.version

async function setVersion(t: DeskUnderTest, deviceId: string, version: string): Promise<void> {
  const [ProductId, DeviceName] = deviceId.split('/')
  await t.run('api.call', { action: 'AppReportFirmwareVersion', params: { ProductId, DeviceName, Version: version } })
}

describe('one device', { timeout: 30_000 }, () => {
  it('shows current and available version, the firmware and the status in words; upgrades, confirms the final version, audits the publish', async () => {
    const t = await signedIn()
    const [light] = await upgradable(t, 1, PRODUCT_IDS.light)
    await setVersion(t, light!.deviceId, '1.9.3')
    const check = await t.run('ota.check', { deviceId: light!.deviceId })
    const newest = t.sandbox.ota.firmwareOf(PRODUCT_IDS.light).at(-1)!
    expect(check).toMatchObject({ currentVersion: '1.9.3', targetVersion: '1.10.0', upgradable: true, online: true })
    expect(check.firmware).toMatchObject({ version: '1.10.0', md5: newest.md5, name: newest.name, fwType: 'mcu' })
    expect(check.status).toMatchObject({ status: 8, statusText: 'Waiting for user confirmation', oriVersion: '1.9.3', dstVersion: '1.10.0' })

    // The user confirmed 1.10.0; a stale confirmation is refused before anything is sent.
    expect((await t.fail('ota.upgradeDevice', { deviceId: light!.deviceId, targetVersion: '1.9.9' })).code).toBe('Desk.RolloutState')
    const single = await t.run('ota.upgradeDevice', { deviceId: light!.deviceId, targetVersion: '1.10.0' })
    expect(single).toMatchObject({ kind: 'single', state: 'running', total: 1, driver: 'here' })
    const board = await until(t, single.rolloutId, ended)
    expect(board.devices[0]).toMatchObject({ state: 'done', fromVersion: '1.9.3', targetVersion: '1.10.0', finalVersion: '1.10.0', publishes: 1, otaStatus: 6 })
    expect(t.sandbox.ota.versionOf(light!.deviceId)).toBe('1.10.0')

    const sent = publishesOf(t, light!.deviceId)
    expect(sent).toHaveLength(1)
    expect(board.devices[0]!.requestId).toBe(sent[0]!.requestId)
    const audit = await t.run('audit.list', { action: PUBLISH })
    expect(audit.entries).toMatchObject([{ outcome: 'ok', requestId: sent[0]!.requestId, account: DEMO_ACCOUNT.email }])

    // Live progress reached the bridge, in words, ending done.
    await t.waitForEvent('rollout.progress', (batch) => batch.some((p) => p.devices.some((d) => d.state === 'done')))
    const seen = t.events.filter((e) => e.event === 'rollout.progress').flatMap((e) => (e.payload as RolloutProgress[]).flatMap((p) => p.devices))
    expect(seen.some((d) => d.state === 'upgrading' && d.otaStatusText !== '')).toBe(true)
    expect(seen.at(-1)).toMatchObject({ state: 'done', otaStatusText: 'Update completed' })
    expect(await t.run('ota.check', { deviceId: light!.deviceId })).toMatchObject({ upgradable: false, status: { status: 6, statusText: 'Update completed' } })
  })

  it.each([
    ['with push hints', true],
    ['polling only', false],
  ])('a device that says done but comes back on its old version is a failure (%s)', async (_, pushes) => {
    const t = await signedIn({}, { pushes })
    const [device] = await upgradable(t, 1)
    t.sandbox.ota.failNextUpgrade(device!.deviceId, 'reverted')
    const single = await t.run('ota.upgradeDevice', { deviceId: device!.deviceId, targetVersion: device!.targetVersion })
    const board = await until(t, single.rolloutId, ended)
    expect(board.devices[0]).toMatchObject({ state: 'failed', reason: 'reverted', finalVersion: device!.currentVersion, otaStatus: 6 })
    expect(t.sandbox.ota.upgradeOf(device!.deviceId)).toMatchObject({ status: 6 })
    expect(t.sandbox.ota.versionOf(device!.deviceId)).toBe(device!.currentVersion)
  })

  it('a device that does not finish within its timeout fails', async () => {
    const t = await signedIn({ otaDurationMs: 5_000 })
    const [device] = await upgradable(t, 1)
    const started = Date.now()
    const single = await t.run('ota.upgradeDevice', { deviceId: device!.deviceId, targetVersion: device!.targetVersion, deviceTimeoutMs: 1_000 })
    const board = await until(t, single.rolloutId, ended)
    expect(board.devices[0]).toMatchObject({ state: 'failed', reason: 'timeout', publishes: 1 })
    expect(Date.now() - started).toBeLessThan(4_000)
  })
})

describe('fleet rollouts', { timeout: 30_000 }, () => {
  it('leaves out the homes where the account is only a member, counts them, and refuses a rollout of only those', async () => {
    const t = await signedIn()
    const homes = t.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)
    const memberHome = homes.find((h) => h.role === 0)!.family
    const memberDevices = t.sandbox.world.devicesIn(memberHome.familyId)
    expect(memberDevices.length).toBeGreaterThan(0)

    const preview = await t.run('rollout.preview', { selection: {} })
    // Their versions are still read (the device list shows them), but none can be upgraded from here.
    const inMemberHome = preview.devices.filter((d) => d.familyId === memberHome.familyId)
    expect(inMemberHome).toHaveLength(memberDevices.length)
    expect(inMemberHome.every((d) => !d.upgradable && d.reason === 'not-permitted' && d.currentVersion !== '')).toBe(true)
    expect(preview.excluded).toEqual([{ familyId: memberHome.familyId, familyName: memberHome.name, devices: memberDevices.length, reason: 'member' }])
    expect(preview.upgradable).toBe(preview.devices.filter((d) => d.upgradable && d.familyId !== memberHome.familyId).length)

    // Named by device, a member home's device is still left out; asked for alone, it is refused.
    const one = memberDevices[0]!.deviceId
    expect((await t.run('rollout.preview', { selection: { deviceIds: [one] } })).excluded[0]?.devices).toBe(1)
    const refused = await t.fail('rollout.create', { name: 'Not mine', selection: { familyIds: [memberHome.familyId] } })
    expect(refused.code).toBe('Desk.RolloutNotPermitted')
    expect(refused.message).toContain(memberHome.name)
    expect(memberDevices.every((d) => publishesOf(t, d.deviceId).length === 0)).toBe(true)
  })

  it('advances wave by wave (canary across products first), within the concurrency, each device published once and audited', async () => {
    const t = await signedIn({ devices: 60 })
    const preview = await t.run('rollout.preview', { selection: {} })
    const eligible = preview.devices.filter((d) => d.upgradable)
    expect(preview.upgradable).toBe(eligible.length)
    const created = await t.run('rollout.create', {
      name: 'Everything',
      selection: {},
      plan: { canary: 3, steps: [40, 100], concurrency: 4, maxFailedPercent: 100 },
    })
    expect(created).toMatchObject({ state: 'draft', total: eligible.length, waveCount: 3, driver: 'none' })
    // The summary names what it upgrades to, per product (the rollouts list shows it).
    expect(created.targets.reduce((n, target) => n + target.count, 0)).toBe(eligible.length)
    for (const target of created.targets) expect(target.version).toBe(newestOf(t, target.productId))
    expect(new Set(created.targets.map((target) => target.productId))).toEqual(new Set(eligible.map((d) => d.productId)))
    expect((await t.run('rollout.list', {})).find((r) => r.rolloutId === created.rolloutId)?.targets).toEqual(created.targets)
    const draft = await t.run('rollout.get', { rolloutId: created.rolloutId, limit: 10_000 })
    expect(new Set(draft.devices.slice(0, 3).map((d) => d.productId)).size).toBe(3)
    expect(publishesOf(t, draft.devices[0]!.deviceId)).toHaveLength(0)

    await t.run('rollout.start', { rolloutId: created.rolloutId })
    const board = await until(t, created.rolloutId, ended, 30_000)
    // Waves in order: none starts before the one before it has finished.
    for (let w = 1; w < board.waves.length; w++) expect(board.waves[w]!.startedMs!).toBeGreaterThanOrEqual(board.waves[w - 1]!.finishedMs!)
    // The concurrency cap held at every progress event.
    const flying = t.events.filter((e) => e.event === 'rollout.progress').flatMap((e) => (e.payload as RolloutProgress[]).map((p) => p.summary.counts))
    expect(Math.max(...flying.map((c) => c.publishing + c.upgrading))).toBeLessThanOrEqual(4)

    for (const d of board.devices) {
      expect(['done', 'skipped']).toContain(d.state)
      if (d.state === 'done') {
        expect(t.sandbox.ota.versionOf(d.deviceId)).toBe(d.targetVersion)
        expect(d.targetVersion).toBe(newestOf(t, d.productId))
      } else expect(d.reason).toBe('offline')
      expect(publishesOf(t, d.deviceId)).toHaveLength(d.state === 'done' ? 1 : 0)
    }
    // Every publish the sandbox received is in the audit log with its RequestId.
    const sent = [...t.sandbox.ota.allPublishes().values()].flat().map((p) => p.requestId)
    const audited = (await t.run('audit.list', { action: PUBLISH, limit: 1000 })).entries.map((e) => e.requestId)
    expect(new Set(audited)).toEqual(new Set(sent))
    expect(sent.length).toBe(board.summary.counts.done)

    const { csv, count } = await t.run('rollout.exportCsv', { rolloutId: created.rolloutId })
    expect(count).toBe(eligible.length)
    expect(csv.trimEnd().split('\r\n')).toHaveLength(eligible.length + 1)
  })

  it('pauses by itself when a wave passes its failure threshold, and goes on when resumed', async () => {
    const t = await signedIn()
    const devices = await upgradable(t, 6)
    const created = await t.run('rollout.create', {
      name: 'Threshold',
      selection: { deviceIds: devices.map((d) => d.deviceId) },
      plan: { canary: 2, steps: [100], concurrency: 2, maxFailedPercent: 0 },
    })
    const draft = await t.run('rollout.get', { rolloutId: created.rolloutId })
    const canary = draft.devices.filter((d) => d.wave === 0)
    t.sandbox.control.failUpgrade(canary[0]!.deviceId)
    await t.run('rollout.start', { rolloutId: created.rolloutId })

    const paused = await until(t, created.rolloutId, (b) => b.summary.state === 'paused' && b.summary.counts.upgrading === 0)
    expect(paused.summary).toMatchObject({ pauseReason: 'threshold', currentWave: 0 })
    expect(paused.waves[0]!.failedPercent).toBe(50)
    expect(paused.devices.find((d) => d.deviceId === canary[0]!.deviceId)).toMatchObject({ state: 'failed', reason: 'failed' })
    for (const d of paused.devices.filter((x) => x.wave === 1)) {
      expect(d.state).toBe('pending')
      expect(publishesOf(t, d.deviceId)).toHaveLength(0)
    }

    await t.run('rollout.resume', { rolloutId: created.rolloutId })
    const board = await until(t, created.rolloutId, ended)
    expect(board.summary.counts).toMatchObject({ done: 5, failed: 1 })
    expect(board.waves[0]!.failedPercent).toBe(0) // accepted by the operator's resume
  })

  it('offline devices: skipped at once, or waited for up to the limit', async () => {
    const t = await signedIn()
    const devices = await upgradable(t, 6)
    const [skipA, skipB, waitBack, waitGone, ...online] = devices.map((d) => d.deviceId) as string[]
    for (const id of [skipA!, skipB!, waitBack!, waitGone!]) t.sandbox.control.setDeviceOnline(id, false)

    const skip = await t.run('rollout.create', { name: 'skip', selection: { deviceIds: [skipA!, skipB!, online[0]!] }, plan: { canary: 0, steps: [100], concurrency: 3 } })
    await t.run('rollout.start', { rolloutId: skip.rolloutId })
    const skipped = await until(t, skip.rolloutId, ended)
    expect(skipped.devices.filter((d) => d.state === 'skipped').map((d) => [d.deviceId, d.reason]).sort()).toEqual([[skipA, 'offline'], [skipB, 'offline']].sort())
    expect(publishesOf(t, skipA!)).toHaveLength(0)

    const wait = await t.run('rollout.create', {
      name: 'wait',
      selection: { deviceIds: [waitBack!, waitGone!, online[1]!] },
      plan: { canary: 0, steps: [100], concurrency: 3, maxFailedPercent: 100, offline: { mode: 'wait', maxWaitMs: 2_500, then: 'fail' } },
    })
    await t.run('rollout.start', { rolloutId: wait.rolloutId })
    await until(t, wait.rolloutId, (b) => b.summary.counts.waiting === 2)
    t.sandbox.control.setDeviceOnline(waitBack!, true)
    const board = await until(t, wait.rolloutId, ended)
    const byId = new Map(board.devices.map((d) => [d.deviceId, d]))
    expect(byId.get(waitBack!)).toMatchObject({ state: 'done', publishes: 1 })
    expect(byId.get(waitGone!)).toMatchObject({ state: 'failed', reason: 'offline', publishes: 0 })
    expect(publishesOf(t, waitGone!)).toHaveLength(0)
    expect(board.summary.finishedMs! - board.summary.startedMs!).toBeGreaterThanOrEqual(2_400)
  })

  it('retry publishes a failed device again exactly once; done devices are not retried', async () => {
    const t = await signedIn()
    const devices = await upgradable(t, 3)
    const bad = devices[1]!.deviceId
    t.sandbox.control.failUpgrade(bad)
    const created = await t.run('rollout.create', {
      name: 'retry',
      selection: { deviceIds: devices.map((d) => d.deviceId) },
      plan: { canary: 0, steps: [100], concurrency: 3, maxFailedPercent: 100 },
    })
    await t.run('rollout.start', { rolloutId: created.rolloutId })
    const first = await until(t, created.rolloutId, ended)
    expect(first.summary.counts).toMatchObject({ done: 2, failed: 1 })
    expect(publishesOf(t, bad)).toHaveLength(1)

    const good = devices[0]!.deviceId
    expect((await t.fail('rollout.retry', { rolloutId: created.rolloutId, deviceIds: [good] })).code).toBe('Desk.RolloutState')
    const again = await t.run('rollout.retry', { rolloutId: created.rolloutId, deviceIds: [bad, good] })
    expect(again.state).toBe('running')
    const board = await until(t, created.rolloutId, ended)
    expect(board.devices.find((d) => d.deviceId === bad)).toMatchObject({ state: 'done', attempt: 2, publishes: 2 })
    expect(publishesOf(t, bad)).toHaveLength(2)
    expect(publishesOf(t, good)).toHaveLength(1)
    expect(t.sandbox.ota.versionOf(bad)).toBe(devices[1]!.targetVersion)
  })

  it('cancel drops devices not yet published and watches the ones sent to their end', async () => {
    const t = await signedIn({ otaDurationMs: 800 })
    const devices = await upgradable(t, 5)
    const created = await t.run('rollout.create', {
      name: 'cancel',
      selection: { deviceIds: devices.map((d) => d.deviceId) },
      plan: { canary: 0, steps: [100], concurrency: 2 },
    })
    await t.run('rollout.start', { rolloutId: created.rolloutId })
    await until(t, created.rolloutId, (b) => b.summary.counts.upgrading === 2)
    await t.run('rollout.cancel', { rolloutId: created.rolloutId })
    const board = await until(t, created.rolloutId, (b) => b.summary.driver === 'none')
    expect(board.summary).toMatchObject({ state: 'cancelled', counts: { done: 2, cancelled: 3, upgrading: 0 } })
    expect([...t.sandbox.ota.allPublishes().keys()]).toHaveLength(2)
  })
})

describe('after a crash, and with two app instances', { timeout: 30_000 }, () => {
  it('a device left "publishing" is never sent again: its fate comes from the cloud, and the audit log gets its RequestId', async () => {
    const t = await signedIn()
    const devices = await upgradable(t, 2)
    const [lost, landed] = devices.map((d) => d.deviceId) as [string, string]
    const created = await t.run('rollout.create', { name: 'crash', selection: { deviceIds: [lost, landed] }, plan: { canary: 0, steps: [100], concurrency: 2 } })
    // As if the app had died: both written 'publishing'; only one publish reached the cloud.
    const token = t.sandbox.liveTokens()[0]!
    const client = new CloudClient({ baseUrl: t.sandbox.baseUrl })
    const [ProductId, DeviceName] = landed.split('/')
    await client.callTokenApi(PUBLISH, { ProductId, DeviceName }, token, { requestId: 'crash-req-landed' })
    const db = openDatabase(t.dataDir)
    const write = db.prepare(`UPDATE rollout_devices SET state = 'publishing', published_attempt = 1, publishes = 1, request_id = ?, published_ms = ? WHERE device_id = ?`)
    write.run('crash-req-lost', Date.now(), lost)
    write.run('crash-req-landed', Date.now(), landed)
    db.prepare(`UPDATE rollouts SET state = 'running', started_ms = ? WHERE id = ?`).run(Date.now(), created.rolloutId)
    db.close()

    expect((await t.run('rollout.list')).find((r) => r.rolloutId === created.rolloutId)).toMatchObject({ state: 'running', interrupted: true, driver: 'none' })
    await t.run('rollout.resume', { rolloutId: created.rolloutId })
    const board = await until(t, created.rolloutId, ended)
    const byId = new Map(board.devices.map((d) => [d.deviceId, d]))
    expect(byId.get(lost)).toMatchObject({ state: 'failed', reason: 'interrupted', publishes: 1 })
    expect(byId.get(landed)).toMatchObject({ state: 'done', publishes: 1 })
    expect(publishesOf(t, lost)).toHaveLength(0)
    expect(publishesOf(t, landed)).toHaveLength(1)
    const audit = (await t.run('audit.list', { action: PUBLISH })).entries
    expect(audit.find((e) => e.requestId === 'crash-req-lost')).toMatchObject({ outcome: 'error', errorCode: 'Desk.Interrupted' })
    expect(audit.find((e) => e.requestId === 'crash-req-landed')).toMatchObject({ outcome: 'ok' })

    // The operator's retry sends it (its first real publish).
    await t.run('rollout.retry', { rolloutId: created.rolloutId, deviceIds: [lost] })
    await until(t, created.rolloutId, ended)
    expect(publishesOf(t, lost)).toHaveLength(1)
    expect(t.sandbox.ota.versionOf(lost)).toBe(devices[0]!.targetVersion)
  })

  it('two engines on one store: only the lease holder drives; the other takes over once it is gone', async () => {
    const t = await signedIn({ otaDurationMs: 600 })
    const devices = await upgradable(t, 4)
    const created = await t.run('rollout.create', { name: 'shared', selection: { deviceIds: devices.map((d) => d.deviceId) }, plan: { canary: 0, steps: [100], concurrency: 1 } })
    await t.run('rollout.start', { rolloutId: created.rolloutId })

    const second = await secondDesk(t)
    expect((await second.run('rollout.list'))[0]).toMatchObject({ rolloutId: created.rolloutId, driver: 'elsewhere', interrupted: true })
    expect((await second.fail('rollout.resume', { rolloutId: created.rolloutId })).code).toBe('Desk.RolloutBusy')
    expect((await second.fail('rollout.pause', { rolloutId: created.rolloutId })).code).toBe('Desk.RolloutBusy')
    expect((await second.fail('rollout.cancel', { rolloutId: created.rolloutId })).code).toBe('Desk.RolloutBusy')

    // The first app closes mid-rollout (its publishes in flight settle, the lease is released).
    await until(t, created.rolloutId, (b) => b.summary.counts.done >= 1)
    await t.desk.close()
    await second.run('rollout.resume', { rolloutId: created.rolloutId })
    await second.until(created.rolloutId)
    for (const d of devices) {
      expect(publishesOf(t, d.deviceId)).toHaveLength(1)
      expect(t.sandbox.ota.versionOf(d.deviceId)).toBe(d.targetVersion)
    }
  })
})

interface SecondDesk {
  run: DeskUnderTest['run']
  fail: DeskUnderTest['fail']
  until(rolloutId: string): Promise<void>
}

/** Another app instance on the same data directory and sandbox (its own engine and lease identity). */
async function secondDesk(t: DeskUnderTest): Promise<SecondDesk> {
  const desk: Desk = await createDesk(
    { mode: 'web', version: 'test', platform: process.platform, dataDir: t.dataDir, cipher: null },
    { sandboxInstance: t.sandbox, logger: pino({ level: 'silent' }), rollout: FAST },
  )
  cleanups.push(() => desk.close())
  const events: { event: EventName; payload: unknown }[] = []
  desk.onEvent(<E extends EventName>(event: E, payload: BridgeEvents[E]) => events.push({ event, payload }))
  const run: SecondDesk['run'] = async (command, args = {}) => {
    const result = await desk.dispatch(command, args)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.result as never
  }
  const fail: SecondDesk['fail'] = async (command, args = {}) => {
    const result = await desk.dispatch(command, args)
    if (result.ok) throw new Error(`${command} was expected to fail`)
    return result.error
  }
  await run('session.signIn', { profileId: 'sandbox', credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } })
  return {
    run,
    fail,
    until: async (rolloutId) => {
      const deadline = Date.now() + 20_000
      while (Date.now() < deadline) {
        const board = await run('rollout.get', { rolloutId })
        if (ended(board)) return
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error('the second desk never finished the rollout')
    },
  }
}
