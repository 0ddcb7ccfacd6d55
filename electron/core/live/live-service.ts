import type { ConnectionState, SessionInfo } from '../../../shared/domain'
import type { DeviceEvent, DeviceState, PropertyValue } from '../../../shared/live'
import { pushUrlFor } from '../api/endpoints'
import type { CloudCall } from '../api/cloud-call'
import { chunk } from '../api/paging'
import { mapConcurrently } from '../../../shared/concurrency'
import { PushClient, type PushClientOptions, type PushStats } from '../push/push-client'
import { Batcher } from './batcher'
import { DeviceStates } from './device-states'
import { deviceParams } from '../../../shared/device-id'

export interface LiveDeps {
  /** A read as the signed-in user (not audited). */
  call: CloudCall
  accessToken(): string | null
  baseUrl(): string | null
  emitEvents(events: DeviceEvent[]): void
  emitStates(states: DeviceState[]): void
  emitConnection(state: ConnectionState): void
  /** The push connection found the token refused. */
  onTokenRejected(): void
  /** Dropped malformed frames are reported here (rate-limited by the push client). */
  log?: PushClientOptions['log']
  now?: () => number
  /** The proxy's agent for the push connection (network-route.ts). */
  wsAgent?: PushClientOptions['agent']
  /** Tuning for tests and benchmarks. */
  push?: Partial<Pick<PushClientOptions, 'heartbeatMs' | 'answerTimeoutMs' | 'backoffBaseMs' | 'backoffCapMs' | 'timers'>>
  /** At most one batch per this many ms towards the renderer. */
  batchMs?: number
}

const STATUS_BATCH = 100
const DATA_CONCURRENCY = 16
const STATES_PER_MESSAGE = 500

/**
 * Live device data for the signed-in user: one push connection, the latest state per
 * watched device, and batched events towards the renderer. After every (re)subscription
 * it resynchronises the watched devices from the API, so nothing stale survives a gap.
 */
export class LiveService {
  readonly states = new DeviceStates()
  private client: PushClient | null = null
  private readonly batcher: Batcher<DeviceEvent>
  private watched: string[] = []
  private readonly now: () => number
  /** Counts resyncs begun: each one makes those before it stale. */
  private resyncs = 0
  /** Watched devices whose property values are read (on resync too); null: all of them. */
  private valuesOf: ReadonlySet<string> | null = null
  /** Counts value reads begun: a newer one (the list scrolled on) makes those before it stale. */
  private valueReads = 0
  /** Devices whose values were read since the watch or resync: pushes keep them current. */
  private readonly valuesFresh = new Set<string>()

  constructor(private readonly deps: LiveDeps) {
    this.now = deps.now ?? Date.now
    this.batcher = new Batcher(deps.batchMs ?? 50, (events) => deps.emitEvents(events))
  }

  /** Starts the connection for a new session, or closes it when the session ends. */
  sessionChanged(session: SessionInfo | null): void {
    this.client?.stop()
    this.client = null
    this.batcher.discard()
    this.states.clear()
    this.watched = []
    this.valuesOf = null
    this.valuesFresh.clear()
    const baseUrl = this.deps.baseUrl()
    if (!session || !baseUrl) return
    this.client = new PushClient({
      url: pushUrlFor(baseUrl),
      token: () => this.deps.accessToken(),
      onEvent: (event) => this.receive(event),
      onState: (state) => this.deps.emitConnection(state),
      onResync: (ids) => void this.resync(ids),
      onTokenRejected: () => this.deps.onTokenRejected(),
      now: this.now,
      log: this.deps.log,
      agent: this.deps.wsAgent,
      ...this.deps.push,
    })
    this.client.start()
  }

  /**
   * The devices the user is looking at (replaces the previous set). `valuesOf` narrows whose
   * values are read to the rows on screen: a 10,000-device list would otherwise cost 10,000
   * AppGetDeviceData calls each time it opens, for values nobody sees until scrolled to
   * (pushes keep every watched device's values current meanwhile).
   */
  watch(deviceIds: string[], valuesOf?: readonly string[]): DeviceState[] {
    this.watched = [...new Set(deviceIds)]
    this.valuesOf = valuesOf ? this.onlyWatched(valuesOf) : null
    this.valuesFresh.clear()
    this.client?.watch(this.watched)
    return this.states.snapshot(this.watched)
  }

