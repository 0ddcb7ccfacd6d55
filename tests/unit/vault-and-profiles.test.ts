import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
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
