/**
 * The bridge between the renderer and the main process: every command (request → result)
 * and every event (main → renderer), defined once. Main validates each command's
 * arguments with these schemas; the renderer gets the types.
 * Electron carries it over two IPC channels, browser mode over one WebSocket.
 */
import { z } from 'zod'
import type { BridgeResult } from './errors'
import type { DeviceEvent, DeviceState } from './live'
import { historyCommandArgs } from './history-args'
import type { HistoryCacheStats, HistoryFetchResult, HistoryProgress } from './history'
import { rolloutCommandArgs } from './rollout-args'
import type { SignedVideoUrl } from './video'
import type { OtaCheck, RolloutBoard, RolloutPreview, RolloutProgress, RolloutSummary } from './rollout'
import type {
  AppInfo,
  AuditPage,
  ConnectionState,
  Device,
  Family,
  FamilyDetail,
  Product,
  ProfileSummary,
  Room,
  SavedProfile,
  SessionChange,
  SessionInfo,
} from './domain'

const id = z.string().trim().min(1).max(128)
const text = (max: number) => z.string().trim().min(1).max(max)

export const profileKindSchema = z.enum(['sandbox', 'mainland', 'overseas', 'custom'])

export const signInCredentialsSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('email'), email: z.email().max(254), password: text(128) }),
  z.object({
    method: z.literal('phone'),
    countryCode: z.string().regex(/^\d{1,4}$/, 'country code is 1–4 digits'),
    phoneNumber: z.string().regex(/^\d{4,20}$/, 'phone number is 4–20 digits'),
    password: text(128),
  }),
  z.object({
    method: z.literal('wechat'),
    wxOpenId: text(128),
    nickname: text(64),
    avatar: z.string().max(512).default(''),
  }),
  /** A support session on an AccessToken someone handed over (profile mode 'access-token'). */
  z.object({
    method: z.literal('token'),
    accessToken: text(512),
    /** Unix seconds, if known; otherwise the token lives until the cloud refuses it. */
    expireAt: z.number().int().positive().optional(),
    /** How the session is shown (whose token it is). */
    label: text(64).default('AccessToken'),
  }),
])
export type SignInCredentials = z.infer<typeof signInCredentialsSchema>

export const profileInputSchema = z.object({
  /** Absent to create a profile. */
  id: id.optional(),
  name: text(64),
  kind: z.enum(['mainland', 'overseas', 'custom']),
  /** Required for 'custom'; ignored otherwise. */
  baseUrl: z.url({ protocol: /^https?$/ }).max(512).optional(),
  appKey: text(128).optional(),
  /** Write-only: stored in the vault, never returned. Absent keeps the stored one. */
  appSecret: text(256).optional(),
  /** How sign-in works on this profile (default 'app-key'). */
  credentialMode: z.enum(['app-key', 'token-broker', 'access-token']).default('app-key'),
  /** For 'token-broker': the organisation's endpoint that signs in server-side. */
  brokerUrl: z.url({ protocol: /^https?$/ }).max(512).optional(),
})
/** What a caller sends (credentialMode may be left out). */
export type ProfileInput = z.input<typeof profileInputSchema>

const none = z.object({}).strict()

const auditFilterSchema = z
  .object({
    fromMs: z.number().int().nonnegative().optional(),
    toMs: z.number().int().nonnegative().optional(),
    action: z.string().max(64).optional(),
    outcome: z.enum(['ok', 'error']).optional(),
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().nonnegative().optional(),
  })
  .strict()

/** Command name → argument schema. */
export const commandArgs = {
  'app.info': none,
  'profiles.list': none,
  'profiles.save': profileInputSchema,
  'profiles.remove': z.object({ id }),
  'session.current': none,
  'session.signIn': z.object({
    profileId: id,
    credentials: signInCredentialsSchema,
    /** Keep the password (encrypted, or for this session only) to sign in again before the token expires. */
    remember: z.boolean().default(false),
  }),
  'session.signOut': none,
  'families.list': none,
  'families.describe': z.object({ familyId: id }),
  'rooms.list': z.object({ familyId: id }),
  'devices.list': z.object({ familyId: id, roomId: z.string().max(128).optional() }),
  'products.list': z.object({ productIds: z.array(id).min(1).max(100) }),
  /** Live data for these devices (replaces the previous set); answers their latest known state. */
  'live.watch': z.object({ deviceIds: z.array(id).max(10_000) }),
  /** The API console: any tokenapi action of the catalog, by name, with its parameters. */
  'api.call': z.object({ action: text(64), params: z.record(z.string(), z.unknown()).default({}) }),
  'audit.list': auditFilterSchema,
  /** A playable, signed link of a camera's recording (lotVideoGenerateSignedVideoURL). */
  'video.signUrl': z.object({ deviceId: id, videoUrl: z.url({ protocol: /^https?$/ }).max(2048) }),
  'audit.export': auditFilterSchema.omit({ limit: true, offset: true }),
  /** Firmware upgrades and staged rollouts (shared/rollout-args.ts). */
  ...rolloutCommandArgs,
  /** Property and event history for charts, with its local cache (shared/history-args.ts). */
  ...historyCommandArgs,
} as const

