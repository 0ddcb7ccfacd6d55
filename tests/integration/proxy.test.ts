import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { BridgeEvents, CommandName, CommandResult, EventName } from '../../shared/contracts'
import { createDesk } from '../../electron/core/desk'
import type { Desk } from '../../electron/core/desk-contract'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { startLoopbackProxy, type LoopbackProxy } from '../support/loopback-proxy'

/**
 * The network proxy setting reaches both ways the core talks to a cloud: the HTTP client
 * (sign-in, API calls) and the push WebSocket. The cloud is addressed by a host name only
 * the proxy resolves, so a connection that skipped the proxy could not succeed at all.
 */
describe('network proxy', () => {
  let sandbox: RunningSandbox
  let proxy: LoopbackProxy
  let desk: Desk
  let dataDir: string
  const events: { event: EventName; payload: unknown }[] = []

  async function run<C extends CommandName>(command: C, args: unknown = {}): Promise<CommandResult<C>> {
    const result = await desk.dispatch(command, args)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.result as CommandResult<C>
  }

  async function start(): Promise<string> {
    dataDir = mkdtempSync(join(tmpdir(), 'desk-proxy-'))
    sandbox = await startSandbox({ port: 0, simulate: false })
    proxy = await startLoopbackProxy()
    const logger = pino({ level: 'debug' }, pino.destination({ dest: join(dataDir, 'test.log'), sync: true }))
    desk = await createDesk(
      { mode: 'web', version: 'test', platform: process.platform, dataDir, cipher: null, embeddedSandbox: false },
      { logger, checkResults: true },
    )
    desk.onEvent(<E extends EventName>(event: E, payload: BridgeEvents[E]) => events.push({ event, payload }))
    const port = new URL(sandbox.url).port
    const profile = await run('profiles.save', {
      name: 'Behind the proxy',
      kind: 'custom',
      baseUrl: `http://cloud.proxy.test:${port}/api/exploreropen`,
      appKey: sandbox.appKey,
      appSecret: sandbox.appSecret,
    })
    return profile.id
  }

  afterEach(async () => {
    await desk?.close()
    await proxy?.close()
    await sandbox?.close()
    events.length = 0
    rmSync(dataDir, { recursive: true, force: true })
  })

  const credentials = { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }

  it('sends the HTTP calls and the push WebSocket through a manual proxy', { timeout: 30_000 }, async () => {
    const profileId = await start()
    const view = await run('settings.update', { proxy: { mode: 'manual', url: proxy.url } })
    expect(view.settings.proxy).toEqual({ mode: 'manual', url: proxy.url })
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).proxy).toEqual({ mode: 'manual', url: proxy.url })

    await run('session.signIn', { profileId, credentials })
    const families = await run('families.list', {})
    expect(families.length).toBeGreaterThan(0)
    await run('live.watch', { deviceIds: [] })
    await expect.poll(() => events.some((e) => e.event === 'connection.changed' && (e.payload as { status: string }).status === 'live'), { timeout: 10_000 }).toBe(true)

    const lines = proxy.tunnels.flatMap((t) => t.requests)
    expect(proxy.tunnels.every((t) => t.target === `cloud.proxy.test:${new URL(sandbox.url).port}`)).toBe(true)
    expect(lines.some((line) => /POST \/api\/exploreropen\/appapi/.test(line))).toBe(true)
    expect(lines.some((line) => /POST \/api\/exploreropen\/tokenapi/.test(line))).toBe(true)
    expect(lines.some((line) => /GET \/iotstudio_v2_weapp_1/.test(line))).toBe(true)
    expect(proxy.refused).toEqual([])
  })

  it('goes straight again once the proxy is cleared (and the made-up host is then unreachable)', { timeout: 30_000 }, async () => {
    const profileId = await start()
    await run('settings.update', { proxy: { mode: 'manual', url: proxy.url } })
    await run('settings.update', { proxy: { mode: 'none' } })
    const result = await desk.dispatch('session.signIn', { profileId, credentials })
    expect(result.ok).toBe(false)
    expect(result.ok ? null : result.error.kind).toBe('network')
    expect(proxy.tunnels).toEqual([])
  })

  it('refuses a proxy address that carries a password, and keeps the previous setting', async () => {
    await start()
    const result = await desk.dispatch('settings.update', { proxy: { mode: 'manual', url: 'http://user:secret@proxy.example:3128' } })
    expect(result.ok ? null : result.error.kind).toBe('validation')
    expect((await run('settings.get')).settings.proxy).toEqual({ mode: 'system' })
  })
})
