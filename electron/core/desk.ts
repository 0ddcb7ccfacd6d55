import { join } from 'node:path'
import type { Logger } from 'pino'
import type { SessionChange } from '../../shared/domain'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox'
import type { CloudCall } from './api/cloud-call'
import { CloudClient } from './api/cloud-client'
import { appCommands } from './app/commands'
import { asDeviceCommands } from './as-device/commands'
import { auditCommands } from './audit/commands'
import { recordChanges } from './audit/change-recorder'
import { commissioningCommands } from './commissioning/commands'
import { deskSources } from './commissioning/sources'
import { consoleCommands } from './console/commands'
import type { Desk, DeskHostOptions } from './desk-contract'
import { deviceCommands } from './device/commands'
import { createDispatcher, type CommandHandlers } from './dispatcher'
import { EventHub } from './events'
import { fleetCommands } from './fleet/commands'
import { FleetService } from './fleet/fleet-service'
import { historyCommands } from './history/commands'
import { bindingCommands } from './binding/commands'
import { homeCommands } from './home/commands'
import { membersCommands } from './members/commands'
import { sharingCommands } from './sharing/commands'
import { automationCommands } from './schedule/automation-commands'
import { timersCommands } from './schedule/timer-commands'
import { liveCommands } from './live/commands'
import { HistoryService, type HistoryTuning } from './history/history-service'
import { LiveService, type LiveDeps } from './live/live-service'
import { createLogger } from './log/logger'
import { scrubValues, secretValuesIn } from './log/redaction'
import { ProfileStore } from './session/profiles'
import type { Clock } from './rollout/clock'
import { firmwareCommands } from './rollout/commands'
import { messagesCommands } from './messages/commands'
import { musicCommands } from './music/commands'
import { RolloutService, type RolloutTuning } from './rollout/rollout-service'
import { profilesCommands, sessionCommands } from './session/commands'
import { SessionService } from './session/session-service'
import { AuditLog } from './audit/audit-log'
import { openDeskDatabase } from './store/database'
import { SecretVault } from './session/vault'
import { NetworkRoute } from './network/network-route'
import { settingsCommands } from './settings/commands'
import { SettingsStore } from './settings/settings-store'
import { supportCommands } from './support/commands'
import { updatesCommands } from './updates/commands'
import { UpdateService, type UpdateTuning } from './updates/update-service'
import { ConnectionHistory } from './support/connection-history'
import { mediaOriginsFor } from './video/media-origins'
import { videoCommands } from './video/commands'
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
  /** Check every command's result against its contract (tests; development builds). */
  checkResults?: boolean
  /** Update-check timing (tests shorten the start delay). */
  updates?: Partial<UpdateTuning>
}

