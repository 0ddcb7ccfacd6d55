import { afterEach, describe, expect, it } from 'vitest'
import type { TimerHandle } from '../../electron/core/rollout/clock'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import type { ConnectionState } from '../../shared/domain'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

let app: DeskUnderTest | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const connectionStates = (desk: DeskUnderTest) => desk.events.filter((e) => e.event === 'connection.changed').map((e) => e.payload as ConnectionState)
const livesOf = (desk: DeskUnderTest) => connectionStates(desk).filter((s) => s.status === 'live').length

/** Signs in, watches the first family's devices and waits for the connection to be live. */
async function watchingDesk(desk: DeskUnderTest): Promise<string[]> {
  await desk.signInDemo()
  const [family] = await desk.run('families.list')
  const ids = (await desk.run('devices.list', { familyId: family!.familyId })).map((d) => d.deviceId)
  await desk.run('live.watch', { deviceIds: ids })
  // The resync that follows the subscription of these devices (not the sign-in's empty one).
  await desk.waitForEvent('device.states', (states) => states.some((s) => ids.includes(s.deviceId)))
  return ids
}

/** Main's view of the watched devices must be the cloud's own. */
async function expectCloudState(desk: DeskUnderTest, ids: string[]): Promise<void> {
  const states = new Map((await desk.run('live.watch', { deviceIds: ids })).map((s) => [s.deviceId, s]))
  expect(states.size).toBe(ids.length)
  for (const id of ids) {
    const device = desk.sandbox.world.devices.get(id)!
    const state = states.get(id)!
    expect(state.online, `${id} online`).toBe(device.online)
    for (const [property, held] of device.properties) {
      expect(state.properties[property]?.value, `${id}.${property}`).toEqual(held.value)
    }
  }
}

/**
 * A flaky day compressed into a minute: the simulated fleet pushes all the time, and the
 * cloud drops every WebSocket 20 times. Every drop must be followed by a reconnect, and at
 * the end main must hold exactly the cloud's own state for every watched device.
 */
describe('push connection under repeated drops', () => {
  it("reconnects after each of 20 drops and ends with the cloud's state", async () => {
    const desk = (app = await deskOnSandbox({
      // One real second is a simulated minute, so reports, churn and events keep coming.
      sandbox: { simulate: true, simSpeed: 60, devices: 60 },
      desk: { live: { push: { backoffBaseMs: 200, backoffCapMs: 2_000 } } },
    }))
    await desk.signInDemo()
    const families = await desk.run('families.list')
    const ids = (await Promise.all(families.map((f) => desk.run('devices.list', { familyId: f.familyId })))).flat().map((d) => d.deviceId)
    await desk.run('live.watch', { deviceIds: ids })
    await desk.waitForEvent('connection.changed', (s) => s.status === 'live')

    for (let drop = 1; drop <= 20; drop++) {
      await sleep(1_500)
      const before = livesOf(desk)
      expect(desk.sandbox.control.dropAllSockets()).toBe(1)
      const deadline = Date.now() + 5_000
      while (livesOf(desk) === before && Date.now() < deadline) await sleep(20)
      expect(livesOf(desk), `reconnected after drop ${drop}`).toBe(before + 1)
    }

    const pushedEvents = desk.events.filter((e) => e.event === 'device.events').length
    expect(pushedEvents).toBeGreaterThan(20)
    desk.sandbox.control.pauseSimulation()
    await sleep(1_500) // let the last pushes and resyncs land
    await expectCloudState(desk, ids)
    expect(desk.sandbox.world.familiesOf(DEMO_ACCOUNT.userId).length).toBe(families.length)
  }, 120_000)
})

describe('a cloud that sends garbage', () => {
  it('drops null, binary and broken frames, logs them, keeps the connection and still takes the next push', async () => {
    const desk = (app = await deskOnSandbox({ desk: { live: { push: { backoffBaseMs: 200, backoffCapMs: 2_000 } } } }))
    const ids = await watchingDesk(desk)
    const device = onlineOne(desk, ids)
    const valid = { Time: '2025-01-01T08:00:00+08:00', Type: 'StatusChange', SubType: 'Offline', Topic: '', Seq: 1e9, DeviceId: device }
    const garbage = [
      'null', '0', '[]', '"push"', '{"push": tr', 'not json at all', Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      JSON.stringify({ push: true, action: 'DeviceChange', params: null }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...valid, Payload: '%%% not base64 %%%' } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...valid, Payload: 12, DeviceId: ['x'] } }),
      JSON.stringify({ push: true, action: 'DeviceChange', params: { ...valid, Seq: { n: 1 }, Payload: 'e30=' } }),
    ]
    const livesBefore = livesOf(desk)
    expect(desk.sandbox.control.sendRawFrames(garbage)).toBe(1)
    desk.sandbox.control.setDeviceOnline(device, false)
    const events = await desk.waitForEvent('device.events', (batch) => batch.some((e) => e.deviceId === device && e.kind === 'status' && !e.online))
    expect(events.length).toBeGreaterThan(0)
    expect(connectionStates(desk).filter((s) => s.status === 'retrying')).toEqual([])
    expect(livesOf(desk)).toBe(livesBefore)
    expect(desk.logText()).toMatch(/"reason":"not a JSON object \(null\)".*"msg":"push frame dropped"/)
    await expectCloudState(desk, ids)
  }, 30_000)
})

