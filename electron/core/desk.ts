import { join } from 'node:path'
import type { Logger } from 'pino'
import { LocalCode } from '../../shared/errors'
import type { SessionChange } from '../../shared/domain'
import type { SignedVideoUrl } from '../../shared/video'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox'
import { TOKEN_ACTIONS, type TokenActionName } from './api/action-client'
import { ApiError } from './api/api-error'
import { CloudClient } from './api/cloud-client'
import { recordChanges } from './audit/change-recorder'
import type { Desk, DeskHostOptions } from './desk-contract'
import { createDispatcher, type CommandHandlers } from './dispatcher'
import { EventHub } from './events'
import { FleetService, type CloudCall } from './fleet/fleet-service'
import { historyCommands } from './history/commands'
import { HistoryService, type HistoryTuning } from './history/history-service'
import { LiveService, type LiveDeps } from './live/live-service'
import { createLogger } from './log/logger'
import { ProfileStore } from './session/profiles'
import type { Clock } from './rollout/clock'
import { rolloutCommands } from './rollout/commands'
import { RolloutService, type RolloutTuning } from './rollout/rollout-service'
import { SessionService } from './session/session-service'
import { AuditLog } from './audit/audit-log'
import { openDatabase } from './store/database'
import { SecretVault } from './session/vault'
import { mediaOriginsFor } from './video/media-origins'
import { signVideoUrl } from './video/signed-video-url'
import { withVideoSpelling } from './video/video-spelling'

/** What tests and benchmarks may swap; hosts pass none of it. */
export interface DeskOverrides {
  fetch?: typeof fetch
  now?: () => number
  logger?: Logger
  sandbox?: Partial<SandboxOptions>
  /** A sandbox the caller started and will close (tests compare against its world). */
  sandboxInstance?: RunningSandbox
  /** How long before expiry the session renews or warns. */
  renewLeadMs?: number
  /** Push-connection and batching tuning (tests shorten heartbeats and backoff). */
  live?: Pick<LiveDeps, 'push' | 'batchMs'>
  /** History fetch tuning (tests shorten retry waits and the settle window). */
  history?: Partial<HistoryTuning>
  /** Rollout engine tuning, clock and lease identity (tests poll faster, crash tests restart). */
  rollout?: Partial<RolloutTuning> & { clock?: Clock; ownerId?: string }
  /** How long signed playback links live, in seconds (tests shorten it to see re-signing). */
  videoLinkSeconds?: number
}

/** Builds the core a host serves: profiles, session, fleet, live data, audit, behind one dispatcher. */
export async function createDesk(options: DeskHostOptions, overrides: DeskOverrides = {}): Promise<Desk> {
  // Bound once the session and vault exist; the logger reads it on every line.
  let knownSecrets = (): string[] => []
  const logger = overrides.logger ?? createLogger(options.dataDir, 'info', () => knownSecrets())
  const now = overrides.now ?? Date.now
  const hub = new EventHub()
  const sandbox = await embeddedSandbox(options, overrides)
  const vault = await SecretVault.open(join(options.dataDir, 'secrets.json'), options.cipher)
  const profiles = await ProfileStore.open(options.dataDir, vault, sandbox)
  const db = openDatabase(options.dataDir)
  const audit = new AuditLog(db)

  const session: SessionService = new SessionService({
    profiles,
    now,
    clientFor: (profile) =>
      new CloudClient({ baseUrl: profile.baseUrl, appKey: profile.appKey, appSecret: profile.appSecret, fetch: overrides.fetch, now }),
    fetch: overrides.fetch,
    renewLeadMs: overrides.renewLeadMs,
    onExpiring: (expireAt) => hub.emit('session.expiring', { expireAt }),
    onChange: (change: SessionChange) => {
      // A renewed token keeps the push connection: it reads the token afresh on reconnect.
      if (change.reason !== 'renewed') {
        fleet.reset()
        live.sessionChanged(change.session)
        rollouts.sessionChanged()
        void history.cancelAll()
      }
      logger.info({ reason: change.reason, profileId: change.session?.profileId }, 'session changed')
      hub.emit('session.changed', change)
    },
  })
  // Cloud-storage actions go out in the spelling the current cloud answers (video-spelling.ts).
  const read: CloudCall = withVideoSpelling((action, params, call) => session.call(action, params, call), () => session.baseUrl())
  knownSecrets = () => [...session.secrets(), ...vault.values(), ...(sandbox ? [sandbox.appSecret] : [])]
  const call = recordChanges(audit, () => session.current(), knownSecrets, read)
  const fleet = new FleetService(call)
  const live = new LiveService({
    call: read,
    accessToken: () => session.accessToken(),
    baseUrl: () => session.baseUrl(),
    emitEvents: (events) => hub.emit('device.events', events),
    emitStates: (states) => hub.emit('device.states', states),
    emitConnection: (state) => hub.emit('connection.changed', state),
    onTokenRejected: () => session.endRejected(),
    log: (message, detail) => logger.warn(detail, message),
    now,
    ...overrides.live,
  })
  const history = new HistoryService({
    call: read,
    db,
    now,
    scope: () => session.baseUrl(),
    emitProgress: (progress) => hub.emit('history.progress', progress),
    tuning: overrides.history,
  })
  const { clock: rolloutClock, ownerId, ...rolloutTuning } = overrides.rollout ?? {}
  const rollouts = new RolloutService({
    db,
    audit,
    call,
    fleet,
    session,
    emitProgress: (progress) => hub.emit('rollout.progress', progress),
    log: logger,
    clock: rolloutClock,
    tuning: rolloutTuning,
    ownerId,
  })
  const video = { sign: (request: { deviceId: string; videoUrl: string }) => signVideoUrl(read, request, now(), overrides.videoLinkSeconds) }
  const dispatch = createDispatcher(commandHandlers({ options, vault, profiles, session, fleet, live, audit, call, history, rollouts, video, hub }), logger)
  logger.info({ mode: options.mode, version: options.version, sandbox: sandbox?.url }, 'desk started')

  return {
    dispatch,
    onEvent: (listener) => hub.on(listener),
    // Signed out, the preselected profile is the one about to be used: the embedded sandbox.
    mediaOrigins: () => mediaOriginsFor(session.baseUrl() ?? sandbox?.url ?? null),
    close: async () => {
      await history.close()
      // Before signing out: publishes in flight still get their answers recorded.
      await rollouts.close()
      live.close()
      await session.signOut()
      session.close()
      if (!overrides.sandboxInstance) await sandbox?.close()
      db.close()
      logger.flush()
    },
  }
}

