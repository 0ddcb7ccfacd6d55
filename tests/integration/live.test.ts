import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceEvent } from '../../shared/live'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

let app: DeskUnderTest | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const fastReconnect = { live: { push: { backoffBaseMs: 50, backoffCapMs: 400 } } }

async function signedInWatching(): Promise<{ app: DeskUnderTest; ids: string[] }> {
  const t = await deskOnSandbox({ desk: fastReconnect })
  await t.signInDemo()
  const home = (await t.run('families.list'))[0]!
  const ids = (await t.run('devices.list', { familyId: home.familyId })).map((d) => d.deviceId)
  await t.run('live.watch', { deviceIds: ids })
  await t.waitForEvent('connection.changed', (s) => s.status === 'live')
  await t.waitForEvent('device.states')
  return { app: t, ids }
}

const allEvents = (t: DeskUnderTest): DeviceEvent[] =>
  t.events.filter((e) => e.event === 'device.events').flatMap((e) => e.payload as DeviceEvent[])

function onlineLight(t: DeskUnderTest, ids: string[]): string {
  const id = ids.find((d) => d.startsWith('LGT') && t.sandbox.world.isOnline(d))
  if (!id) throw new Error('no online light in the home')
  return id
}

describe('live device data', () => {
  it('starts complete: the first resync fills every watched device from the API', async () => {
    const started = await signedInWatching()
    app = started.app
    const states = await app.run('live.watch', { deviceIds: started.ids })
    expect(states.map((s) => s.deviceId).sort()).toEqual([...started.ids].sort())
    for (const state of states) {
      const device = app.sandbox.world.devices.get(state.deviceId)!
      expect(state.online).toBe(device.online)
      for (const [id, property] of device.properties) expect(state.properties[id]?.value).toEqual(property.value)
    }
  })

  it('a control reaches the device, its report comes back as a push, and the change is audited', async () => {
    const started = await signedInWatching()
    app = started.app
    const light = onlineLight(app, started.ids)
    const [ProductId, DeviceName] = light.split('/')
    const result = await app.run('api.call', {
      action: 'AppControlDeviceData',
      params: { ProductId, DeviceName, Data: JSON.stringify({ brightness: 37 }) },
    })
    await app.waitForEvent('device.events', (batch) =>
      batch.some((e) => e.deviceId === light && e.kind === 'property' && e.source === 'report' && e.values.brightness === 37),
    )
    const [state] = await app.run('live.watch', { deviceIds: started.ids }).then((all) => all.filter((s) => s.deviceId === light))
    expect(state?.properties.brightness?.value).toBe(37)
    const audit = await app.run('audit.list', { action: 'AppControlDeviceData' })
    expect(audit.entries[0]).toMatchObject({ outcome: 'ok', requestId: result.requestId, account: 'demo@sandbox.local' })
  })

  it('batches a burst of pushes: every event delivered, at most one batch per 50 ms', async () => {
    const started = await signedInWatching()
    app = started.app
    const light = onlineLight(app, started.ids)
    const before = app.events.length
    const startedAt = Date.now()
    for (let i = 0; i < 400; i++) app.sandbox.control.reportProperties(light, { brightness: (i % 100) + 1 })
    await app.waitForEvent('device.events', (batch) => batch.some((e) => e.kind === 'property' && e.values.brightness === 100 && e.seq > 390))
    const elapsed = Date.now() - startedAt
    const batches = app.events.slice(before).filter((e) => e.event === 'device.events')
    const delivered = batches.flatMap((b) => b.payload as DeviceEvent[]).filter((e) => e.deviceId === light && e.kind === 'property')
    expect(delivered).toHaveLength(400)
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1)
  })

  it('after a dropped connection: reconnects, resubscribes and resyncs what changed meanwhile', async () => {
    const started = await signedInWatching()
    app = started.app
    const light = onlineLight(app, started.ids)
    const reconnectsBefore = app.events.filter((e) => e.event === 'connection.changed' && (e.payload as { status: string }).status === 'live').length
    app.sandbox.control.dropAllSockets()
    app.sandbox.control.setDeviceOnline(light, false) // happens while nobody is listening
    await app.waitForEvent('connection.changed', (s) => s.status === 'retrying')
    await app.waitForEvent('device.states', (states) => states.some((s) => s.deviceId === light && s.online === false))
    const lives = app.events.filter((e) => e.event === 'connection.changed' && (e.payload as { status: string }).status === 'live').length
    expect(lives).toBe(reconnectsBefore + 1)
    expect(allEvents(app).filter((e) => e.deviceId === light && e.kind === 'status')).toHaveLength(0)
  })

  it('switching profiles closes the old push connection', async () => {
    const started = await signedInWatching()
    app = started.app
    expect(app.sandbox.control.socketCount).toBe(1)
    const other = await app.run('profiles.save', {
      name: 'Same cloud, other profile',
      kind: 'custom',
      baseUrl: app.sandbox.url,
      appKey: app.sandbox.appKey,
      appSecret: app.sandbox.appSecret,
    })
    await app.run('session.signIn', {
      profileId: other.id,
      credentials: { method: 'email', email: 'demo@sandbox.local', password: 'sandbox-demo' },
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(app.sandbox.control.socketCount).toBe(1)
  })

  it('signing out closes the push connection', async () => {
    const started = await signedInWatching()
    app = started.app
    await app.run('session.signOut')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(app.sandbox.control.socketCount).toBe(0)
  })
})
