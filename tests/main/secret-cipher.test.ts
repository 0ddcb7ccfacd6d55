import { describe, expect, it, vi } from 'vitest'
import { selectSecretCipher, type SafeStorageLike } from '../../electron/main/secret-cipher'

function fakeSafeStorage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
    decryptString: vi.fn((encrypted: Buffer) => encrypted.toString().replace(/^enc:/, '')),
  }
}

describe('selectSecretCipher', () => {
  it('uses safeStorage on macOS and Windows when it is available', () => {
    for (const platform of ['darwin', 'win32']) {
      const storage = fakeSafeStorage(true, 'unknown')
      const { cipher, reason } = selectSecretCipher(storage, platform)
      expect(reason).toBeNull()
      expect(cipher?.decryptString(cipher.encryptString('s3cret'))).toBe('s3cret')
      expect(storage.encryptString).toHaveBeenCalledWith('s3cret')
    }
  })

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])('uses safeStorage on Linux with %s', (backend) => {
    expect(selectSecretCipher(fakeSafeStorage(true, backend), 'linux').cipher).not.toBeNull()
  })

  it.each(['basic_text', 'unknown'])('refuses the %s backend on Linux: no real encryption', (backend) => {
    const { cipher, reason } = selectSecretCipher(fakeSafeStorage(true, backend), 'linux')
    expect(cipher).toBeNull()
    expect(reason).toContain(backend)
  })

  it('passes null when encryption is unavailable', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const { cipher, reason } = selectSecretCipher(fakeSafeStorage(false, 'gnome_libsecret'), platform)
      expect(cipher).toBeNull()
      expect(reason).toBeTruthy()
    }
  })

  it('hands out methods that work detached from the object', () => {
    const { cipher } = selectSecretCipher(fakeSafeStorage(true, 'kwallet'), 'linux')
    const encrypt = cipher?.encryptString
    expect(encrypt?.('x').toString()).toBe('enc:x')
  })
})
