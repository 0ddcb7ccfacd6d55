/**
 * Levers a test, a benchmark or a demo pulls on the running sandbox: devices offline and
 * online, device reports and events on demand, failing upgrades, dropped sockets, latency
 * and error rate. RunningSandbox.control exposes it; the loopback endpoint
 * (control/control-endpoint.ts) drives the same object over HTTP.
 */
import type { CloudState } from '../actions/registry'
import { scheduleNow } from '../intelligence/schedule-clock'
import { checkValue, postEvent, reportProperties } from '../sim/device-behaviour'
import type { Presence } from '../sim/presence'
import type { Device, PropertyValue } from '../world/model'
import type { PushServer } from '../ws/push-server'

/** A lever pulled wrongly (unknown device, rate out of range): the endpoint answers 400. */
export class ControlError extends Error {
  override readonly name = 'ControlError'
}

export class SandboxControl {
  private serial = 0

  constructor(
    private readonly cloud: CloudState,
    /** The simulation's, so gateways carry their sub-devices the same way for both. */
    private readonly presence: Presence,
    private readonly sockets: PushServer,
    private readonly simulation?: { start(): void; stop(): void; readonly running: boolean },
  ) {}

  /** The clock timers and automations keep (sped up with simSpeed), in epoch ms: tests set timers by it. */
  scheduleNow(): number {
    return scheduleNow(this.cloud)
  }

  /** Holds the living fleet still (tests compare states once the pushes have settled). */
  pauseSimulation(): void {
    this.simulation?.stop()
  }

  resumeSimulation(): void {
    this.simulation?.start()
  }

  /** Cuts every WebSocket as a network failure would; returns how many were open. */
  dropAllSockets(): number {
    return this.sockets.dropAll()
  }

  /** The long connection fails (sockets cut, upgrades refused 503) until called with false. */
  setWsOutage(down: boolean): number {
    return this.sockets.setOutage(down)
  }

  /** Sends frames as they are on every open socket (null, binary, broken JSON...); how many sockets. */
  sendRawFrames(frames: readonly (string | Buffer)[]): number {
    return this.sockets.sendRaw(frames)
  }

  /** The device (and, for a gateway, its sub-devices) goes offline or comes back, with pushes. */
  setDeviceOnline(deviceId: string, online: boolean): void {
    this.presence.set(this.device(deviceId), online)
  }

  /** The device's current or next firmware upgrade fails (the OTA engine takes the mark). */
  failUpgrade(deviceId: string): void {
    this.device(deviceId)
    this.cloud.faults.failUpgradeOf(deviceId)
  }

  /** Every HTTP answer waits `latencyMs` plus up to `jitterMs` at random. */
  setLatency(latencyMs: number, jitterMs = 0): void {
    checkRange('latencyMs', latencyMs, 0, 600_000)
    checkRange('jitterMs', jitterMs, 0, 600_000)
    this.cloud.faults.latencyMs = latencyMs
    this.cloud.faults.jitterMs = jitterMs
  }

  /** Share (0..1) of tokenapi calls and WebSocket YunApi calls that fail with a server error. */
  setErrorRate(errorRate: number): void {
    checkRange('errorRate', errorRate, 0, 1)
    this.cloud.faults.errorRate = errorRate
  }

  /** The device reports values (any property of its template, read-only ones included). */
  reportProperties(deviceId: string, data: Record<string, unknown>): void {
    const device = this.device(deviceId)
    const template = this.cloud.world.products.get(device.productId)?.dataTemplate
    const checked: Record<string, PropertyValue> = {}
    for (const [id, value] of Object.entries(data)) {
      const property = template?.properties.find((p) => p.id === id)
      if (!property) throw new ControlError(`${device.productId} has no property ${id}.`)
      checked[id] = this.valid(() => checkValue(id, property.define, value))
    }
    if (Object.keys(checked).length === 0) throw new ControlError('data names no property.')
    reportProperties(this.cloud, device, checked, this.token())
  }

  /** The device raises one of its template's events. */
  raiseEvent(deviceId: string, eventId: string, params: Record<string, unknown> = {}): void {
    const device = this.device(deviceId)
    const event = this.cloud.world.products.get(device.productId)?.dataTemplate.events.find((e) => e.id === eventId)
    if (!event) throw new ControlError(`${device.productId} has no event ${eventId}.`)
    const checked: Record<string, PropertyValue> = {}
    for (const [id, value] of Object.entries(params)) {
      const param = event.params.find((p) => p.id === id)
      if (!param) throw new ControlError(`Event ${eventId} has no parameter ${id}.`)
      checked[id] = this.valid(() => checkValue(id, param.define, value))
    }
    postEvent(this.cloud, device, event, checked, this.token())
  }

  /** Pushes published since start. */
  get pushCount(): number {
    return this.cloud.pushes.count
  }

  /** DeviceChange messages written to WebSockets since start. */
  get deliveredPushCount(): number {
    return this.sockets.deliveredCount
  }

  get socketCount(): number {
    return this.sockets.connectionCount
  }

  private device(deviceId: string): Device {
    if (typeof deviceId !== 'string') throw new ControlError('deviceId must be a string.')
    const device = this.cloud.world.devices.get(deviceId)
    if (!device) throw new ControlError(`Device ${deviceId} does not exist.`)
    return device
  }

  private valid<T>(check: () => T): T {
    try {
      return check()
    } catch (error) {
      throw new ControlError(error instanceof Error ? error.message : String(error))
    }
  }

  private token(): string {
    this.serial += 1
    return `control-${this.serial}`
  }
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ControlError(`${name} must be a number from ${min} to ${max}, not ${String(value)}.`)
  }
}
