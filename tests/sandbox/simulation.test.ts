/**
 * The living fleet: the same seed tells each device the same story however the ticks fall,
 * every reported value fits the product's data template, churn is pushed (sub-devices with
 * their gateway), and 10,000 devices run on one timer.
 */
import { describe, expect, it, vi } from 'vitest'
import type { DeviceChangeParams } from '../../shared/api/push'
import { SandboxCloud } from '../../electron/sandbox/cloud'
import { resolveOptions, type SandboxOptions } from '../../electron/sandbox/options'
import { checkValue } from '../../electron/sandbox/sim/device-behaviour'
import type { Device } from '../../electron/sandbox/world/model'
import type { ThingDefine } from '../../electron/sandbox/world/thing-model'
import { T0 } from './helpers'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

function cloudOf(options: Partial<SandboxOptions> = {}): SandboxCloud {
  return new SandboxCloud(resolveOptions({ seed: 5, devices: 200, clock: () => T0, simulate: false, ...options }))
}

function record(cloud: SandboxCloud): DeviceChangeParams[] {
  const pushes: DeviceChangeParams[] = []
  cloud.pushes.subscribe((p) => pushes.push(p))
  return pushes
}

function run(cloud: SandboxCloud, totalMs: number, stepMs: number): void {
  for (let t = 0; t < totalMs; t += stepMs) cloud.simulation.advance(stepMs)
}

const decode = (p: DeviceChangeParams) => JSON.parse(Buffer.from(p.Payload, 'base64').toString('utf8'))
const story = (pushes: DeviceChangeParams[], deviceId: string) =>
  pushes.filter((p) => p.DeviceId === deviceId).map((p) => [p.Type, p.SubType, p.Seq, decode(p)])
const kindOf = (cloud: SandboxCloud, d: Device) => cloud.world.products.get(d.productId)!.kind

describe('determinism', () => {
  it('gives each device the same sequence under the same seed, whatever the tick size', () => {
    const a = cloudOf()
    const b = cloudOf()
    const pa = record(a)
    const pb = record(b)
    run(a, 3 * HOUR, 1000)
    run(b, 3 * HOUR, 9 * MINUTE)
    expect(pa.length).toBeGreaterThan(100)
    for (const id of [...a.world.devices.keys()].slice(0, 40)) expect(story(pb, id)).toEqual(story(pa, id))
    a.stop()
    b.stop()
  })

  it('differs under another seed', () => {
    const a = cloudOf()
    const c = cloudOf({ seed: 6 })
    const pa = record(a)
    const pc = record(c)
    run(a, HOUR, MINUTE)
    run(c, HOUR, MINUTE)
    expect(pc.map((p) => [p.DeviceId, p.Payload])).not.toEqual(pa.map((p) => [p.DeviceId, p.Payload]))
  })
})

