/**
 * The update service against an update server on loopback: a newer version is found on start,
 * downloaded with progress and installed on request; the beta channel asks the beta feed;
 * a server that is down or answers damaged metadata gets its own clear message and a retry.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import type { UpdateTuning } from '../../electron/core/updates/update-service'
import type { UpdateState } from '../../shared/contracts/updates'
import { FeedUpdater, startFakeFeed, type FakeFeed } from '../support/fake-update-feed'

describe('updates', { timeout: 20_000 }, () => {
  let feed: FakeFeed
  let desk: Desk
  let dataDir: string
  let updater: FeedUpdater
  let states: UpdateState[] = []

  async function open(tuning: Partial<UpdateTuning> = { startDelayMs: 0 }): Promise<void> {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-updates-'))
    updater = new FeedUpdater(feed.url, '1.0.0')
    const logger = pino({ level: 'silent' })
    desk = await createDesk(
      { mode: 'electron', version: '1.0.0', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false, host: { updater } },
      { logger, checkResults: true, updates: tuning },
    )
    desk.onEvent((event, payload) => {
      if (event === 'updates.changed') states.push(payload as UpdateState)
    })
  }
  async function run<T>(command: string, args: unknown = {}): Promise<T> {
    const result = await desk.dispatch(command, args)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.result as T
  }
  const waitFor = (status: UpdateState['status']) => expect.poll(() => states.at(-1)?.status, { timeout: 10_000 }).toBe(status)

  afterEach(async () => {
    await desk?.close()
    await feed?.close().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
    states = []
  })

  it('finds a newer version on start, downloads it with progress, and installs it on request', async () => {
    feed = await startFakeFeed()
    await open()
    await waitFor('ready')
    expect(feed.requests).toEqual(['/latest.yml', '/Explorer-Desk-1.2.0.zip'])
    const progress = states.filter((s) => s.status === 'downloading').map((s) => s.percent!)
    expect(progress.length).toBeGreaterThanOrEqual(4)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.at(-1)).toBe(100)
    expect(states.at(-1)).toMatchObject({ status: 'ready', version: '1.2.0', currentVersion: '1.0.0' })

    expect(updater.installRequested).toBe(0)
    expect(await run('updates.install')).toEqual({ installing: true })
    expect(updater.installRequested).toBe(1)
  })

  it('says the app is current when the feed offers nothing newer, and asks the beta feed on the beta channel', async () => {
    feed = await startFakeFeed()
    feed.offer.stable = '1.0.0'
    await open({ startDelayMs: 60_000 })
    expect(await run<UpdateState>('updates.check')).toMatchObject({ status: 'up-to-date', checkedAtMs: expect.any(Number) })
    const refused = await desk.dispatch('updates.install', {})
    expect(refused.ok ? null : refused.error.message).toMatch(/No downloaded update/)

    await run('settings.update', { updateChannel: 'beta' })
    await waitFor('ready')
    expect(states.at(-1)?.version).toBe('1.3.0-beta.1')
    expect(feed.requests).toContain('/beta.yml')
  })

  it('says the update server cannot be reached when it is down, and tries again later by itself', async () => {
    feed = await startFakeFeed()
    const { port } = new URL(feed.url)
    await feed.close()
    await open({ startDelayMs: 60_000, retryMs: 300 })
    const state = await run<UpdateState>('updates.check')
    expect(state.status).toBe('error')
    expect(state.error).toEqual({ reason: 'unreachable', message: expect.stringContaining('could not be reached') })

    feed = await startFakeFeed(Number(port)) // back up on the same address
    await waitFor('ready')
  })

  it('says the answer is unusable when the metadata is corrupt', async () => {
    feed = await startFakeFeed()
    feed.offer.corrupt = true
    await open({ startDelayMs: 60_000 })
    const state = await run<UpdateState>('updates.check')
    expect(state).toMatchObject({ status: 'error', error: { reason: 'invalid', message: expect.stringContaining('cannot be used') } })
    expect(feed.requests).toEqual(['/latest.yml'])
  })

  it('joins a check already running instead of starting another', async () => {
    feed = await startFakeFeed()
    await open({ startDelayMs: 60_000 })
    const [a, b] = await Promise.all([run<UpdateState>('updates.check'), run<UpdateState>('updates.check')])
    expect(a).toEqual(b)
    expect(feed.requests.filter((r) => r === '/latest.yml')).toHaveLength(1)
  })

  it('has nothing to update in browser mode', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-updates-'))
    desk = await createDesk({ mode: 'web', version: '1.0.0', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false }, { logger: pino({ level: 'silent' }) })
    expect(await run<UpdateState>('updates.check')).toEqual({ status: 'unsupported', currentVersion: '1.0.0' })
  })
})