/** Command name → what it resolves to. */
export interface CommandResults {
  'app.info': AppInfo
  'profiles.list': ProfileSummary[]
  'profiles.save': SavedProfile
  'profiles.remove': null
  'session.current': SessionInfo | null
  'session.signIn': SessionInfo
  'session.signOut': null
  'families.list': Family[]
  'families.describe': FamilyDetail
  'rooms.list': Room[]
  'devices.list': Device[]
  'products.list': Product[]
  'live.watch': DeviceState[]
  'api.call': ApiCallResult
  'audit.list': AuditPage
  'audit.export': { csv: string; count: number }
  'video.signUrl': SignedVideoUrl
  'ota.check': OtaCheck
  'ota.upgradeDevice': RolloutSummary
  'rollout.preview': RolloutPreview
  'rollout.create': RolloutSummary
  'rollout.start': RolloutSummary
  'rollout.pause': RolloutSummary
  'rollout.resume': RolloutSummary
  'rollout.cancel': RolloutSummary
  'rollout.retry': RolloutSummary
  'rollout.list': RolloutSummary[]
  'rollout.get': RolloutBoard
  'rollout.exportCsv': { csv: string; count: number }
  'history.fetch': HistoryFetchResult
  'history.cancel': { cancelled: boolean }
  'history.cacheStats': HistoryCacheStats
  'history.clearCache': { removedPoints: number }
  'history.setCacheLimit': HistoryCacheStats
}

/** What the API console shows of one call. */
export interface ApiCallResult {
  action: string
  requestId: string
  /** The answer's fields, as the cloud sent them (Data flattened in). */
  data: Record<string, unknown>
}

export type CommandName = keyof typeof commandArgs
export type CommandArgs<C extends CommandName> = z.input<(typeof commandArgs)[C]>
export type ParsedCommandArgs<C extends CommandName> = z.output<(typeof commandArgs)[C]>
export type CommandResult<C extends CommandName> = CommandResults[C]

/** Event name → payload. */
export interface BridgeEvents {
  'session.changed': SessionChange
  /** The token ends soon and the app cannot renew it alone: ask the user to sign in again. */
  'session.expiring': { expireAt: number }
  'connection.changed': ConnectionState
  /** Decoded pushes, in batches of at most one per 50 ms. */
  'device.events': DeviceEvent[]
  /** Latest states after a resync (reconnect or first subscription). */
  'device.states': DeviceState[]
  /** Rollouts that changed, at most one event per 250 ms. */
  'rollout.progress': RolloutProgress[]
  /** A running history fetch's counts, at most one event per 100 ms per job. */
  'history.progress': HistoryProgress
  /** A running devices.list: list entries read so far of the family's total, after every page. */
  'devices.progress': { familyId: string; loaded: number; total: number }
}
export type EventName = keyof BridgeEvents

// The names and channels live in a zod-free module so the preload can bundle them;
// tests/main/bridge-names.test.ts proves the lists match commandArgs and BridgeEvents.
export { EVENT_NAMES, IPC_EVENT, IPC_INVOKE, isCommandName, isEventName } from './bridge-names'

/** What the preload exposes as `window.explorerDesk`, and what browser mode emulates. */
export interface DeskBridge {
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<BridgeResult<CommandResult<C>>>
  on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void
}

/** Browser-mode wire messages over the WebSocket. */
export type WireToHost = { type: 'invoke'; id: number; command: string; args: unknown }
export type WireToPage =
  | { type: 'result'; id: number; result: BridgeResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
