import { join } from 'node:path'
import type { Logger } from 'pino'
import type { SessionChange } from '../../shared/domain'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox'
import { CloudClient } from './api/cloud-client'
import { ConnectionMonitor } from './connection-monitor'
import type { Desk, DeskHostOptions } from './desk-contract'
import { createDispatcher, type CommandHandlers } from './dispatcher'
import { EventHub } from './events'
import { FleetService, type CloudCall } from './fleet'
import { ApiError } from './api/api-error'
import { TOKEN_ACTIONS, type TokenActionName } from './api/action-client'
import { recordChanges } from './change-recorder'
import { AuditLog } from './store/audit-log'
import { openDatabase } from './store/database'
import { LocalCode } from '../../shared/errors'
import { createLogger } from './logger'
import { ProfileStore } from './profiles'
import { SessionService } from './session'
import { SecretVault } from './vault'

/** What tests and benchmarks may swap; hosts pass none of it. */
export interface DeskOverrides {
  fetch?: typeof fetch
  now?: () => number
  logger?: Logger
  sandbox?: Partial<SandboxOptions>
  /** A sandbox the caller started and will close (tests compare against its world). */
  sandboxInstance?: RunningSandbox
}

/** Builds the core a host serves: profiles, session, fleet, behind one dispatcher. */
export async function createDesk(options: DeskHostOptions, overrides: DeskOverrides = {}): Promise<Desk> {
  const logger = overrides.logger ?? createLogger(options.dataDir)
  const now = overrides.now ?? Date.now
  const hub = new EventHub()
  const sandbox = await embeddedSandbox(options, overrides)
  const vault = await SecretVault.open(join(options.dataDir, 'secrets.json'), options.cipher)
  const profiles = await ProfileStore.open(options.dataDir, vault, sandbox)
  const connection = new ConnectionMonitor((state) => hub.emit('connection.changed', state))
  const session = new SessionService({
    profiles,
    now,
    clientFor: (profile) =>
      new CloudClient({ baseUrl: profile.baseUrl, appKey: profile.appKey, appSecret: profile.appSecret, fetch: overrides.fetch, now }),
    onChange: (change: SessionChange) => {
      if (!change.session) {
        fleet.reset()
        connection.reset()
      }
      logger.info({ reason: change.reason, profileId: change.session?.profileId }, 'session changed')
      hub.emit('session.changed', change)
    },
  })
  const db = openDatabase(options.dataDir)
  const audit = new AuditLog(db)
  const knownSecrets = () => [...session.secrets(), ...vault.values(), ...(sandbox ? [sandbox.appSecret] : [])]
  const recordedCall = recordChanges(audit, () => session.current(), knownSecrets, (action, params, call) =>
    connection.watch(session.call(action, params, call)),
  )
  const fleet = new FleetService(recordedCall)
  const handlers = commandHandlers({ options, vault, profiles, session, fleet, connection, audit, call: recordedCall })
  const dispatch = createDispatcher(handlers, logger)
  logger.info({ mode: options.mode, version: options.version, sandbox: sandbox?.url }, 'desk started')

  return {
    dispatch,
    onEvent: (listener) => hub.on(listener),
    close: async () => {
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
  connection: ConnectionMonitor
  audit: AuditLog
  call: CloudCall
}

function commandHandlers({ options, vault, profiles, session, fleet, connection, audit, call }: Services): CommandHandlers {
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
    'session.signIn': async ({ profileId, credentials }) => connection.watch(session.signIn(profileId, credentials)),
    'session.signOut': async () => {
      await session.signOut()
      return null
    },
    'families.list': async () => fleet.families(),
    'families.describe': async ({ familyId }) => fleet.family(familyId),
    'rooms.list': async ({ familyId }) => fleet.rooms(familyId),
    'devices.list': async ({ familyId, roomId }) => fleet.devices(familyId, roomId ?? ''),
    'products.list': async ({ productIds }) => fleet.productList(productIds),
    'api.call': async ({ action, params }) => {
      if (!TOKEN_ACTIONS.includes(action as TokenActionName)) {
        throw new ApiError({ kind: 'validation', code: LocalCode.UnknownAction, message: `${action} is not an action of the reference.`, action })
      }
      const reply = await call(action, params)
      return { action, requestId: reply.requestId, data: reply.data }
    },
    'audit.list': async (filter) => audit.list(filter),
    'audit.export': async (filter) => {
      const csv = audit.toCsv(filter)
      return { csv, count: audit.list({ ...filter, limit: 1 }).total }
    },
  }
}

export type { RunningSandbox }