describe('behaviour', () => {
  it('reports values and raises events that fit the data template', () => {
    const cloud = cloudOf({ churnRate: 4 })
    const pushes = record(cloud)
    run(cloud, 6 * HOUR, MINUTE)
    const byType = new Map<string, number>()
    for (const push of pushes) {
      byType.set(push.Type, (byType.get(push.Type) ?? 0) + 1)
      const device = cloud.world.devices.get(push.DeviceId)!
      const template = cloud.world.products.get(device.productId)!.dataTemplate
      const payload = decode(push)
      if (push.Type === 'Property') {
        for (const [id, value] of Object.entries(payload.params as Record<string, unknown>)) {
          const property = template.properties.find((p) => p.id === id)!
          expect(checkValue(id, property.define, value), `${push.DeviceId} ${id}`).toEqual(value)
          expect(onStepGrid(property.define, value), `${id}=${String(value)} on its step`).toBe(true)
        }
      } else if (push.Type === 'Event') {
        const event = template.events.find((e) => e.id === payload.eventId)!
        expect(payload.type).toBe(event.type)
        for (const param of event.params) checkValue(param.id, param.define, payload.params[param.id])
      }
    }
    expect(byType.get('Property')).toBeGreaterThan(1000)
    expect(byType.get('Event')).toBeGreaterThan(10)
    expect(byType.get('StatusChange')).toBeGreaterThan(10)
  })

  it('only reports while online', () => {
    const cloud = cloudOf({ churnRate: 0 })
    const offline = [...cloud.world.devices.values()].filter((d) => !d.online).map((d) => d.deviceId)
    expect(offline.length).toBeGreaterThan(0)
    const pushes = record(cloud)
    run(cloud, 2 * HOUR, MINUTE)
    expect(pushes.filter((p) => offline.includes(p.DeviceId))).toEqual([])
  })

  it('sensors report at their own report_interval', () => {
    const cloud = cloudOf({ churnRate: 0 })
    const sensor = [...cloud.world.devices.values()].find((d) => kindOf(cloud, d) === 'sensor' && d.online)!
    sensor.properties.set('report_interval', { value: 600, lastUpdateMs: T0 })
    const pushes = record(cloud)
    run(cloud, 2 * HOUR, MINUTE)
    const reports = pushes.filter((p) => p.DeviceId === sensor.deviceId && p.Type === 'Property' && 'temperature' in decode(p).params)
    expect(reports.length).toBeGreaterThanOrEqual(11)
    expect(reports.length).toBeLessThanOrEqual(13)
  })

  it('publishes StatusChange on churn, and sub-devices follow their gateway', () => {
    const cloud = cloudOf({ churnRate: 6 })
    const pushes = record(cloud)
    run(cloud, HOUR, MINUTE)
    const status = pushes.filter((p) => p.Type === 'StatusChange')
    expect(status.some((p) => p.SubType === 'Offline')).toBe(true)
    expect(status.some((p) => p.SubType === 'Online')).toBe(true)
    for (const p of status) expect(decode(p).Online).toBe(p.SubType === 'Online' ? 1 : 0)

    const gateway = [...cloud.world.devices.values()].find((d) => {
      const subs = [...cloud.world.devices.values()].filter((s) => s.gatewayId === d.deviceId)
      return d.deviceType === 1 && subs.length > 0
    })!
    const subs = () => [...cloud.world.devices.values()].filter((s) => s.gatewayId === gateway.deviceId)
    cloud.simulation.presence.set(gateway, true)
    for (const s of subs()) cloud.simulation.presence.set(s, true)
    cloud.simulation.presence.set(gateway, false)
    expect(subs().every((s) => !s.online)).toBe(true)
    cloud.simulation.presence.set(gateway, true)
    expect(subs().every((s) => s.online)).toBe(true)
  })

  it('picks up devices added after the start and drops removed ones', () => {
    const cloud = cloudOf({ churnRate: 0 })
    cloud.simulation.advance(1)
    const count = cloud.simulation.deviceCount
    const [first] = cloud.world.devices.keys()
    cloud.world.devices.delete(first!)
    cloud.simulation.advance(MINUTE)
    expect(cloud.simulation.deviceCount).toBe(count - 1)
  })
})

describe('scale', () => {
  it('runs 10,000 devices on one timer, a tick handling what is due', () => {
    const cloud = cloudOf({ devices: 10_000 })
    const every = vi.spyOn(cloud.scheduler, 'every')
    const after = vi.spyOn(cloud.scheduler, 'after')
    cloud.simulation.start()
    cloud.simulation.start()
    expect(every).toHaveBeenCalledTimes(1)
    expect(after).not.toHaveBeenCalled()
    const pushes = record(cloud)
    const started = performance.now()
    let jobs = 0
    for (let i = 0; i < 60; i++) jobs += cloud.simulation.advance(1000)
    const elapsed = performance.now() - started
    expect(cloud.simulation.deviceCount).toBe(cloud.world.devices.size)
    expect(jobs).toBeGreaterThan(1000)
    expect(pushes.length).toBeGreaterThan(1000)
    // A simulated minute of 10,000 devices in well under a real one (generous for shared CPUs).
    expect(elapsed).toBeLessThan(5000)
    console.log(`10,000 devices: 60 ticks, ${jobs} jobs, ${pushes.length} pushes in ${elapsed.toFixed(0)} ms`)
    cloud.stop()
  })
})

function onStepGrid(define: ThingDefine, value: unknown): boolean {
  if (define.type !== 'int' && define.type !== 'float') return true
  const steps = (Number(value) - Number(define.min)) / Number(define.step)
  return Math.abs(steps - Math.round(steps)) < 1e-6
}
