import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SecretCipher } from '../../electron/core/desk-contract'
import { ProfileStore, maskKey } from '../../electron/core/session/profiles'
import { SecretVault } from '../../electron/core/session/vault'

/** A reversible stand-in for safeStorage that makes clear text visibly absent. */
const fakeCipher = (available = true): SecretCipher => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
})

const tempDir = () => mkdtempSync(join(tmpdir(), 'desk-test-'))
const allFilesText = (dir: string) => readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')

describe('SecretVault', () => {
  it('keeps secrets encrypted on disk and reads them back after a restart', async () => {
    const dir = tempDir()
    const vault = await SecretVault.open(join(dir, 'secrets.json'), fakeCipher())
    await vault.set('k', 'top-secret-value')
    expect(allFilesText(dir)).not.toContain('top-secret-value')
    const reopened = await SecretVault.open(join(dir, 'secrets.json'), fakeCipher())
    expect(reopened.get('k')).toBe('top-secret-value')
    expect(reopened.persistent).toBe(true)
  })

  it('without OS encryption keeps secrets for the session only and writes nothing', async () => {
    const dir = tempDir()
    for (const cipher of [null, fakeCipher(false)]) {
      const vault = await SecretVault.open(join(dir, 'secrets.json'), cipher)
      await vault.set('k', 'session-only-secret')
      expect(vault.get('k')).toBe('session-only-secret')
      expect(vault.persistent).toBe(false)
    }
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('ProfileStore', () => {
  const sandbox = { baseUrl: 'http://127.0.0.1:1/api/exploreropen', appKey: 'sandbox-app-key', appSecret: 'sandbox-secret' }

  it('offers Sandbox first, then Mainland and Overseas, on first run', async () => {
    const vault = await SecretVault.open(join(tempDir(), 's.json'), null)
    const store = await ProfileStore.open(tempDir(), vault, sandbox)
    expect(store.list().map((p) => p.kind)).toEqual(['sandbox', 'mainland', 'overseas'])
  })

  it('saves a custom profile with its secret in the vault only, and never returns the secret', async () => {
    const dir = tempDir()
    const vault = await SecretVault.open(join(dir, 'secrets.json'), fakeCipher())
    const store = await ProfileStore.open(dir, vault, sandbox)
    const saved = await store.save({
      name: 'Lab',
      kind: 'custom',
      baseUrl: 'http://10.0.0.5:8080',
      appKey: 'AKIDexamplekey1234',
      appSecret: 'the-app-secret',
    })
    expect(saved).toMatchObject({ kind: 'custom', baseUrl: 'http://10.0.0.5:8080/api/exploreropen', hasAppSecret: true })
    expect(saved.appKeyMasked).toBe(maskKey('AKIDexamplekey1234'))
    expect(JSON.stringify(store.list())).not.toContain('the-app-secret')
    expect(allFilesText(dir)).not.toContain('the-app-secret')
    const reopened = await ProfileStore.open(dir, await SecretVault.open(join(dir, 'secrets.json'), fakeCipher()), sandbox)
    expect(reopened.resolve(saved.id).appSecret).toBe('the-app-secret')
  })

  it('keeps the stored secret when a profile is saved without one', async () => {
    const dir = tempDir()
    const store = await ProfileStore.open(dir, await SecretVault.open(join(dir, 's.json'), fakeCipher()), null)
    const saved = await store.save({ name: 'A', kind: 'mainland', appKey: 'key-123456789', appSecret: 'first' })
    await store.save({ id: saved.id, name: 'B', kind: 'mainland' })
    expect(store.resolve(saved.id)).toMatchObject({ name: 'B', appKey: 'key-123456789', appSecret: 'first' })
  })

  it('forgets the AppSecret when a profile switches to a token broker', async () => {
    const dir = tempDir()
    const vault = await SecretVault.open(join(dir, 's.json'), fakeCipher())
    const store = await ProfileStore.open(dir, vault, null)
    const saved = await store.save({ name: 'A', kind: 'mainland', appKey: 'key-123456789', appSecret: 'old-secret' })
    const broker = await store.save({ id: saved.id, name: 'A', kind: 'mainland', credentialMode: 'token-broker', brokerUrl: 'https://broker.example/token' })
    expect(broker).toMatchObject({ credentialMode: 'token-broker', hasAppSecret: false, brokerUrl: 'https://broker.example/token' })
    expect(vault.values()).not.toContain('old-secret')
  })

  it('refuses to edit or remove the sandbox profile, and a custom profile without URL', async () => {
    const store = await ProfileStore.open(tempDir(), await SecretVault.open(join(tempDir(), 's.json'), null), sandbox)
    await expect(store.save({ id: 'sandbox', name: 'x', kind: 'mainland' })).rejects.toMatchObject({ kind: 'validation' })
    await expect(store.remove('sandbox')).rejects.toMatchObject({ kind: 'validation' })
    await expect(store.save({ name: 'x', kind: 'custom' })).rejects.toMatchObject({ kind: 'validation' })
    expect(() => store.resolve('nope')).toThrow(/no profile/)
  })

  it('resolves the sandbox profile to the running sandbox without writing its secret', async () => {
    const dir = tempDir()
    const store = await ProfileStore.open(dir, await SecretVault.open(join(dir, 's.json'), fakeCipher()), sandbox)
    await store.rememberAccount('sandbox', 'demo@sandbox.local')
    expect(store.resolve('sandbox')).toMatchObject({ ...sandbox, lastAccount: 'demo@sandbox.local' })
    expect(allFilesText(dir)).not.toContain('sandbox-secret')
  })
})

describe('remembered sign-ins belong to their endpoint', () => {
  const remembered = { method: 'email' as const, email: 'ops@example.com', password: 'remembered-pass-1' }
  const start = async () => {
    const dir = tempDir()
    const vault = await SecretVault.open(join(dir, 'secrets.json'), fakeCipher())
    const store = await ProfileStore.open(dir, vault, null)
    const broker = { name: 'Acme', kind: 'mainland' as const, credentialMode: 'token-broker' as const, brokerUrl: 'https://auth.acme.example/token', appKey: 'AKIDacme12345678' }
    const { id } = await store.save(broker)
    await store.rememberSignIn(id, remembered)
    return { store, vault, broker: { ...broker, id } }
  }

  it.each([
    ['broker URL', { brokerUrl: 'https://evil.example/collect' }],
    ['credential mode', { credentialMode: 'app-key' as const, appSecret: 'another-secret' }],
    ['AppKey', { appKey: 'AKIDother9876543' }],
    ['base URL', { kind: 'custom' as const, baseUrl: 'https://iot.other.example' }],
  ])('forgets it when the %s changes, and says so', async (_what, change) => {
    const { store, vault, broker } = await start()
    const saved = await store.save({ ...broker, ...change })
    expect(saved.signInForgotten).toBe(true)
    expect(saved.remembered).toBe(false)
    expect(store.rememberedSignIn(broker.id)).toBeNull()
    expect(vault.values().join()).not.toContain('remembered-pass-1')
  })

  it('keeps it when only the name changes', async () => {
    const { store, broker } = await start()
    const saved = await store.save({ ...broker, name: 'Acme (prod)' })
    expect(saved.signInForgotten).toBe(false)
    expect(store.rememberedSignIn(broker.id)).toEqual(remembered)
  })
})

describe('profiles.json on disk', () => {
  const custom = { name: 'Lab', kind: 'custom' as const, baseUrl: 'http://10.0.0.5:8080', appKey: 'AKIDexamplekey1234' }

  it('is readable by the user only, as is the vault', async () => {
    const dir = tempDir()
    const store = await ProfileStore.open(dir, await SecretVault.open(join(dir, 'secrets.json'), fakeCipher()), null)
    await store.save({ ...custom, appSecret: 'the-app-secret' })
    await store.save({ ...custom, name: 'Lab 2' })
    for (const file of ['profiles.json', 'profiles.json.bak', 'secrets.json']) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('recovers a torn profiles.json from its backup instead of starting over', async () => {
    const dir = tempDir()
    const vault = await SecretVault.open(join(dir, 's.json'), null)
    const first = await ProfileStore.open(dir, vault, null)
    await first.save(custom)
    await first.save({ ...custom, name: 'Lab 2' })
    writeFileSync(join(dir, 'profiles.json'), '[{"id": "mainl') // a write cut short
    const reopened = await ProfileStore.open(dir, vault, null)
    expect(reopened.list().map((p) => p.name)).toContain('Lab')
  })

  it('moves an unrecoverable file aside rather than overwrite it on the next save', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profiles.json'), 'not json at all')
    const store = await ProfileStore.open(dir, await SecretVault.open(join(dir, 's.json'), null), null)
    await store.save(custom)
    const aside = readdirSync(dir).find((f) => f.startsWith('profiles.json.damaged-'))
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe('not json at all')
  })
})
