import type { DeviceEvent, DeviceState, PropertyValue } from '../../../shared/live'

/**
 * The latest known state of every watched device, kept in main so a view opened later
 * starts complete. Pushes update it as they arrive; a resync replaces what it covers.
 */
export class DeviceStates {
  private readonly states = new Map<string, DeviceState>()

  apply(event: DeviceEvent): void {
    if (event.kind === 'status') this.setOnline(event.deviceId, event.online, event.receivedAtMs)
    // A control is the user's wish; only the device's report is its state.
    if (event.kind === 'property' && event.source === 'report') {
      const properties: Record<string, PropertyValue> = {}
      for (const [id, value] of Object.entries(event.values)) properties[id] = { value, lastUpdateMs: event.receivedAtMs }
      this.mergeProperties(event.deviceId, properties, event.receivedAtMs)
    }
  }

  setOnline(deviceId: string, online: boolean, atMs: number): void {
    const state = this.stateOf(deviceId)
    state.online = online
    state.updatedAtMs = atMs
  }

  /** Values from the cloud's own record (AppGetDeviceData) or a report. */
  mergeProperties(deviceId: string, properties: Record<string, PropertyValue>, atMs: number): void {
    const state = this.stateOf(deviceId)
    state.properties = { ...state.properties, ...properties }
    state.updatedAtMs = atMs
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
