/**
 * The store's guarantees a rollout rests on: a device is published only from 'pending' and
 * once per attempt, only while this instance holds the lease; the lease goes to one
 * instance at a time and can be taken over once its owner is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RolloutLeases, type LeaseOwner } from '../../electron/core/rollout/lease'
import { IllegalTransitionError } from '../../electron/core/rollout/device-transitions'
import { LeaseLostError, RolloutStore, type NewDevice, type RolloutRecord } from '../../electron/core/rollout/store'
import { openDatabase, type Db } from '../../electron/core/store/database'

let dir: string
let db: Db
let other: Db
let now = 1_000_000

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rollout-store-'))
  db = openDatabase(dir)
  other = openDatabase(dir) // a second app instance on the same file
  now = 1_000_000
})
afterEach(() => {
  db.close()
  other.close()
  rmSync(dir, { recursive: true, force: true })
})

const rollout: RolloutRecord = {
  id: 'r1',
  name: 'test',
  kind: 'fleet',
  profileId: 'p',
  profileName: 'P',
  account: 'a',
  plan: { canary: 0, steps: [100], concurrency: 2, maxFailedPercent: 10, offline: { mode: 'skip' }, deviceTimeoutMs: 60_000 },
  selection: {},
  waveSizes: [2],
  state: 'running',
  pauseReason: '',
  currentWave: 0,
  createdMs: 0,
  startedMs: 0,
  finishedMs: null,
  updatedMs: 0,
}
const device = (deviceId: string): NewDevice => ({
  deviceId,
  wave: 0,
  productId: 'LGT',
  productName: '',
  aliasName: '',
  familyName: '',
  roomName: '',
  gatewayId: '',
  isGateway: false,
  fromVersion: '1.9.3',
  targetVersion: '1.10.0',
})

/** Puts a device back to 'pending' behind the store's back, as a buggy or older writer might. */
const forcePending = (on: Db, deviceId: string) => on.prepare("UPDATE rollout_devices SET state = 'pending' WHERE device_id = ?").run(deviceId)

const owner = (id: string, pid = 100, host = 'here'): LeaseOwner => ({ id, pid, host })
const leases = (on: Db, who: LeaseOwner, alive: Set<number> = new Set([100, 200])) =>
  new RolloutLeases(on, { owner: who, now: () => now, staleMs: 30_000, isAlive: (pid) => alive.has(pid) })

describe('publishing is written first, once per attempt', () => {
  it('moves pending → publishing once; a second try of the same attempt is refused', () => {
    const store = new RolloutStore(db)
    store.insert(rollout, [device('LGT/a')])
    const d = store.device('r1', 'LGT/a')!
    expect(store.beginPublish('r1', d, 'req-1', now, () => true)).toBe(true)
    expect(store.device('r1', 'LGT/a')).toMatchObject({ state: 'publishing', publishedAttempt: 1, publishes: 1, requestId: 'req-1', publishedMs: now })
    // Even if the row said pending again, the store refuses a second publish of attempt 1.
    forcePending(db, 'LGT/a')
    expect(store.beginPublish('r1', d, 'req-2', now, () => true)).toBe(false)
    expect(store.device('r1', 'LGT/a')).toMatchObject({ publishes: 1, requestId: 'req-1' })
  })

  it('an operator retry (attempt + 1) allows exactly one more publish', () => {
    const store = new RolloutStore(db)
    store.insert(rollout, [device('LGT/a')])
    store.beginPublish('r1', store.device('r1', 'LGT/a')!, 'req-1', now, () => true)
    store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, state: 'failed', reason: 'refused' })
    store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, state: 'pending', attempt: 2 })
    expect(store.beginPublish('r1', store.device('r1', 'LGT/a')!, 'req-2', now, () => true)).toBe(true)
    forcePending(db, 'LGT/a')
    expect(store.beginPublish('r1', store.device('r1', 'LGT/a')!, 'req-3', now, () => true)).toBe(false)
    expect(store.device('r1', 'LGT/a')).toMatchObject({ attempt: 2, publishedAttempt: 2, publishes: 2, requestId: 'req-2' })
  })

  it('writes nothing when the lease is no longer ours', () => {
    const store = new RolloutStore(db)
    store.insert(rollout, [device('LGT/a')])
    expect(() => store.beginPublish('r1', store.device('r1', 'LGT/a')!, 'req-1', now, () => false)).toThrow(LeaseLostError)
    expect(store.device('r1', 'LGT/a')).toMatchObject({ state: 'pending', publishes: 0, requestId: '' })
  })
})