/** Builds the core a host serves: profiles, session, fleet, live data, audit, behind one dispatcher. */
export async function createDesk(options: DeskHostOptions, overrides: DeskOverrides = {}): Promise<Desk> {
  // Bound once the session and vault exist; the logger reads it on every line.
  let knownSecrets = (): string[] => []
  const hub = new EventHub()
  const settings = await SettingsStore.open(options.dataDir)
  const log = overrides.logger ? { logger: overrides.logger, close: async () => overrides.logger?.flush() } : createLogger(options.dataDir, settings.current.logLevel, () => knownSecrets())
  const logger = log.logger
  const network = new NetworkRoute()
  network.configure(settings.current.proxy)
  const updates = new UpdateService({
    port: options.host?.updater ?? null,
    currentVersion: options.version,
    channel: () => settings.current.updateChannel,
    emit: (state) => hub.emit('updates.changed', state),
    log: (message, detail) => logger.info(detail, message),
    tuning: overrides.updates,
  })
  settings.onChange((value, changed) => {
    network.configure(value.proxy)
    if (!overrides.logger) logger.level = value.logLevel
    if (changed.includes('updateChannel')) updates.channelChanged()
  })
  // Tests may swap fetch; otherwise every cloud and broker call follows the proxy setting.
  const netFetch = overrides.fetch ?? network.fetch
  const now = overrides.now ?? Date.now
  const connections = new ConnectionHistory(now)
  const sandbox = await embeddedSandbox(options, overrides)
  const vault = await SecretVault.open(join(options.dataDir, 'secrets.json'), options.cipher)
  const profiles = await ProfileStore.open(options.dataDir, vault, sandbox)
  const { db, notices } = openDeskDatabase(options.dataDir)
  for (const notice of notices) logger.warn(notice, 'the damaged database was moved aside and a fresh one started')
  const audit = new AuditLog(db)

  const session: SessionService = new SessionService({
    profiles,
    now,
    clientFor: (profile) =>
      new CloudClient({ baseUrl: profile.baseUrl, appKey: profile.appKey, appSecret: profile.appSecret, fetch: netFetch, now }),
    fetch: netFetch,
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
  // Remembered sign-ins are JSON in the vault: their passwords are secrets on their own too.
  knownSecrets = () => [...session.secrets(), ...vault.values(), ...secretValuesIn(vault.values()), ...(sandbox ? [sandbox.appSecret] : [])]
  // The fleet is bound below; names are asked only when a change is made, long after.
  const call = recordChanges(audit, () => session.current(), knownSecrets, read, Date.now, (deviceId) => fleet.deviceName(deviceId))
  const fleet = new FleetService(call)
  const live = new LiveService({
    call: read,
    accessToken: () => session.accessToken(),
    baseUrl: () => session.baseUrl(),
    emitEvents: (events) => hub.emit('device.events', events),
    emitStates: (states) => hub.emit('device.states', states),
    emitConnection: (state) => {
      connections.record(state)
      hub.emit('connection.changed', state)
    },
    onTokenRejected: () => session.endRejected(),
    log: (message, detail) => logger.warn(detail, message),
    wsAgent: (url) => network.wsAgent(url),
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
  const handlers: CommandHandlers = {
    ...appCommands(options, () => vault.persistent, notices),
    ...profilesCommands(profiles, session),
    ...sessionCommands(session),
    ...fleetCommands(fleet, hub),
    ...liveCommands(live),
    ...deviceCommands(call),
    ...homeCommands(call),
    ...membersCommands(call),
    ...sharingCommands(call),
    ...commissioningCommands(
      deskSources({ fleet, call, read, audit, account: () => session.current()?.account ?? '', now }),
      options.host ?? {},
      (progress) => hub.emit('commissioning.progress', progress),
    ),
    ...bindingCommands(call, now),
    ...timersCommands(call, fleet),
    ...automationCommands(call, fleet),
    ...messagesCommands(call),
    ...asDeviceCommands(call, now),
    ...musicCommands(call),
    ...historyCommands(history),
    ...firmwareCommands(rollouts),
    ...videoCommands(read, now, overrides.videoLinkSeconds),
    ...auditCommands(audit),
    ...consoleCommands(call),
    ...settingsCommands({ store: settings, dataDir: options.dataDir, host: options.host ?? {}, clearCache: () => history.clearCache() }),
    ...supportCommands(
      {
        dataDir: options.dataDir,
        app: { version: options.version, mode: options.mode, platform: options.platform },
        profiles: () => profiles.list(),
        settings: () => settings.current,
        audit: (limit) => audit.list({ limit }).entries,
        push: () => ({ stats: live.pushStats, recent: connections.recent() }),
        secrets: () => knownSecrets(),
        now,
      },
      options.host ?? {},
    ),
    ...updatesCommands(updates),
  }
  const handle = createDispatcher(handlers, logger, { checkResults: overrides.checkResults })
  // Nothing the page receives carries a secret: not one it just sent, not one held here.
  const dispatch: Desk['dispatch'] = async (command, args) =>
    scrubValues(await handle(command, args), [...knownSecrets(), ...secretValuesIn(args)])
  logger.info({ mode: options.mode, version: options.version, sandbox: sandbox?.url }, 'desk started')
  updates.start()

  return {
    dispatch,
    onEvent: (listener) => hub.on((event, payload) => listener(event, scrubValues(payload, knownSecrets()))),
    // Signed out, the preselected profile is the one about to be used: the embedded sandbox.
    mediaOrigins: () => mediaOriginsFor(session.baseUrl() ?? sandbox?.url ?? null),
    close: async () => {
      updates.close()
      await history.close()
      // Before signing out: publishes in flight still get their answers recorded.
      await rollouts.close()
      live.close()
      await session.signOut()
      session.close()
      if (!overrides.sandboxInstance) await sandbox?.close()
      db.close()
      await network.close()
      await log.close()
    },
  }
}

async function embeddedSandbox(options: DeskHostOptions, overrides: DeskOverrides): Promise<RunningSandbox | null> {
  if (options.embeddedSandbox === false) return null
  // The demo's gateways have sub-devices waiting to be added (tokens wait for the device anyway).
  return overrides.sandboxInstance ?? (await startSandbox({ port: 0, unboundSubDevices: 2, ...overrides.sandbox }))
}

export type { RunningSandbox }
