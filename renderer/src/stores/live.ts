import { defineStore, storeToRefs } from 'pinia'
import { shallowRef, triggerRef } from 'vue'
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
}

/**
 * Live online state and latest property values of the watched devices, over the lists
 * fetched with `devices.list`. Built for 10,000 rows: one Map keyed by deviceId, mutated in
 * place, and one reactive trigger per batch (events come at most once per 50 ms), never a
 * copy of the device list.
 */
export const useLiveStore = defineStore('live', () => {
  const known = shallowRef(new Map<string, LiveDevice>())
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
    const map = known.value
    let current = map.get(deviceId)
    if (!current) map.set(deviceId, (current = { online: null, atMs: 0, values: {} }))
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

  function recordValues(deviceId: string, values: Record<string, unknown>): boolean {
    const current = entry(deviceId)
    if (!current) return false
    Object.assign(current.values, values)
    return true
  }

  function applyEvents(events: readonly DeviceEvent[]): void {
    let changed = false
    for (const event of events) {
      if (event.kind === 'status' && record(event.deviceId, event.online, event.receivedAtMs)) changed = true
      else if (event.kind === 'property' && recordValues(event.deviceId, event.values)) changed = true
    }
    if (changed) triggerRef(known)
  }

  function applyStates(states: readonly DeviceState[]): void {
    let changed = false
    for (const state of states) {
      if (state.online !== null && record(state.deviceId, state.online, state.updatedAtMs)) changed = true
      const values = Object.fromEntries(Object.entries(state.properties).map(([id, p]) => [id, p.value]))
      if (Object.keys(values).length > 0 && recordValues(state.deviceId, values)) changed = true
    }
    if (changed) triggerRef(known)
  }

  /**
   * Live data for exactly these devices (replacing the previous set), seeded with the
   * latest states main knows. [] stops it. Failing only loses liveness: the list stays.
   */
  async function watchDevices(deviceIds: readonly string[]): Promise<void> {
    start()
    const seq = ++watchSeq
    watched = new Set(deviceIds)
    known.value.clear()
    triggerRef(known)
    try {
      const states = await useDesk().call('live.watch', { deviceIds: [...watched] })
      if (seq === watchSeq) applyStates(states)
    } catch {
      // The connection indicator tells whether live data flows; the list itself is intact.
    }
  }

  return { known, start, watchDevices, applyEvents, applyStates }
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