describe('device states follow the transition table', () => {
  it('refuses to save an illegal move with a typed error, and keeps what was stored', () => {
    const store = new RolloutStore(db)
    store.insert(rollout, [device('LGT/a')])
    store.beginPublish('r1', store.device('r1', 'LGT/a')!, 'req-1', now, () => true)
    // A device being published cannot go back to pending: that could publish it twice.
    const back = () => store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, state: 'pending' })
    expect(back).toThrow(IllegalTransitionError)
    expect(back).toThrow("Device LGT/a cannot go from 'publishing' to 'pending' in a rollout.")
    expect(store.device('r1', 'LGT/a')).toMatchObject({ state: 'publishing' })
  })

  it('saves legal moves and same-state updates (progress on an upgrading device)', () => {
    const store = new RolloutStore(db)
    store.insert(rollout, [device('LGT/a')])
    store.beginPublish('r1', store.device('r1', 'LGT/a')!, 'req-1', now, () => true)
    store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, state: 'upgrading' })
    store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, percent: 40, otaStatus: 3 })
    store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, state: 'done', finalVersion: '1.10.0' })
    expect(store.device('r1', 'LGT/a')).toMatchObject({ state: 'done', percent: 40, finalVersion: '1.10.0' })
  })

  it('checks every device of a batch save, and writes none of the batch when one is illegal', () => {
    const store = new RolloutStore(db)
    store.insert(rollout, [device('LGT/a'), device('LGT/b')])
    store.saveDevice('r1', { ...store.device('r1', 'LGT/a')!, state: 'skipped', reason: 'offline' })
    store.saveDevice('r1', { ...store.device('r1', 'LGT/b')!, state: 'done' })
    const retryBoth = [store.device('r1', 'LGT/a')!, store.device('r1', 'LGT/b')!].map((d) => ({ ...d, state: 'pending' as const, attempt: 2 }))
    expect(() => store.saveMany('r1', retryBoth, null, now)).toThrow(IllegalTransitionError)
    expect(store.device('r1', 'LGT/a')).toMatchObject({ state: 'skipped', attempt: 1 })
  })
})

describe('the lease: one instance drives a rollout', () => {
  beforeEach(() => new RolloutStore(db).insert(rollout, [device('LGT/a')]))

  it('refuses a second live instance, on this host or another', () => {
    const first = leases(db, owner('A', 100))
    expect(first.acquire('r1')).toEqual({ ok: true })
    expect(leases(other, owner('B', 200)).acquire('r1')).toMatchObject({ ok: false, holder: { owner: 'A', pid: 100 } })
    expect(leases(other, owner('C', 300, 'elsewhere')).acquire('r1')).toMatchObject({ ok: false })
    expect(first.holds('r1')).toBe(true)
    expect(leases(other, owner('B', 200)).driver('r1')).toBe('elsewhere')
    expect(first.driver('r1')).toBe('here')
  })

  it('takes over at once from an owner on this host whose process is gone', () => {
    leases(db, owner('A', 100)).acquire('r1')
    const next = leases(other, owner('B', 200), new Set([200]))
    expect(next.driver('r1')).toBe('none')
    expect(next.acquire('r1')).toEqual({ ok: true })
    expect(leases(db, owner('A', 100)).renew('r1')).toBe(false)
  })

  it('takes over from another host only once the heartbeat is stale; renewing keeps it', () => {
    const first = leases(db, owner('A', 100, 'far'))
    first.acquire('r1')
    now += 20_000
    expect(first.renew('r1')).toBe(true)
    now += 20_000
    expect(leases(other, owner('B', 200)).acquire('r1')).toMatchObject({ ok: false })
    now += 31_000
    expect(leases(other, owner('B', 200)).acquire('r1')).toEqual({ ok: true })
    expect(first.holds('r1')).toBe(false)
  })

  it('release lets the next instance in; releasing someone else\'s lease does nothing', () => {
    const first = leases(db, owner('A', 100))
    first.acquire('r1')
    leases(other, owner('B', 200)).release('r1')
    expect(first.holds('r1')).toBe(true)
    first.release('r1')
    expect(leases(other, owner('B', 200)).acquire('r1')).toEqual({ ok: true })
  })
})
