import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, PRODUCT_IDS } from '../../electron/sandbox'
import type { ThingDefine } from '../../electron/sandbox/world/thing-model'
import { generateWorld } from '../../electron/sandbox/world/fleet'
import { signIn, T0, testClock, tokenapi, withSandbox, type Json } from './helpers'

describe('demo fleet', () => {
  it('is identical for the same seed and differs for another', () => {
    const a = generateWorld({ seed: 7, devices: 200, nowMs: T0 }).snapshot()
    const b = generateWorld({ seed: 7, devices: 200, nowMs: T0 }).snapshot()
    const c = generateWorld({ seed: 8, devices: 200, nowMs: T0 }).snapshot()
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  })

  it('gives the demo account two families of its own, rooms, every product but the speaker, and the device count asked for', () => {
    const world = generateWorld({ seed: 1, devices: 30, nowMs: T0 })
    const mine = world.familiesOf(DEMO_ACCOUNT.userId)
    expect(mine.filter((f) => f.role === 1).map((f) => f.family.name)).toEqual(['Home', 'Office'])
    const visible = mine.flatMap(({ family }) => world.devicesIn(family.familyId))
    expect(visible).toHaveLength(30)
    expect(world.roomsOf(mine[0]!.family.familyId).map((r) => r.name)).toContain('Kitchen')
    // The speaker is in the catalogue only (bound by hand), so the seeded fleet is as it was before it.
    const { speaker, ...fleetKinds } = PRODUCT_IDS
    expect(new Set(visible.map((d) => d.productId))).toEqual(new Set(Object.values(fleetKinds)))
    expect(world.products.has(speaker)).toBe(true)
    expect(visible.some((d) => d.online)).toBe(true)
    expect(visible.some((d) => !d.online)).toBe(true)
  })

  it('puts the whole fleet in the first family when asked (one large family for benchmarks)', () => {
    const world = generateWorld({ seed: 1, devices: 400, oneFamily: true, nowMs: T0 })
    const [home, ...others] = world.familiesOf(DEMO_ACCOUNT.userId)
    expect(world.devicesIn(home!.family.familyId)).toHaveLength(400)
    for (const { family } of others) expect(world.devicesIn(family.familyId)).toHaveLength(0)
  })

  it('hangs every sub-device from a gateway of its family, offline when the gateway is', () => {
    const world = generateWorld({ seed: 3, devices: 500, nowMs: T0 })
    const subs = [...world.devices.values()].filter((d) => d.deviceType === 2)
    expect(subs.length).toBeGreaterThan(0)
    for (const sub of subs) {
      const gateway = world.devices.get(sub.gatewayId!)!
      expect(gateway.deviceType).toBe(1)
      expect(gateway.familyId).toBe(sub.familyId)
      if (!gateway.online) expect(sub.online).toBe(false)
    }
    const gw = world.devices.get(subs[0]!.gatewayId!)!
    expect(gw.properties.get('subdev_count')!.value).toBe(subs.filter((s) => s.gatewayId === gw.deviceId).length)
  })

  it('keeps every property value inside its thing-model definition', () => {
    const world = generateWorld({ seed: 11, devices: 300, nowMs: T0 })
    for (const device of world.devices.values()) {
      const product = world.products.get(device.productId)!
      for (const property of product.dataTemplate.properties) {
        const state = device.properties.get(property.id)
        expect(state, `${device.deviceId}.${property.id}`).toBeDefined()
        expect(fits(property.define, state!.value), `${device.deviceId}.${property.id}=${JSON.stringify(state!.value)}`).toBe(true)
        expect(state!.lastUpdateMs).toBeLessThanOrEqual(T0)
      }
    }
  })

  it('serves 10,000 devices', async () => {
    const sb = await withSandbox({ devices: 10_000, clock: testClock().now })
    try {
      const token = await signIn(sb)
      const families = (await tokenapi(sb, token, 'AppGetFamilyList')).Response.FamilyList as Json[]
      let total = 0
      for (const family of families) {
        const page = (await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: family.FamilyId, RoomId: '', Offset: 0, Limit: 50 })).Response
        expect(page.DeviceList).toHaveLength(50)
        total += page.Total
      }
      expect(total).toBe(10_000)
      const last = (await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: families[0]!.FamilyId, Offset: 4990, Limit: 50 })).Response
      expect(last.DeviceList).toHaveLength(10)
    } finally {
      await sb.close()
    }
  })

  it('refuses more than 50,000 devices', async () => {
    await expect(withSandbox({ devices: 50_001 })).rejects.toThrow(RangeError)
  })
})

function fits(define: ThingDefine, value: unknown): boolean {
  switch (define.type) {
    case 'bool':
    case 'enum':
      return Object.keys(define.mapping).includes(String(value))
    case 'int':
    case 'float':
      return typeof value === 'number' && value >= Number(define.min) && value <= Number(define.max) &&
        (define.type === 'float' || Number.isInteger(value))
    case 'string':
      return typeof value === 'string' && value.length <= Number(define.max)
    case 'timestamp':
      return typeof value === 'number' && value > 1e9 && value < 1e10
    case 'struct':
      return typeof value === 'object' && value !== null &&
        define.specs.every((m) => fits(m.dataType, (value as Record<string, unknown>)[m.id]))
  }
}
