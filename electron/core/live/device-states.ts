import type { DeviceEvent, DeviceState, PropertyValue } from '../../../shared/live'

/**
 * The latest known state of every watched device, kept in main so a view opened later
 * starts complete. Pushes update it as they arrive; a resync replaces what it covers.
 */
export class DeviceStates {
  private readonly states = new Map<string, DeviceState>()
  /** When a push last set each field ('online' or a property id), in local ms. */
  private readonly pushedAt = new Map<string, Map<string, number>>()

  apply(event: DeviceEvent): void {
    if (event.kind === 'status') {
      this.setOnline(event.deviceId, event.online, event.receivedAtMs)
      this.marksOf(event.deviceId).set('online', event.receivedAtMs)
    }
    // A control is the user's wish; only the device's report is its state.
    if (event.kind === 'property' && event.source === 'report') {
      // In place, one entry per value: a push costs what it carries, not a copy of the device.
      const state = this.stateOf(event.deviceId)
      const marks = this.marksOf(event.deviceId)
      for (const id in event.values) {
        if (!Object.hasOwn(event.values, id)) continue
        setOwn(state.properties, id, { value: event.values[id], lastUpdateMs: event.receivedAtMs })
        marks.set(id, event.receivedAtMs)
      }
      state.updatedAtMs = event.receivedAtMs
    }
  }

  /**
   * Sets the online state; with `readSinceMs` (a resync that asked at that moment) a push
   * that arrived meanwhile is newer than the answer and wins.
   */
  setOnline(deviceId: string, online: boolean, atMs: number, readSinceMs?: number): void {
    if (readSinceMs !== undefined && this.pushedSince(deviceId, 'online', readSinceMs)) return
    const state = this.stateOf(deviceId)
    state.online = online
    state.updatedAtMs = atMs
  }

  /** Values from the cloud's own record (AppGetDeviceData) or a report; see setOnline for `readSinceMs`. */
  mergeProperties(deviceId: string, properties: Record<string, PropertyValue>, atMs: number, readSinceMs?: number): void {
    const state = this.stateOf(deviceId)
    for (const [id, property] of Object.entries(properties)) {
      if (readSinceMs === undefined || !this.pushedSince(deviceId, id, readSinceMs)) setOwn(state.properties, id, property)
    }
    state.updatedAtMs = atMs
  }

  private marksOf(deviceId: string): Map<string, number> {
    let marks = this.pushedAt.get(deviceId)
    if (!marks) this.pushedAt.set(deviceId, (marks = new Map()))
    return marks
  }

  private pushedSince(deviceId: string, field: string, sinceMs: number): boolean {
    return (this.pushedAt.get(deviceId)?.get(field) ?? -Infinity) >= sinceMs
  }

  get(deviceId: string): DeviceState | undefined {
    return this.states.get(deviceId)
  }

  snapshot(deviceIds: readonly string[]): DeviceState[] {
    return deviceIds.flatMap((id) => {
      const state = this.states.get(id)
      return state ? [structuredClone(state)] : []
    })
  }

  clear(): void {
    this.states.clear()
    this.pushedAt.clear()
  }

  private stateOf(deviceId: string): DeviceState {
    let state = this.states.get(deviceId)
    if (!state) {
      state = { deviceId, online: null, properties: {}, updatedAtMs: 0 }
      this.states.set(deviceId, state)
    }
    return state
  }
}

/** Assignment, except that a property named __proto__ stays a property (not the prototype). */
function setOwn(target: Record<string, PropertyValue>, id: string, value: PropertyValue): void {
  if (id === '__proto__') Object.defineProperty(target, id, { value, enumerable: true, writable: true, configurable: true })
  else target[id] = value
}
