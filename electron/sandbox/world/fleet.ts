/**
 * Builds the demo world from a seed: the demo and neighbour accounts, their families and
 * rooms, the product catalogue and a fleet of devices with online states and property
 * values. Everything random comes from one seeded Rng consumed in a fixed order, so the
 * same (seed, devices, start time) always gives the same world.
 */
import { DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT, type DemoAccount } from '../demo-accounts'
import { Rng } from '../prng'
import { DEFAULT_ROOM_ID, type Device, type Family, type FamilyRole, type Product, type ProductKind, type PropertyState, type PropertyValue } from './model'
import { buildProducts, KIND_LABELS, PRODUCT_IDS } from './products'
import { sampleValue } from './thing-model'
import { World } from './world'
import { joinDeviceId } from '../../../shared/device-id'

export interface FleetPlan {
  seed: number
  /** Devices spread over the families the demo account can see. */
  devices: number
  /** Every device in the first family instead of spread by the plans' shares. */
  oneFamily?: boolean
  /** The world's "now" in milliseconds: creation times and LastUpdate lie before it. */
  nowMs: number
}

interface FamilyPlan {
  owner: DemoAccount
  name: string
  address: string
  rooms: string[]
  /** Share of FleetPlan.devices; undefined for the neighbour's private family. */
  share?: number
  /** Fixed device kinds for families outside the demo account's fleet. */
  fixedKinds?: ProductKind[]
  /** Other members and their role. */
  members?: [DemoAccount, FamilyRole][]
}

const FAMILY_PLANS: readonly FamilyPlan[] = [
  { owner: DEMO_ACCOUNT, name: 'Home', address: '1 Sandbox Street', rooms: ['Living room', 'Bedroom', 'Kitchen', 'Study', 'Bathroom'], share: 0.5 },
  { owner: DEMO_ACCOUNT, name: 'Office', address: '100 Demo Avenue', rooms: ['Reception', 'Meeting room', 'Open space', 'Server room'], share: 0.35 },
  { owner: NEIGHBOUR_ACCOUNT, name: 'Holiday cottage', address: '7 Lakeside Lane', rooms: ['Lounge', 'Loft', 'Garden'], share: 0.15, members: [[DEMO_ACCOUNT, 0]] },
  { owner: NEIGHBOUR_ACCOUNT, name: "Neighbour's flat", address: '2 Sandbox Street', rooms: ['Hall', 'Bedroom'], fixedKinds: ['light', 'plug', 'camera'] },
]

/** Every family with enough devices gets one of each, so every product shows up. */
const CORE_KINDS: readonly ProductKind[] = ['gateway', 'light', 'camera', 'sensor']
/** The speaker is catalogue-only (bound by hand), so the seeded fleet stays as it was before it. */
type FleetKind = Exclude<ProductKind, 'speaker'>
const KIND_WEIGHTS: Readonly<Record<FleetKind, number>> = { light: 40, plug: 15, sensor: 25, camera: 12, gateway: 8 }
const ONLINE_CHANCE: Readonly<Record<ProductKind, number>> = { light: 0.85, plug: 0.85, gateway: 0.9, sensor: 0.92, camera: 0.8, speaker: 0.9 }
const DAY = 86_400

export function generateWorld(plan: FleetPlan): World {
  const rng = new Rng(plan.seed)
  const world = new World(plan.seed, rng)
  const now = Math.floor(plan.nowMs / 1000)
  for (const account of [DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT]) addAccount(world, account, now - 600 * DAY)
  for (const product of buildProducts(now - 90 * DAY)) world.addProduct(product)
  const families = FAMILY_PLANS.map((fp) => addFamily(world, fp, now))
  const quotas = plan.oneFamily ? [plan.devices] : splitQuota(plan.devices, FAMILY_PLANS)
  const builder = new DeviceBuilder(world, rng, plan.nowMs)
  FAMILY_PLANS.forEach((fp, i) => {
    const family = families[i] as Family
    const kinds = fp.fixedKinds ?? chooseKinds(quotas[i] ?? 0, rng)
    for (const kind of kinds) builder.add(family, fp.owner.userId, kind)
  })
  builder.finish()
  return world
}

function addAccount(world: World, account: DemoAccount, createTime: number): void {
  world.addUser({
    userId: account.userId,
    nickName: account.nickName,
    avatar: '',
    email: account.email,
    countryCode: account.countryCode,
    phoneNumber: account.phoneNumber,
    password: account.password,
    createTime,
  })
}

function addFamily(world: World, fp: FamilyPlan, now: number): Family {
  const created = now - world.rng.int(200, 500) * DAY
  const family = world.createFamily(fp.owner.userId, fp.name, fp.address, created)
  for (const [member, role] of fp.members ?? []) family.members.set(member.userId, role)
  family.updateTime = created + world.rng.int(0, 100) * DAY
  for (const name of fp.rooms) world.createRoom(family.familyId, name, created + world.rng.int(0, 30) * DAY)
  return family
}

/** Splits the fleet by the plans' shares; rounding leftovers go to the first family. */
function splitQuota(total: number, plans: readonly FamilyPlan[]): number[] {
  const quotas = plans.map((p) => Math.floor(total * (p.share ?? 0)))
  const leftover = total - quotas.reduce((a, b) => a + b, 0)
  quotas[0] = (quotas[0] ?? 0) + leftover
  return quotas
}