  /**
   * The current values of these watched devices (the rows on screen), read unless read since
   * the watch or the last resync; resyncs read these from now on.
   */
  async readValues(deviceIds: readonly string[]): Promise<DeviceState[]> {
    const wanted = this.onlyWatched(deviceIds)
    this.valuesOf = wanted
    const run = ++this.valueReads
    await this.readData([...wanted].filter((id) => !this.valuesFresh.has(id)), () => run !== this.valueReads)
    return this.states.snapshot([...wanted])
  }

  private onlyWatched(deviceIds: readonly string[]): ReadonlySet<string> {
    const watched = new Set(this.watched)
    return new Set(deviceIds.filter((id) => watched.has(id)))
  }

  /** The current session's push connection: pushes read and malformed frames dropped. */
  get pushStats(): Readonly<PushStats> | null {
    return this.client?.stats ?? null
  }

  get watching(): readonly string[] {
    return this.watched
  }

  close(): void {
    this.sessionChanged(null)
  }

  private receive(event: DeviceEvent): void {
    this.states.apply(event)
    this.batcher.push(event)
  }

  /**
   * Reads statuses of `deviceIds` (and values of those whose values are wanted) from the API into the state. A later
   * resync (the next reconnect, a new watched set) reads everything again, so an earlier one
   * still running stops asking: 10,000 devices read twice at once would slow the pushes too.
   */
  async resync(deviceIds: readonly string[]): Promise<void> {
    const run = ++this.resyncs
    const stale = () => run !== this.resyncs
    try {
      const values = this.valuesOf
      const valueIds = values ? deviceIds.filter((id) => values.has(id)) : deviceIds
      this.valuesFresh.clear() // a gap in the pushes: every value read before it may be old
      await Promise.all([this.resyncStatuses(deviceIds, stale), this.readData(valueIds, stale)])
    } catch {
      return // the session ended or the cloud is unreachable: the next reconnect resyncs again
    }
    if (stale()) return
    for (const part of chunk(this.states.snapshot(deviceIds), STATES_PER_MESSAGE)) this.deps.emitStates(part)
  }

  private async resyncStatuses(deviceIds: readonly string[], stale: () => boolean): Promise<void> {
    for (const ids of chunk(deviceIds, STATUS_BATCH)) {
      if (stale()) return
      const askedAt = this.now()
      const reply = await this.deps.call('AppGetDeviceStatuses', { DeviceIds: ids })
      const list = (reply.data.DeviceStatuses ?? reply.data.Devices ?? []) as { DeviceId?: string; Online?: number }[]
      for (const s of list) if (s.DeviceId) this.states.setOnline(s.DeviceId, Number(s.Online) === 1, this.now(), askedAt)
    }
  }

  private async readData(deviceIds: readonly string[], stale: () => boolean): Promise<void> {
    await mapConcurrently(deviceIds, DATA_CONCURRENCY, async (deviceId) => {
      if (stale()) return
      const askedAt = this.now()
      const reply = await this.deps.call('AppGetDeviceData', deviceParams(deviceId))
      this.states.mergeProperties(deviceId, parseDeviceData(reply.data.Data), this.now(), askedAt)
      this.valuesFresh.add(deviceId)
    })
  }
}

/** AppGetDeviceData's Data: a JSON string of `{id: {Value, LastUpdate}}` (LastUpdate in ms). */
export function parseDeviceData(data: unknown): Record<string, PropertyValue> {
  let parsed: unknown = data
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data)
    } catch {
      return {}
    }
  }
  if (!parsed || typeof parsed !== 'object') return {}
  const out: Record<string, PropertyValue> = {}
  for (const [id, entry] of Object.entries(parsed as Record<string, { Value?: unknown; LastUpdate?: number }>)) {
    if (entry && typeof entry === 'object' && 'Value' in entry) out[id] = { value: entry.Value, lastUpdateMs: Number(entry.LastUpdate) || 0 }
  }
  return out
}
