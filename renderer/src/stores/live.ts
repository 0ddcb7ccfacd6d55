import { defineStore, storeToRefs } from 'pinia'
import { markRaw, shallowReactive, shallowRef, toRaw, triggerRef } from 'vue'
import type { Device } from '@shared/domain'
import type { DeviceEvent, DeviceState } from '@shared/live'
import { useDesk } from '@/bridge'

export interface LiveDevice {
  /** null until main or a push says. */
  online: boolean | null
  /** Main's time of the online news (event receivedAtMs or state updatedAtMs), to drop stale news. */
  atMs: number
  /** Latest value of every property heard of, by property id. */
  values: Record<string, unknown>
  /** When the newest of those values was reported (Unix ms; 0 when unknown), to show their age. */
  valuesAtMs: number
}

/**
 * Reads that follow only what they need, for views that render many devices at once (see
 * `useLiveStore().lookups`): a push batch then re-renders the few cells whose device changed
 * instead of every row on screen, and whole-list passes rerun only when an online state did.
 */
export interface LiveLookups {
  /** The device's entry, following changes of this device only. */
  liveOf(deviceId: string): LiveDevice | undefined
  /** The device's online state (live if known, else as listed), following this device's online changes only. */
  onlineOf(device: Pick<Device, 'deviceId' | 'online'>): boolean
  /** A lookup for passes over whole lists (counts, filters, sorts): follows any online change, not values. */
  onlineLookup(): (device: Pick<Device, 'deviceId' | 'online'>) => boolean
}

/**
 * Live online state and latest property values of the watched devices, over the lists
 * fetched with `devices.list`. Built for 10,000 rows: one Map keyed by deviceId, mutated in
 * place, and one reactive trigger per batch (events come at most once per 50 ms), never a
 * copy of the device list. `known` follows every change; `lookups` give finer reads.
 */
