import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { ProfileInput, SignInCredentials } from '../../../shared/contracts'
import type { CredentialMode, ProfileKind, ProfileSummary, SavedProfile } from '../../../shared/domain'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import { baseUrlFor } from '../api/endpoints'
import { readJsonFile, writeJsonFile } from '../store/json-file'
import { ensurePrivateDir, narrowFile } from '../store/private-files'
import type { SecretVault } from './vault'

/** A profile as stored: everything but the AppSecret, which lives in the vault. */
export interface StoredProfile {
  id: string
  name: string
  kind: ProfileKind
  baseUrl: string
  appKey: string
  lastAccount: string
  /** Absent in files written before brokers existed: 'app-key'. */
  credentialMode: CredentialMode
  brokerUrl: string
}

/** The embedded sandbox's profile: built at start, never written to disk. */
export interface SandboxProfileSource {
  baseUrl: string
  appKey: string
  appSecret: string
}

export const SANDBOX_PROFILE_ID = 'sandbox'

const FIRST_RUN: StoredProfile[] = [
  { id: 'mainland', name: 'Mainland China', kind: 'mainland', baseUrl: baseUrlFor('mainland'), appKey: '', lastAccount: '', credentialMode: 'app-key', brokerUrl: '' },
  { id: 'overseas', name: 'Overseas', kind: 'overseas', baseUrl: baseUrlFor('overseas'), appKey: '', lastAccount: '', credentialMode: 'app-key', brokerUrl: '' },
]

const secretKey = (profileId: string): string => `profile:${profileId}:appSecret`
const signInKey = (profileId: string): string => `profile:${profileId}:signIn`

/** The user's cloud profiles (Sandbox, Mainland, Overseas, custom URLs), kept in profiles.json. */
export class ProfileStore {
  private constructor(
    private readonly file: string,
    private profiles: StoredProfile[],
    private readonly vault: SecretVault,
    private readonly sandbox: SandboxProfileSource | null,
  ) {}

  static async open(dataDir: string, vault: SecretVault, sandbox: SandboxProfileSource | null): Promise<ProfileStore> {
    const file = join(dataDir, 'profiles.json')
    ensurePrivateDir(dataDir)
    narrowFile(file) // written by an older version with wider permissions
    const stored = await readJsonFile<StoredProfile[] | null>(file, null)
    const profiles = Array.isArray(stored)
      ? stored
          .filter(isStoredProfile)
          .filter((p) => p.kind !== 'sandbox' || p.id === SANDBOX_PROFILE_ID)
          .map((p) => ({ ...p, credentialMode: p.credentialMode ?? 'app-key', brokerUrl: p.brokerUrl ?? '' }))
      : FIRST_RUN
    const store = new ProfileStore(file, profiles, vault, sandbox)
    if (sandbox && !store.profiles.some((p) => p.id === SANDBOX_PROFILE_ID)) {
      store.profiles.unshift({
        id: SANDBOX_PROFILE_ID,
        name: 'Sandbox',
        kind: 'sandbox',
        baseUrl: '',
        appKey: '',
        lastAccount: '',
        credentialMode: 'app-key',
        brokerUrl: '',
      })
    }
    return store
  }

  list(): ProfileSummary[] {
    return this.visible().map((p) => this.summarise(p))
  }

  /** The profile with what a client needs to sign in; AppSecret included, for main only. */
  resolve(id: string): StoredProfile & { appSecret: string } {
    const profile = this.visible().find((p) => p.id === id)
    if (!profile) {
      throw new ApiError({ kind: 'config', code: LocalCode.ProfileNotFound, message: `There is no profile "${id}".` })
    }
    if (profile.kind === 'sandbox' && this.sandbox) {
      return { ...profile, baseUrl: this.sandbox.baseUrl, appKey: this.sandbox.appKey, appSecret: this.sandbox.appSecret }
    }
    return { ...profile, appSecret: this.vault.get(secretKey(id)) ?? '' }
  }

  summary(id: string): ProfileSummary {
    return this.summarise(this.resolve(id))
  }

