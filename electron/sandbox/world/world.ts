/**
 * The world: every entity of the sandbox cloud plus the indexes actions need. It is the
 * only place state changes, so the HTTP layer, the (later) WebSocket push and the fleet
 * simulation all see one truth.
 */
import { Rng } from '../prng'
import {
  DEFAULT_ROOM_ID,
  type Device, type Family, type FamilyRole, type Message, type Product, type Room, type User,
} from './model'
import { SharingState } from './sharing'

/** What tests and the app may look at; treat every object reached from here as read-only. */
export interface WorldView {
  readonly seed: number
  readonly users: ReadonlyMap<string, Readonly<User>>
  readonly families: ReadonlyMap<string, Readonly<Family>>
  readonly rooms: ReadonlyMap<string, Readonly<Room>>
  readonly products: ReadonlyMap<string, Readonly<Product>>
  readonly devices: ReadonlyMap<string, Readonly<Device>>
  /** Every user's inbox, oldest first: what an invitation left for its invitee, for instance. */
  readonly messages: readonly Readonly<Message>[]
  /** Families the user belongs to, with his role, in creation order. */
  familiesOf(userId: string): { family: Readonly<Family>; role: FamilyRole }[]
  roomsOf(familyId: string): readonly Readonly<Room>[]
  /** Devices of a family; with a roomId only that room's (DEFAULT_ROOM_ID = unassigned). */
  devicesIn(familyId: string, roomId?: string): readonly Readonly<Device>[]
  /** undefined when the device does not exist. */
  isOnline(deviceId: string): boolean | undefined
  /** A plain-JSON copy of everything, for comparing worlds. */
  snapshot(): WorldSnapshot
}

export interface WorldSnapshot {
  seed: number
  users: User[]
  families: (Omit<Family, 'members'> & { members: [string, FamilyRole][] })[]
  rooms: Room[]
  products: Product[]
  devices: (Omit<Device, 'properties'> & { properties: Record<string, unknown> })[]
}

export class World implements WorldView {
  readonly users = new Map<string, User>()
  readonly families = new Map<string, Family>()
  readonly rooms = new Map<string, Room>()
  readonly products = new Map<string, Product>()
  readonly devices = new Map<string, Device>()
  /** Every user's inbox, oldest first (AppGetMessages pages it newest first). */
  readonly messages: Message[] = []
  /** Family invitations, device share tokens and each device's guests (Device Sharing). */
  readonly sharing = new SharingState()
  private readonly roomsByFamily = new Map<string, Room[]>()
  private readonly devicesByFamily = new Map<string, Device[]>()
  private userSerial = 100_000_000

  /** `rng` keeps generating ids for entities created after the fleet (same calls, same ids). */
  constructor(readonly seed: number, readonly rng: Rng = new Rng(seed)) {}

  // --- adding entities ---------------------------------------------------------------

  addUser(user: User): User {
    this.users.set(user.userId, user)
    this.userSerial = Math.max(this.userSerial, Number(user.userId) || 0)
    return user
  }

  addFamily(family: Family): Family {
    this.families.set(family.familyId, family)
    this.roomsByFamily.set(family.familyId, [])
    this.devicesByFamily.set(family.familyId, [])
    return family
  }

  addRoom(room: Room): Room {
    this.rooms.set(room.roomId, room)
    this.roomsByFamily.get(room.familyId)?.push(room)
    return room
  }

  addProduct(product: Product): Product {
    this.products.set(product.productId, product)
    return product
  }

  addDevice(device: Device): Device {
    this.devices.set(device.deviceId, device)
    this.devicesByFamily.get(device.familyId)?.push(device)
    return device
  }

  /**
   * Takes a device out of the world (unbound, deleted); returns it, or undefined if unknown.
   * Whatever refers to it by id (timers, scenes, shares) must cope with its absence.
   */
  removeDevice(deviceId: string): Device | undefined {
    const device = this.devices.get(deviceId)
    if (!device) return undefined
    this.devices.delete(deviceId)
    this.unindexDevice(device)
    this.sharing.forgetDevice(deviceId)
    return device
  }

  /** Deletes a family with its rooms, invitations and devices (unbound); returns the devices. */
  removeFamily(familyId: string): Device[] {
    const devices = [...this.devicesIn(familyId)]
    for (const device of devices) this.removeDevice(device.deviceId)
    for (const room of this.roomsOf(familyId)) this.rooms.delete(room.roomId)
    this.roomsByFamily.delete(familyId)
    this.devicesByFamily.delete(familyId)
    this.families.delete(familyId)
    this.sharing.forgetFamily(familyId)
    return devices
  }

