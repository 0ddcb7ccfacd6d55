import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

/**
 * A flaky day compressed into two minutes: the simulated fleet pushes all the time, and
 * the cloud drops every WebSocket 20 times. Every drop must be followed by a reconnect,
 * and at the end main must hold exactly the cloud's own state for every watched device.
 */
describe('push connection under repeated drops', () => {
  let app: DeskUnderTest

  afterAll(() => app?.close())

  it('reconnects after each of 20 drops in two minutes and ends with the cloud\'s state', async () => {
    app = await deskOnSandbox({
      // One real second is a simulated minute, so reports, churn and events keep coming.
      sandbox: { simulate: true, simSpeed: 60, devices: 60 },
      desk: { live: { push: { backoffBaseMs: 200, backoffCapMs: 2_000 } } },
    })
    await app.signInDemo()
    const families = await app.run('families.list')
    const ids = (await Promise.all(families.map((f) => app.run('devices.list', { familyId: f.familyId })))).flat().map((d) => d.deviceId)
    await app.run('live.watch', { deviceIds: ids })
    await app.waitForEvent('connection.changed', (s) => s.status === 'live')
    const lives = () => app.events.filter((e) => e.event === 'connection.changed' && (e.payload as { status: string }).status === 'live').length

    for (let drop = 1; drop <= 20; drop++) {
      await new Promise((resolve) => setTimeout(resolve, 6_000 - 500))
      const before = lives()
      expect(app.sandbox.control.dropAllSockets()).toBe(1)
      const deadline = Date.now() + 5_000
      while (lives() === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(lives(), `reconnected after drop ${drop}`).toBe(before + 1)
    }

    const pushedEvents = app.events.filter((e) => e.event === 'device.events').length
    expect(pushedEvents).toBeGreaterThan(20)
    app.sandbox.control.pauseSimulation()
    await new Promise((resolve) => setTimeout(resolve, 1_500)) // let the last pushes and resyncs land

    const states = new Map((await app.run('live.watch', { deviceIds: ids })).map((s) => [s.deviceId, s]))
    expect(states.size).toBe(ids.length)
    for (const id of ids) {
      const device = app.sandbox.world.devices.get(id)!
      const state = states.get(id)!
      expect(state.online, `${id} online`).toBe(device.online)
      for (const [property, held] of device.properties) {
        expect(state.properties[property]?.value, `${id}.${property}`).toEqual(held.value)
      }
    }
    expect(app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).length).toBe(families.length)
  }, 180_000)
})