  async save(input: ProfileInput): Promise<SavedProfile> {
    const existing = input.id ? this.profiles.find((p) => p.id === input.id) : undefined
    if (input.id && !existing) this.resolve(input.id) // throws ProfileNotFound
    if (existing?.kind === 'sandbox') {
      throw new ApiError({ kind: 'validation', code: LocalCode.InvalidArguments, message: 'The sandbox profile cannot be edited.' })
    }
    const profile: StoredProfile = {
      id: existing?.id ?? randomUUID(),
      name: input.name,
      kind: input.kind,
      baseUrl: this.baseUrlOf(input),
      appKey: input.appKey ?? existing?.appKey ?? '',
      lastAccount: existing?.lastAccount ?? '',
      credentialMode: input.credentialMode ?? 'app-key',
      brokerUrl: input.brokerUrl ?? '',
    }
    if (profile.credentialMode === 'token-broker' && !profile.brokerUrl) {
      throw new ApiError({ kind: 'validation', code: LocalCode.InvalidArguments, message: 'A token-broker profile needs the broker URL.' })
    }
    this.profiles = existing ? this.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...this.profiles, profile]
    if (profile.credentialMode !== 'app-key') await this.vault.delete(secretKey(profile.id)) // no AppSecret kept where none is used
    else if (input.appSecret) await this.vault.set(secretKey(profile.id), input.appSecret)
    // A remembered password goes only where it was typed for: never to a new base or broker URL.
    const signInForgotten = existing !== undefined && movesEndpoint(existing, profile) && this.vault.get(signInKey(profile.id)) !== undefined
    if (signInForgotten) await this.vault.delete(signInKey(profile.id))
    await this.persist()
    return { ...this.summary(profile.id), signInForgotten }
  }

  async remove(id: string): Promise<void> {
    const profile = this.resolve(id)
    if (profile.kind === 'sandbox') {
      throw new ApiError({ kind: 'validation', code: LocalCode.InvalidArguments, message: 'The sandbox profile cannot be removed.' })
    }
    this.profiles = this.profiles.filter((p) => p.id !== id)
    await this.vault.delete(secretKey(id))
    await this.vault.delete(signInKey(id))
    await this.persist()
  }

  /** Keeps a sign-in (with its password) in the vault, to renew the token unattended. */
  async rememberSignIn(id: string, credentials: SignInCredentials): Promise<void> {
    await this.vault.set(signInKey(id), JSON.stringify(credentials))
  }

  async forgetSignIn(id: string): Promise<void> {
    await this.vault.delete(signInKey(id))
  }

  rememberedSignIn(id: string): Exclude<SignInCredentials, { method: 'token' }> | null {
    const stored = this.vault.get(signInKey(id))
    if (!stored) return null
    try {
      return JSON.parse(stored) as Exclude<SignInCredentials, { method: 'token' }>
    } catch {
      return null
    }
  }

  async rememberAccount(id: string, account: string): Promise<void> {
    const profile = this.profiles.find((p) => p.id === id)
    if (!profile || profile.lastAccount === account) return
    profile.lastAccount = account
    await this.persist()
  }

  private baseUrlOf(input: ProfileInput): string {
    if (input.kind === 'custom' && !input.baseUrl) {
      throw new ApiError({ kind: 'validation', code: LocalCode.InvalidArguments, message: 'A custom profile needs a base URL.' })
    }
    return baseUrlFor(input.kind, input.baseUrl)
  }

  private visible(): StoredProfile[] {
    return this.profiles.filter((p) => p.kind !== 'sandbox' || this.sandbox)
  }

  private summarise(profile: StoredProfile): ProfileSummary {
    const resolved = profile.kind === 'sandbox' && this.sandbox ? this.sandbox : null
    const appKey = resolved?.appKey ?? profile.appKey
    return {
      id: profile.id,
      name: profile.name,
      kind: profile.kind,
      baseUrl: resolved?.baseUrl ?? profile.baseUrl,
      credentialMode: profile.credentialMode,
      appKeyMasked: appKey ? maskKey(appKey) : null,
      hasAppSecret: Boolean(resolved?.appSecret ?? this.vault.get(secretKey(profile.id))),
      lastAccount: profile.lastAccount || null,
      brokerUrl: profile.brokerUrl || null,
      remembered: this.vault.get(signInKey(profile.id)) !== undefined,
    }
  }

  private async persist(): Promise<void> {
    await writeJsonFile(this.file, this.profiles)
  }
}

/** Entries a hand edit or a bad disk mangled are left out rather than crash the app. */
function isStoredProfile(value: unknown): value is StoredProfile {
  const p = value as Partial<StoredProfile> | null
  return typeof p === 'object' && p !== null && typeof p.id === 'string' && typeof p.name === 'string' && typeof p.kind === 'string' && typeof p.baseUrl === 'string'
}

/** Whether an edit sends sign-ins somewhere else, or as another app. */
function movesEndpoint(before: StoredProfile, after: StoredProfile): boolean {
  return (['baseUrl', 'brokerUrl', 'credentialMode', 'appKey'] as const).some((field) => before[field] !== after[field])
}

/** `ahPx…rejd`: enough to recognise a key, not enough to use it. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 4)}…${key.slice(-4)}`
}