/** Timers the test moves by hand: the push client's backoff runs on them, not on the wall clock. */
function manualTimers() {
  let now = 0
  let serial = 0
  const due = new Map<number, { at: number; run: () => void }>()
  return {
    setTimeout: (run: () => void, ms: number): TimerHandle => {
      serial += 1
      due.set(serial, { at: now + ms, run })
      return { id: serial } as unknown as TimerHandle
    },
    clearTimeout: (timer: TimerHandle) => void due.delete((timer as unknown as { id: number }).id),
    get elapsed() {
      return now
    },
    /** Moves to the earliest timer and runs it. */
    runNext(): void {
      const [id, next] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? []
      if (id === undefined || !next) throw new Error('no timer is due')
      due.delete(id)
      now = Math.max(now, next.at)
      next.run()
    },
  }
}

describe('a 30-second outage of the long connection', () => {
  it('retries with growing delays under the 30 s cap, then reconnects and resyncs what changed meanwhile', async () => {
    const timers = manualTimers()
    // The production backoff (500 ms base, 30 s cap) on simulated time: 30 s pass in moments.
    const desk = (app = await deskOnSandbox({ desk: { live: { push: { timers } } } }))
    const ids = await watchingDesk(desk)
    const retriesBefore = connectionStates(desk).filter((s) => s.status === 'retrying').length
    expect(desk.sandbox.control.setWsOutage(true)).toBe(1)
    const retries = () => connectionStates(desk).filter((s) => s.status === 'retrying').slice(retriesBefore)
    await waitUntil(() => retries().length === 1)
    // While the push service is down, a device goes offline: its push is lost with the socket.
    const device = onlineOne(desk, ids)
    desk.sandbox.control.setDeviceOnline(device, false)
    const outageStart = timers.elapsed
    while (timers.elapsed - outageStart < 30_000) {
      const seen = retries().length
      timers.runNext() // the retry fires, and the cloud refuses the upgrade (503)
      await waitUntil(() => retries().length === seen + 1)
    }
    const delays = retries().map((s) => s.retryInMs ?? 0)
    expect(delays.length).toBeGreaterThanOrEqual(5)
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(30_000)
    expect(delays.at(-1)!).toBeGreaterThan(delays[0]! * 4)

    desk.sandbox.control.setWsOutage(false)
    const lives = livesOf(desk)
    timers.runNext()
    await waitUntil(() => livesOf(desk) === lives + 1)
    await sleep(500) // the resync after the subscription
    await expectCloudState(desk, ids)
    expect((await desk.run('live.watch', { deviceIds: [device] }))[0]?.online).toBe(false)
  }, 30_000)
})

describe('a token revoked mid-session', () => {
  it('ends the session cleanly and tells the app, without a crash or a reconnect loop', async () => {
    const desk = (app = await deskOnSandbox({ desk: { live: { push: { heartbeatMs: 200, backoffBaseMs: 100, backoffCapMs: 500 } } } }))
    await watchingDesk(desk)
    const [token] = desk.sandbox.liveTokens()
    expect(desk.sandbox.revokeToken(token!)).toBe(true)
    const ended = await desk.waitForEvent('session.changed', (c) => c.session === null)
    expect(ended.reason).toBe('revoked')
    expect(connectionStates(desk).at(-1)).toMatchObject({ status: expect.stringMatching(/^(offline|idle)$/) })
    const statesAfter = connectionStates(desk).length
    await sleep(1_000)
    expect(connectionStates(desk).slice(statesAfter).filter((s) => s.status === 'retrying' || s.status === 'connecting')).toEqual([])
    expect(await desk.fail('families.list')).toMatchObject({ kind: 'session' })
  }, 30_000)
})

function onlineOne(desk: DeskUnderTest, ids: string[]): string {
  const id = ids.find((candidate) => desk.sandbox.world.devices.get(candidate)?.online)
  if (!id) throw new Error('no online device to take offline')
  return id
}

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await sleep(10)
  }
}
