/**
 * No secret in clear anywhere it could be read later: not in any file of the data folder
 * (profiles, vault, store, logs), not in anything the page receives. Sign-ins remembered
 * and renewed, endpoints changed, and mutating calls carrying passwords in every spelling.
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDesk } from '../../electron/core/desk'
import type { SecretCipher } from '../../electron/core/desk-contract'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import type { BridgeEvents, EventName } from '../../shared/contracts'

/** A reversible stand-in for safeStorage: clear text is visibly absent from what it writes. */
const cipher: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
}

const CUSTOM_APP_SECRET = 'custom-app-secret-Q7w2'
const SPELLINGS = { PassWord: 'Spelling-PassWord-11', NewPassword: 'Spelling-NewPassword-22', UserPassword: 'Spelling-UserPassword-33' }
const FREE_TEXT_PASSWORD = 'Zebra-FreeText-44'

/** Every file under `dir`, whatever its kind (sqlite pages, WAL, gzipped or plain logs, JSON). */
function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFiles(path) : [path]
  })
}

let sandbox: RunningSandbox
let dataDir: string
/** Everything that reached the collector: a remembered password must never. */
const collected: string[] = []
let collector: { close(): Promise<void>; url: string }
/** Tokens the cloud issued and the desk sent, read off the wire. */
const tokens = new Set<string>()
/** Everything the page was given: command results and events. */
const page: unknown[] = []
const events: { event: EventName; payload: unknown }[] = []

const wiretap: typeof fetch = async (input, init) => {
  const sent = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {}
  if (typeof sent.AccessToken === 'string') tokens.add(sent.AccessToken)
  const response = await globalThis.fetch(input, init)
  const text = await response.clone().text()
  for (const match of text.matchAll(/"Token"\s*:\s*"([^"]+)"/g)) tokens.add(match[1]!)
  return response
}

beforeAll(async () => {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (part: Buffer) => (body += part.toString()))
    req.on('end', () => {
      collected.push(body)
      res.end('{}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  collector = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  sandbox = await startSandbox({ port: 0, simulate: false, tokenTtlSeconds: 4 })
  dataDir = mkdtempSync(join(tmpdir(), 'desk-secrets-'))
})

afterAll(async () => {
  await sandbox.close()
  await collector.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('secrets', { timeout: 40_000 }, () => {
  it('never reach the data folder or the page, through sign-in, renewal, endpoint changes and audited calls', async () => {
    const desk = await createDesk(
      { mode: 'web', version: 'test', platform: process.platform, dataDir, cipher },
      { sandboxInstance: sandbox, fetch: wiretap, renewLeadMs: 2_000 },
    )
    desk.onEvent(<E extends EventName>(event: E, payload: BridgeEvents[E]) => events.push({ event, payload }))
    const waitFor = async (test: (e: { event: EventName; payload: unknown }) => boolean): Promise<void> => {
      const deadline = Date.now() + 10_000
      while (!events.some(test)) {
        if (Date.now() > deadline) throw new Error('the expected event did not come')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    const run = async (command: string, args: unknown = {}): Promise<Record<string, unknown>> => {
      const result = await desk.dispatch(command, args)
      page.push(result)
      return result.ok ? (result.result as Record<string, unknown>) : { error: result.error }
    }
    const demo = { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }

    // A broker profile, remembered and renewed; then its broker URL changes under it.
    const broker = await run('profiles.save', {
      name: 'Org broker',
      kind: 'custom',
      baseUrl: sandbox.url,
      credentialMode: 'token-broker',
      brokerUrl: `${sandbox.url}/broker/token`,
    })
    await run('session.signIn', { profileId: broker.id, credentials: demo, remember: true })
    await waitFor((e) => e.event === 'session.changed' && (e.payload as { reason?: string }).reason === 'renewed')
    const moved = await run('profiles.save', { id: broker.id, name: 'Org broker', kind: 'custom', baseUrl: sandbox.url, credentialMode: 'token-broker', brokerUrl: collector.url })
    expect(moved.signInForgotten).toBe(true)
    await waitFor((e) => e.event === 'session.expiring')
    expect(collected).toEqual([]) // the next renewal did not post the password to the new URL

    // A custom AppKey profile with its AppSecret kept, remembered, then pointed elsewhere.
    const custom = await run('profiles.save', { name: 'Lab', kind: 'custom', baseUrl: sandbox.url, appKey: sandbox.appKey, appSecret: CUSTOM_APP_SECRET })
    await run('profiles.save', { id: custom.id, name: 'Lab', kind: 'custom', baseUrl: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret })
    await run('session.signIn', { profileId: custom.id, credentials: demo, remember: true })
    const families = (await run('families.list')) as unknown as { familyId: string }[]
    const familyId = families[0]!.familyId
    await run('api.call', { action: 'AppModifyFamily', params: { FamilyId: familyId, Name: 'Home', ...SPELLINGS, Address: `my password: ${FREE_TEXT_PASSWORD}` } })
    await run('api.call', { action: 'AppDeleteFamily', params: { FamilyId: 'f_missing', NewPassword: SPELLINGS.NewPassword, Note: `password=${FREE_TEXT_PASSWORD}` } })
    await run('audit.list', {})
    await run('audit.export', {})
    await run('profiles.list')
    await run('app.info')
    await run('profiles.save', { id: custom.id, name: 'Lab', kind: 'custom', baseUrl: `${sandbox.url}/other`, appKey: sandbox.appKey })
    await desk.close()

    expect(tokens.size).toBeGreaterThanOrEqual(3) // broker, renewal, AppKey sign-in
    const secrets = [DEMO_ACCOUNT.password, sandbox.appSecret, CUSTOM_APP_SECRET, ...Object.values(SPELLINGS), FREE_TEXT_PASSWORD, ...tokens]
    const files = allFiles(dataDir)
    expect(files.map((f) => f.slice(dataDir.length))).toEqual(expect.arrayContaining(['/desk.sqlite', '/secrets.json', '/profiles.json', '/logs/desk.log']))
    const seen = JSON.stringify([page, events])
    for (const secret of secrets) {
      for (const file of files) expect(readFileSync(file).includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false)
      expect(seen.includes(secret), `${secret} sent to the page`).toBe(false)
    }
    // The audit still says what was done, and that a password was given.
    expect(JSON.stringify(page)).toContain('"PassWord\\":\\"[redacted]\\"')
  })
})
