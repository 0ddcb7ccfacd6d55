/**
 * Picks the cipher for secrets at rest. safeStorage is used only when it really encrypts;
 * otherwise the core gets null and keeps secrets for the session only, never in clear text.
 */
import type { SecretCipher } from '../core/desk-contract'

/** The slice of Electron's safeStorage this module needs. */
export interface SafeStorageLike extends SecretCipher {
  getSelectedStorageBackend(): string
}

export interface CipherChoice {
  cipher: SecretCipher | null
  /** Why there is no cipher, for the log; null when there is one. */
  reason: string | null
}

/**
 * Linux backends that do not protect anything: 'basic_text' encrypts with a hard-coded
 * key (no keyring was found), and 'unknown' means the backend was never chosen.
 */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown'])

/** Call after app 'ready': before it, Linux cannot tell which backend it will use. */
export function selectSecretCipher(safeStorage: SafeStorageLike, platform: string): CipherChoice {
  if (!safeStorage.isEncryptionAvailable()) {
    return { cipher: null, reason: 'the OS offers no encryption for stored secrets' }
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend()
    if (WEAK_LINUX_BACKENDS.has(backend)) {
      return { cipher: null, reason: `no OS keyring is available (safeStorage backend: ${backend})` }
    }
  }
  return { cipher: bindCipher(safeStorage), reason: null }
}

/** Calls through the module object so the core may pass the methods around detached. */
function bindCipher(safeStorage: SecretCipher): SecretCipher {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  }
}