async function embeddedSandbox(options: DeskHostOptions, overrides: DeskOverrides): Promise<RunningSandbox | null> {
  if (options.embeddedSandbox === false) return null
  return overrides.sandboxInstance ?? (await startSandbox({ port: 0, ...overrides.sandbox }))
}

interface Services {
  options: DeskHostOptions
  vault: SecretVault
  profiles: ProfileStore
  session: SessionService
  fleet: FleetService
  live: LiveService
  audit: AuditLog
  /** A call as the signed-in user, audited when it changes something. */
  call: CloudCall
  history: HistoryService
  rollouts: RolloutService
  video: { sign(request: { deviceId: string; videoUrl: string }): Promise<SignedVideoUrl> }
  hub: EventHub
}

function commandHandlers({ options, vault, profiles, session, fleet, live, audit, call, history, rollouts, video, hub }: Services): CommandHandlers {
  return {
    'app.info': async () => ({
      version: options.version,
      mode: options.mode,
      platform: options.platform,
      secretStorage: vault.persistent ? 'encrypted' : 'session-only',
    }),
    'profiles.list': async () => profiles.list(),
    'profiles.save': async (input) => profiles.save(input),
    'profiles.remove': async ({ id }) => {
      if (session.current()?.profileId === id) await session.signOut()
      await profiles.remove(id)
      return null
    },
    'session.current': async () => session.current(),
    'session.signIn': async ({ profileId, credentials, remember }) => session.signIn(profileId, credentials, { remember }),
    'session.signOut': async () => {
      await session.signOut()
      return null
    },
    'families.list': async () => fleet.families(),
    'families.describe': async ({ familyId }) => fleet.family(familyId),
    'rooms.list': async ({ familyId }) => fleet.rooms(familyId),
    'devices.list': async ({ familyId, roomId }) =>
      fleet.devices(familyId, roomId ?? '', (loaded, total) => hub.emit('devices.progress', { familyId, loaded, total })),
    'products.list': async ({ productIds }) => fleet.productList(productIds),
    'live.watch': async ({ deviceIds }) => live.watch(deviceIds),
    'api.call': async ({ action, params }) => {
      if (!TOKEN_ACTIONS.includes(action as TokenActionName)) {
        throw new ApiError({ kind: 'validation', code: LocalCode.UnknownAction, message: `${action} is not an action of the reference.`, action })
      }
      const reply = await call(action, params)
      return { action, requestId: reply.requestId, data: reply.data }
    },
    'audit.list': async (filter) => audit.list(filter),
    'video.signUrl': async (request) => video.sign(request),
    'audit.export': async (filter) => ({ csv: audit.toCsv(filter), count: audit.list({ ...filter, limit: 1 }).total }),
    ...historyCommands(history),
    ...rolloutCommands(rollouts),
  }
}

export type { RunningSandbox }