function chooseKinds(count: number, rng: Rng): ProductKind[] {
  const kinds: ProductKind[] = []
  for (let i = 0; i < count; i++) {
    let kind = count >= CORE_KINDS.length && i < CORE_KINDS.length ? (CORE_KINDS[i] as ProductKind) : rng.weighted(KIND_WEIGHTS)
    // A sub-device needs a gateway in its family to hang from.
    if (kind === 'sensor' && !kinds.includes('gateway')) kind = 'gateway'
    kinds.push(kind)
  }
  return kinds
}

/** Creates devices one by one, keeping the per-product and per-room counters names need. */
class DeviceBuilder {
  private readonly serials = new Map<ProductKind, number>()
  private readonly aliasCounts = new Map<string, number>()
  /** Each family's gateways in the order they were added (a scan per sensor made 50,000 devices quadratic). */
  private readonly gateways = new Map<string, Device[]>()
  private readonly now: number

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private readonly nowMs: number,
  ) {
    this.now = Math.floor(nowMs / 1000)
  }

  add(family: Family, ownerId: string, kind: ProductKind): Device {
    const product = this.world.products.get(PRODUCT_IDS[kind]) as Product
    const deviceName = this.nextName(kind)
    const roomId = this.pickRoom(family.familyId)
    const gateway = kind === 'sensor' ? this.pickGateway(family.familyId) : undefined
    const online = (gateway?.online ?? true) && this.rng.chance(ONLINE_CHANCE[kind])
    const createTime = this.now - this.rng.int(1, 400) * DAY - this.rng.int(0, DAY)
    const device: Device = {
      deviceId: joinDeviceId(product.productId, deviceName),
      productId: product.productId,
      deviceName,
      aliasName: this.aliasFor(family.familyId, roomId, kind),
      ownerId,
      familyId: family.familyId,
      roomId,
      iconUrl: '',
      deviceType: product.deviceType,
      online,
      properties: new Map(),
      createTime,
      updateTime: createTime + this.rng.int(0, this.now - createTime),
    }
    if (gateway) device.gatewayId = gateway.deviceId
    this.fillProperties(device, product, kind)
    const added = this.world.addDevice(device)
    if (added.deviceType === 1) (this.gateways.get(family.familyId) ?? this.gateways.set(family.familyId, []).get(family.familyId)!).push(added)
    return added
  }

  /** Values that depend on the whole fleet (a gateway's sub-device count). */
  finish(): void {
    const counts = new Map<string, number>()
    for (const d of this.world.devices.values()) {
      if (d.gatewayId) counts.set(d.gatewayId, (counts.get(d.gatewayId) ?? 0) + 1)
    }
    for (const d of this.world.devices.values()) {
      const state = d.properties.get('subdev_count')
      if (state) state.value = counts.get(d.deviceId) ?? 0
    }
  }

  private nextName(kind: ProductKind): string {
    const serial = (this.serials.get(kind) ?? 0) + 1
    this.serials.set(kind, serial)
    return `${KIND_LABELS[kind].prefix}_${String(serial).padStart(4, '0')}`
  }

  /** About one device in twelve stays in the default room, as freshly bound devices do. */
  private pickRoom(familyId: string): string {
    const rooms = this.world.roomsOf(familyId)
    if (rooms.length === 0 || this.rng.chance(1 / 12)) return DEFAULT_ROOM_ID
    return this.rng.pick(rooms).roomId
  }

  private pickGateway(familyId: string): Device | undefined {
    const gateways = this.gateways.get(familyId) ?? []
    return gateways.length > 0 ? this.rng.pick(gateways) : undefined
  }

  /** "Kitchen Light", "Kitchen Light 2", ...; "Light 3" for the default room. */
  private aliasFor(familyId: string, roomId: string, kind: ProductKind): string {
    const key = `${familyId}|${roomId}|${kind}`
    const count = (this.aliasCounts.get(key) ?? 0) + 1
    this.aliasCounts.set(key, count)
    const room = this.world.rooms.get(roomId)?.name
    const base = room ? `${room} ${KIND_LABELS[kind].label}` : KIND_LABELS[kind].label
    return count > 1 || !room ? `${base} ${count}` : base
  }

  private fillProperties(device: Device, product: Product, kind: ProductKind): void {
    const lastUpdateMs = device.online
      ? this.nowMs - this.rng.int(0, 3600) * 1000 - this.rng.int(0, 999)
      : this.nowMs - this.rng.int(3600, 7 * DAY) * 1000
    for (const property of product.dataTemplate.properties) {
      const value = this.realistic(kind, property.id, device) ?? sampleValue(property.define, this.rng, this.now)
      device.properties.set(property.id, { value, lastUpdateMs } satisfies PropertyState)
    }
  }

  /** Overrides where a uniform draw over the define's range would look wrong in a demo. */
  private realistic(kind: ProductKind, id: string, device: Device): PropertyValue | undefined {
    const r = this.rng
    switch (`${kind}.${id}`) {
      case 'light.name': return this.world.rooms.get(device.roomId)?.name ?? ''
      case 'sensor.temperature': return Number((16 + r.int(0, 140) / 10).toFixed(1))
      case 'sensor.humidity': return r.int(30, 70)
      case 'sensor.battery': return r.int(5, 100)
      case 'plug.power': return Number((r.int(0, 25_000) / 10).toFixed(1))
      case 'plug.energy': return Number((r.int(0, 5_000_000) / 100).toFixed(2))
      case 'gateway.subdev_count': return 0
      case 'gateway.firmware': return r.pick(['1.4.2', '1.5.0', '1.5.1'])
      case 'camera.storage': {
        const total = r.pick([32_768, 65_536, 131_072])
        return { total_mb: total, used_mb: r.int(0, total) }
      }
      default: return undefined
    }
  }
}
