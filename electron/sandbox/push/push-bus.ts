/**
 * Everything the cloud tells devices' watchers: one stream of DeviceChange pushes, each
 * with a Seq that increases per device. The WebSocket server subscribes; actions, timers,
 * the fleet simulation and OTA publish.
 */
import type { DeviceChangeParams, PushSubType, PushType } from '../../../shared/api/push'
import { chinaRfc3339 } from '../../../shared/time/china-time'

export interface PushInput {
  deviceId: string
  type: PushType
  subType: PushSubType
  /** The decoded payload; the bus encodes it as Base64 JSON. */
  payload: unknown
  /** Defaults to the property topic for Property/Event, "" otherwise. */
  topic?: string
}

/**
 * `payload()` is the push's payload as its watchers would decode it (a fresh copy, parsed
 * once per push however many listeners ask), so the cloud's own listeners (history,
 * automations, inbox) need not decode the Base64 again. Listeners read it, never change it.
 */
export type PushListener = (push: DeviceChangeParams, payload: () => unknown) => void

export class PushBus {
  private readonly listeners = new Set<PushListener>()
  private readonly seqByDevice = new Map<string, number>()
  private published = 0
  /** Time strings change once a second: the last one is reused (20,000 pushes/s share 1). */
  private timeSecond = NaN
  private timeText = ''

  constructor(private readonly clock: () => number) {}

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  publish(input: PushInput): DeviceChangeParams {
    const seq = (this.seqByDevice.get(input.deviceId) ?? 0) + 1
    this.seqByDevice.set(input.deviceId, seq)
    const json = JSON.stringify(input.payload)
    const push: DeviceChangeParams = {
      Time: this.timeOf(this.clock()),
      Type: input.type,
      SubType: input.subType,
      Topic: input.topic ?? defaultTopic(input.type, input.deviceId),
      Payload: Buffer.from(json).toString('base64'),
      Seq: seq,
      DeviceId: input.deviceId,
    }
    this.published += 1
    let decoded: { value: unknown } | undefined
    const payload = () => (decoded ??= { value: json === undefined ? undefined : (JSON.parse(json) as unknown) }).value
    for (const listener of this.listeners) listener(push, payload)
    return push
  }

  private timeOf(ms: number): string {
    const second = Math.floor(ms / 1000)
    if (second !== this.timeSecond) {
      this.timeSecond = second
      this.timeText = chinaRfc3339(second * 1000)
    }
    return this.timeText
  }

  /** How many pushes were published since start (benchmarks read it). */
  get count(): number {
    return this.published
  }

  /** The last Seq published for a device (0 if none). */
  lastSeq(deviceId: string): number {
    return this.seqByDevice.get(deviceId) ?? 0
  }
}

function defaultTopic(type: PushType, deviceId: string): string {
  if (type === 'Property') return `$thing/up/property/${deviceId}`
  if (type === 'Event') return `$thing/up/event/${deviceId}`
  return ''
}


