/**
 * Help → Support bundle after a session with secrets in use: a remembered sign-in, an AppSecret,
 * mutating calls carrying passwords in several spellings. The zip is opened with another zip
 * library and every entry searched for every secret; what support needs is in it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDesk } from '../../electron/core/desk'
import type { Desk, HostCapabilities, SecretCipher } from '../../electron/core/desk-contract'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import type { BundlePreview, BundleSaved } from '../../shared/contracts/support'
import { unzip } from '../support/unzip'

const cipher: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
}
const CUSTOM_APP_SECRET = 'bundle-app-secret-R8k3'
const SPELLINGS = { PassWord: 'Bundle-PassWord-51', NewPassword: 'Bundle-NewPassword-62', UserPassword: 'Bundle-UserPassword-73' }
const FREE_TEXT_PASSWORD = 'Walrus-FreeText-84'

describe('support bundle', { timeout: 40_000 }, () => {
  let sandbox: RunningSandbox
  let desk: Desk
  let dataDir: string
  const tokens = new Set<string>()
  const saved: { name: string; data: Buffer }[] = []
  const wiretap: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init)
    for (const match of (await response.clone().text()).matchAll(/"Token"\s*:\s*"([^"]+)"/g)) tokens.add(match[1]!)
    return response
  }
  const run = async <T>(command: string, args: unknown = {}): Promise<T> => {
    const result = await desk.dispatch(command, args)
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    return result.result as T
  }

  async function openDesk(host: HostCapabilities): Promise<void> {
    desk = await createDesk({ mode: 'web', version: '9.8.7', platform: process.platform, dataDir, cipher, host }, { sandboxInstance: sandbox, fetch: wiretap })
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, simulate: false })
    dataDir = mkdtempSync(join(tmpdir(), 'desk-bundle-'))
    await openDesk({})
    const profile = await run<{ id: string }>('profiles.save', { name: 'Lab', kind: 'custom', baseUrl: sandbox.url, appKey: sandbox.appKey, appSecret: CUSTOM_APP_SECRET })
    await run('profiles.save', { id: profile.id, name: 'Lab', kind: 'custom', baseUrl: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret })
    await run('session.signIn', { profileId: profile.id, credentials: { method: 'email', email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }, remember: true })
    const [family] = await run<{ familyId: string }[]>('families.list')
    await run('api.call', { action: 'AppModifyFamily', params: { FamilyId: family!.familyId, Name: 'Home', ...SPELLINGS, Address: `my password: ${FREE_TEXT_PASSWORD}` } })
    // Refused by the cloud: the failed change is audited too.
    await desk.dispatch('api.call', { action: 'AppDeleteFamily', params: { FamilyId: 'f_missing', NewPassword: SPELLINGS.NewPassword, Note: `password=${FREE_TEXT_PASSWORD}` } })
    await run('live.watch', { deviceIds: [] })
  })
  afterAll(async () => {
    await desk?.close()
    await sandbox?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('lists what it holds before saving', async () => {
    const preview = await run<BundlePreview>('support.preview')
    expect(preview.savesWithDialog).toBe(false)
    expect(preview.fileName).toMatch(/^explorer-desk-support-\d{8}-\d{4}\.zip$/)
    expect(preview.entries.map((e) => e.part)).toEqual(expect.arrayContaining(['versions', 'profiles', 'settings', 'audit', 'push', 'log']))
    expect(preview.entries.find((e) => e.part === 'audit')!.items).toBeGreaterThanOrEqual(2)
  })

  it('holds logs, versions, profiles, audit and push state, and none of the secrets in use', async () => {
    const bundle = await run<BundleSaved>('support.save')
    if (bundle.outcome !== 'download') throw new Error(`expected a download, got ${bundle.outcome}`)
    const files = await unzip(Buffer.from(bundle.base64, 'base64'))
    expect([...files.keys()]).toEqual(expect.arrayContaining(['versions.json', 'profiles.json', 'settings.json', 'audit.json', 'push.json', 'logs/desk.log']))

    const read = (name: string) => JSON.parse(files.get(name)!.toString('utf8')) as Record<string, unknown>
    expect(read('versions.json')).toMatchObject({ app: { version: '9.8.7' }, runtime: { node: process.versions.node } })
    expect(read('profiles.json')).toEqual(expect.arrayContaining([{ name: 'Lab', kind: 'custom', baseUrl: expect.stringContaining(sandbox.url), credentialMode: 'app-key', brokerUrl: null }]))
    const audit = read('audit.json') as unknown as { action: string }[]
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['AppModifyFamily', 'AppDeleteFamily']))
    expect(read('push.json')).toMatchObject({ stats: { pushes: expect.any(Number) }, recent: expect.arrayContaining([expect.objectContaining({ status: 'connecting' })]) })
    expect(files.get('logs/desk.log')!.toString('utf8')).toContain('session changed')

    expect(tokens.size).toBeGreaterThanOrEqual(1)
    const secrets = [DEMO_ACCOUNT.password, sandbox.appSecret, CUSTOM_APP_SECRET, ...Object.values(SPELLINGS), FREE_TEXT_PASSWORD, ...tokens]
    for (const [name, data] of files) {
      for (const secret of secrets) expect(data.includes(Buffer.from(secret)), `${secret} in ${name}`).toBe(false)
    }
  })

  it('is written where the user chooses when the host has a save dialog', async () => {
    await desk.close()
    await openDesk({ saveFile: async (name, data) => (saved.push({ name, data }), `/chosen/${name}`) })
    expect((await run<BundlePreview>('support.preview')).savesWithDialog).toBe(true)
    const bundle = await run<BundleSaved>('support.save')
    expect(bundle).toEqual({ outcome: 'saved', path: `/chosen/${saved[0]!.name}`, bytes: saved[0]!.data.length })
    expect((await unzip(saved[0]!.data)).has('audit.json')).toBe(true)
  })
})