export const useLiveStore = defineStore('live', () => {
  /** Always this Map (mutated in place): `known` only signals that it changed. */
  const map = new Map<string, LiveDevice>()
  const known = shallowRef(map)
  // Change counters, read per key: a reactive Map follows `get(key)` for that key alone.
  const changes = shallowReactive(new Map<string, number>())
  const onlineChanges = shallowReactive(new Map<string, number>())
  const anyOnline = shallowRef(0)
  /** Bumped when the watched set is replaced (the Map cleared): every read starts afresh. */
  const generation = shallowRef(0)
  const bump = (counters: Map<string, number>, deviceId: string) => counters.set(deviceId, (toRaw(counters).get(deviceId) ?? 0) + 1)
  let watched: ReadonlySet<string> = new Set()
  let watchSeq = 0
  let started = false

  function start(): void {
    if (started) return
    started = true
    const desk = useDesk()
    desk.on('device.events', applyEvents)
    desk.on('device.states', applyStates)
  }

  /** The watched device's entry, created on first news; undefined for unwatched devices. */
  function entry(deviceId: string): LiveDevice | undefined {
    if (!watched.has(deviceId)) return undefined
    let current = map.get(deviceId)
    if (!current) map.set(deviceId, (current = { online: null, atMs: 0, values: {}, valuesAtMs: 0 }))
    return current
  }

  /** Whether one record changed the map (in place); the caller triggers once per batch. */
  function record(deviceId: string, online: boolean, atMs: number): boolean {
    const current = entry(deviceId)
    if (!current || (current.online !== null && atMs < current.atMs)) return false // older than what is shown
    current.atMs = atMs
    if (current.online === online) return false
    current.online = online
    return true
  }

  function recordValues(deviceId: string, values: Record<string, unknown>, atMs: number): boolean {
    const current = entry(deviceId)
    if (!current) return false
    Object.assign(current.values, values)
    current.valuesAtMs = Math.max(current.valuesAtMs, atMs)
    return true
  }

  /** One batch's changes: the devices whose entry changed, those whose online state did. */
  function publish(changed: ReadonlySet<string>, onlineChanged: ReadonlySet<string>): void {
    if (changed.size === 0) return
    for (const deviceId of changed) bump(changes, deviceId)
    for (const deviceId of onlineChanged) bump(onlineChanges, deviceId)
    if (onlineChanged.size > 0) anyOnline.value++
    triggerRef(known)
  }

  function applyEvents(events: readonly DeviceEvent[]): void {
    const changed = new Set<string>()
    const onlineChanged = new Set<string>()
    for (const event of events) {
      if (event.kind === 'status' && record(event.deviceId, event.online, event.receivedAtMs)) {
        changed.add(event.deviceId)
        onlineChanged.add(event.deviceId)
      } else if (event.kind === 'property' && recordValues(event.deviceId, event.values, event.receivedAtMs)) changed.add(event.deviceId)
    }
    publish(changed, onlineChanged)
  }

  function applyStates(states: readonly DeviceState[]): void {
    const changed = new Set<string>()
    const onlineChanged = new Set<string>()
    for (const state of states) {
      if (state.online !== null && record(state.deviceId, state.online, state.updatedAtMs)) {
        changed.add(state.deviceId)
        onlineChanged.add(state.deviceId)
      }
      const properties = Object.entries(state.properties)
      const values = Object.fromEntries(properties.map(([id, p]) => [id, p.value]))
      const atMs = Math.max(0, ...properties.map(([, p]) => p.lastUpdateMs))
      if (properties.length > 0 && recordValues(state.deviceId, values, atMs)) changed.add(state.deviceId)
    }
    publish(changed, onlineChanged)
  }

  // Plain functions behind markRaw: Pinia leaves them unwrapped (actions cost too much on a
  // 10,000-row render path).
  const lookups: LiveLookups = markRaw({
    liveOf(deviceId: string) {
      void generation.value
      void changes.get(deviceId)
      return map.get(deviceId)
    },
    onlineOf(device: Pick<Device, 'deviceId' | 'online'>) {
      void generation.value
      void onlineChanges.get(device.deviceId)
      return map.get(device.deviceId)?.online ?? device.online
    },
    onlineLookup() {
      void anyOnline.value
      return (device: Pick<Device, 'deviceId' | 'online'>) => map.get(device.deviceId)?.online ?? device.online
    },
  })

  /**
   * Live data for exactly these devices (replacing the previous set), seeded with the
   * latest states main knows. [] stops it. Failing only loses liveness: the list stays.
   * `keepKnown` (a list following the rows in view as they scroll) keeps what is known of
   * devices still watched, so their cells do not blank while main answers. `valuesOf`
   * reads property values of those devices only (rows on screen; see `readValues`).
   */
  async function watchDevices(deviceIds: readonly string[], options: { keepKnown?: boolean; valuesOf?: readonly string[] } = {}): Promise<void> {
    start()
    const seq = ++watchSeq
    watched = new Set(deviceIds)
    if (options.keepKnown) forgetUnwatched()
    else {
      map.clear()
      changes.clear()
      onlineChanges.clear()
      generation.value++
      anyOnline.value++
      triggerRef(known)
    }
    try {
      const valuesOf = options.valuesOf ? { valuesOf: [...options.valuesOf] } : {}
      const states = await useDesk().call('live.watch', { deviceIds: [...watched], ...valuesOf })
      if (seq === watchSeq) applyStates(states)
    } catch {
      // The connection indicator tells whether live data flows; the list itself is intact.
    }
  }

  /** Current values of watched devices newly on screen (a watch given `valuesOf` read only the first rows'). */
  async function readValues(deviceIds: readonly string[]): Promise<void> {
    const seq = watchSeq
    try {
      const states = await useDesk().call('live.readValues', { deviceIds: [...deviceIds] })
      if (seq === watchSeq) applyStates(states)
    } catch {
      // Pushes still bring values; the cells show what is known.
    }
  }

  /** Drops the entries of devices no longer watched; only those devices' reads rerun. */
  function forgetUnwatched(): void {
    const dropped = new Set<string>()
    for (const [deviceId, current] of map) {
      if (watched.has(deviceId)) continue
      map.delete(deviceId)
      dropped.add(deviceId)
      if (current.online !== null) bump(onlineChanges, deviceId)
    }
    if (dropped.size === 0) return
    for (const deviceId of dropped) bump(changes, deviceId)
    anyOnline.value++
    triggerRef(known)
  }

  return { known, lookups, start, watchDevices, readValues, applyEvents, applyStates }
})

/**
 * The device's online state: live if known, else as listed. A plain function, not a store
 * action (Pinia wraps those, too costly on a 10,000-row render path).
 */
export function useOnlineLookup(): (device: Pick<Device, 'deviceId' | 'online'>) => boolean {
  const { known } = storeToRefs(useLiveStore())
  return (device) => known.value.get(device.deviceId)?.online ?? device.online
}

/**
 * The same lookup over one reading of the map, for passes over whole lists (counts, filters):
 * reading the store once instead of 10,000 times keeps a batch's recount cheap.
 */
export function onlineFrom(known: ReadonlyMap<string, LiveDevice>): (device: Pick<Device, 'deviceId' | 'online'>) => boolean {
  return (device) => known.get(device.deviceId)?.online ?? device.online
}
