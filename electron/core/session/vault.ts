import { readJsonFile, writeJsonFile } from '../store/json-file'
import { narrowFile } from '../store/private-files'
import type { SecretCipher } from '../desk-contract'

/**
 * Secrets at rest: encrypted with the OS cipher (safeStorage) into one file, or — where
 * the OS cannot encrypt — kept in memory for this session only, never in clear on disk.
 */
export class SecretVault {
  private readonly memory = new Map<string, string>()
  private loaded = false

  private constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher | null,
  ) {}

  static async open(file: string, cipher: SecretCipher | null): Promise<SecretVault> {
    const usable = cipher?.isEncryptionAvailable() ? cipher : null
    const vault = new SecretVault(file, usable)
    await vault.load()
    return vault
  }

  get persistent(): boolean {
    return this.cipher !== null
  }

  get(key: string): string | undefined {
    return this.memory.get(key)
  }

  /** Every secret held, so redaction can recognise them in free text. */
  values(): string[] {
    return [...this.memory.values()]
  }

  async set(key: string, value: string): Promise<void> {
    this.memory.set(key, value)
    await this.save()
  }

  async delete(key: string): Promise<void> {
    if (this.memory.delete(key)) await this.save()
  }

  private async load(): Promise<void> {
    if (!this.cipher || this.loaded) return
    this.loaded = true
    narrowFile(this.file) // written by an older version with wider permissions
    // No vault yet, or unreadable: start empty rather than fail to start.
    const stored = await readJsonFile<Record<string, string>>(this.file, {})
    for (const [key, encrypted] of Object.entries(stored)) {
      try {
        this.memory.set(key, this.cipher.decryptString(Buffer.from(encrypted, 'base64')))
      } catch {
        // encrypted by another OS user or keyring: that secret must be entered again
      }
    }
  }

  private async save(): Promise<void> {
    if (!this.cipher) return
    const stored: Record<string, string> = {}
    for (const [key, value] of this.memory) stored[key] = this.cipher.encryptString(value).toString('base64')
    await writeJsonFile(this.file, stored)
  }
}