  /** Deletes a room; its devices move to the family's default room. Returns them. */
  removeRoom(roomId: string): Device[] {
    const room = this.rooms.get(roomId)
    if (!room) return []
    const moved = this.devicesIn(room.familyId, roomId).slice()
    for (const device of moved) device.roomId = DEFAULT_ROOM_ID
    this.rooms.delete(roomId)
    const list = this.roomsByFamily.get(room.familyId) ?? []
    list.splice(list.indexOf(room), 1)
    return moved
  }

  /** Puts a device into a family's room (binding, re-binding); familyId '' = in no family. */
  placeDevice(device: Device, familyId: string, roomId: string): void {
    if (device.familyId !== familyId) {
      this.unindexDevice(device)
      device.familyId = familyId
      this.devicesByFamily.get(familyId)?.push(device)
    }
    device.roomId = roomId
  }

  addMessage(message: Message): Message {
    this.messages.push(message)
    return message
  }

  /** Deletes a message of the user's inbox; false if he has none with that id. */
  removeMessage(userId: string, msgId: string): boolean {
    const at = this.messages.findIndex((m) => m.msgId === msgId && m.userId === userId)
    if (at >= 0) this.messages.splice(at, 1)
    return at >= 0
  }

  /** Keeps only the messages `keep` accepts, in order (inbox retention). */
  retainMessages(keep: (message: Message) => boolean): void {
    let kept = 0
    for (const message of this.messages) if (keep(message)) this.messages[kept++] = message
    this.messages.length = kept
  }

  // --- creating entities with fresh ids ------------------------------------------------

  nextUserId(): string {
    this.userSerial += 1
    return String(this.userSerial)
  }

  /** `f_` + 32 hex, like the reference's FamilySubDeviceList example. */
  newFamilyId(): string {
    return `f_${this.rng.hex(32)}`
  }

  /** `r_` + 32 hex, like the reference's DeviceList example. */
  newRoomId(): string {
    return `r_${this.rng.hex(32)}`
  }

  createFamily(ownerId: string, name: string, address: string, now: number): Family {
    return this.addFamily({
      familyId: this.newFamilyId(),
      name,
      address,
      ownerId,
      members: new Map([[ownerId, 1]]),
      createTime: now,
      updateTime: now,
    })
  }

  createRoom(familyId: string, name: string, now: number): Room {
    return this.addRoom({ roomId: this.newRoomId(), familyId, name, createTime: now, updateTime: now })
  }

  // --- queries -----------------------------------------------------------------------

  findUserByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase()
    return this.findUser((u) => u.email?.toLowerCase() === wanted)
  }

  findUserByPhone(countryCode: string, phoneNumber: string): User | undefined {
    const cc = countryCode.trim().replace(/^\+/, '')
    const number = phoneNumber.trim()
    return this.findUser((u) => u.countryCode === cc && u.phoneNumber === number)
  }

  findUserByWxOpenId(openId: string): User | undefined {
    return this.findUser((u) => u.wxOpenId === openId)
  }

  roleOf(userId: string, familyId: string): FamilyRole | undefined {
    return this.families.get(familyId)?.members.get(userId)
  }

  familiesOf(userId: string): { family: Family; role: FamilyRole }[] {
    const out: { family: Family; role: FamilyRole }[] = []
    for (const family of this.families.values()) {
      const role = family.members.get(userId)
      if (role !== undefined) out.push({ family, role })
    }
    return out
  }

  roomsOf(familyId: string): readonly Room[] {
    return this.roomsByFamily.get(familyId) ?? []
  }

  devicesIn(familyId: string, roomId?: string): readonly Device[] {
    const all = this.devicesByFamily.get(familyId) ?? []
    return roomId === undefined ? all : all.filter((d) => d.roomId === roomId)
  }

  /** A member of the device's family may read it, and so may a user it is shared with. */
  canRead(userId: string, device: Device): boolean {
    return this.roleOf(userId, device.familyId) !== undefined || this.sharing.isGuest(userId, device.deviceId)
  }

  isOnline(deviceId: string): boolean | undefined {
    return this.devices.get(deviceId)?.online
  }

  isRoomOf(familyId: string, roomId: string): boolean {
    return roomId === DEFAULT_ROOM_ID || this.rooms.get(roomId)?.familyId === familyId
  }

  snapshot(): WorldSnapshot {
    return structuredClone({
      seed: this.seed,
      users: [...this.users.values()],
      families: [...this.families.values()].map((f) => ({ ...f, members: [...f.members.entries()] })),
      rooms: [...this.rooms.values()],
      products: [...this.products.values()],
      devices: [...this.devices.values()].map((d) => ({ ...d, properties: Object.fromEntries(d.properties) })),
    })
  }

  private unindexDevice(device: Device): void {
    const list = this.devicesByFamily.get(device.familyId)
    const at = list?.indexOf(device) ?? -1
    if (list && at >= 0) list.splice(at, 1)
  }

  private findUser(match: (user: User) => boolean): User | undefined {
    for (const user of this.users.values()) if (match(user)) return user
    return undefined
  }
}
