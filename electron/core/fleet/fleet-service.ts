import type { z } from 'zod'
import type { Device, Family, FamilyDetail, Product, Room } from '../../../shared/domain'
import type { Params } from '../api/cloud-client'
import type { CloudCall } from '../api/cloud-call'
import { deviceListShape, deviceStatusesShape, familyDetailShape, familyListShape, productsShape, roomListShape } from '../api/answers/fleet'
import { readAnswer } from '../api/answers/read'
import { chunk, fetchAllPages } from '../api/paging'
import { mapConcurrently } from '../../../shared/concurrency'
import { readThingModel } from '../../../shared/thing-model'
import { deviceIdOf } from '../../../shared/device-id'

export type DevicesProgress = (loaded: number, total: number) => void
type DeviceListEntry = z.infer<typeof deviceListShape>['DeviceList'][number]


/** AppGetFamilyDeviceList's largest page (the reference: "a maximum value of 50"). */
const PAGE_LIMIT = 50
/** Ids per AppGetDeviceStatuses call (the reference states none; the sandbox allows 100). */
const STATUS_BATCH = 100
/** Device-list pages completed together: their ids fill one status call. */
const PAGES_PER_GROUP = STATUS_BATCH / PAGE_LIMIT
/** Groups in flight at once (16 list pages): a 50,000-device family is 500 groups. */
const GROUP_CONCURRENCY = 8
const PRODUCT_BATCH = 20

/** Families, rooms, devices and products of the signed-in user, read from the cloud. */
export class FleetService {
  private readonly products = new Map<string, Product>()
  /** Device id → the name its owner gave it, from every device list read this session. */
  private readonly names = new Map<string, string>()

  constructor(private readonly call: CloudCall) {}

  /** Forget cached products (another account may see other ones). */
  reset(): void {
    this.products.clear()
    this.names.clear()
  }

  /** A listed device's alias (undefined when it was never listed or has none). */
  deviceName(deviceId: string): string | undefined {
    return this.names.get(deviceId) || undefined
  }

  async families(): Promise<Family[]> {
    const list = await fetchAllPages(async (Offset, Limit) => {
      const { FamilyList, Total } = await this.read('AppGetFamilyList', { Offset, Limit }, familyListShape)
      return { items: FamilyList, total: Total }
    }, PAGE_LIMIT)
    return list.map((f) => ({
      familyId: f.FamilyId,
      name: f.Name,
      role: f.Role,
      createTime: f.CreateTime,
      updateTime: f.UpdateTime,
    }))
  }

  async family(familyId: string): Promise<FamilyDetail> {
    const f = await this.read('AppDescribeFamily', { FamilyId: familyId }, familyDetailShape)
    const role = (await this.families()).find((x) => x.familyId === familyId)?.role ?? 0
    return { familyId: f.FamilyId, name: f.FamilyName, address: f.Address, role, createTime: f.CreateTime, updateTime: f.UpdateTime }
  }

  async rooms(familyId: string): Promise<Room[]> {
    const list = await fetchAllPages(async (Offset, Limit) => {
      const { RoomList, Total } = await this.read('AppGetRoomList', { FamilyId: familyId, Offset, Limit }, roomListShape)
      return { items: RoomList, total: Total }
    }, PAGE_LIMIT)
    return list.map((r) => ({
      roomId: r.RoomId,
      name: r.RoomName,
      deviceCount: r.DeviceNum,
      createTime: r.CreateTime,
      updateTime: r.UpdateTime,
    }))
  }

  /**
   * A family's devices (one room's with `roomId`), with online state and names filled in.
   * The first page is completed alone (the first rows show at once); the rest go in groups
   * of pages whose ids fill one status call, several groups at a time. `onProgress` hears
   * how many list entries are complete of how many, and `onRows` each complete group.
   */
  async devices(familyId: string, roomId = '', onProgress?: DevicesProgress, onRows?: (rows: Device[]) => void): Promise<Device[]> {
    const rooms = this.rooms(familyId).then((list) => new Map(list.map((r) => [r.roomId, r.name])))
    rooms.catch(() => undefined) // awaited with the first page; a failure surfaces there
    const listPage = (Offset: number) => this.read('AppGetFamilyDeviceList', { FamilyId: familyId, RoomId: roomId, Offset, Limit: PAGE_LIMIT }, deviceListShape)
    const first = await listPage(0)
    const total = Math.max(first.Total, first.DeviceList.length)
    let loaded = 0
    const tell = (rows: Device[]): Device[] => {
      loaded += rows.length
      onRows?.(rows)
      onProgress?.(loaded, total)
      return rows
    }
    // The first rows go out before the rest is asked for: nothing competes with them.
    const headRows = tell(await this.complete(familyId, first.DeviceList, rooms))
    // A short first page ends the listing, whatever Total says; later offsets stop at Total.
    if (first.DeviceList.length < PAGE_LIMIT || first.Total <= PAGE_LIMIT) return headRows
    const offsets: number[] = []
    for (let offset = PAGE_LIMIT; offset < first.Total; offset += PAGE_LIMIT) offsets.push(offset)
    const rest = await mapConcurrently(chunk(offsets, PAGES_PER_GROUP), GROUP_CONCURRENCY, async (group) => {
      const pages = await Promise.all(group.map(listPage))
      return tell(await this.complete(familyId, pages.flatMap((page) => page.DeviceList), rooms))
    })
    return [headRows, ...rest].flat()
  }

  /** One page of list entries as devices: their online states, product and room names. */
  private async complete(familyId: string, list: DeviceListEntry[], rooms: Promise<Map<string, string>>): Promise<Device[]> {
    const deviceIds = list.map(deviceIdOf)
    const [online, products, roomNames] = await Promise.all([
      this.onlineStates(deviceIds),
      this.productsById([...new Set(list.map((d) => d.ProductId))]),
      rooms,
    ])
    return list.map((d, i) => {
      const deviceId = deviceIds[i] ?? ''
      this.names.set(deviceId, d.AliasName)
      return {
        deviceId,
        productId: d.ProductId,
        deviceName: d.DeviceName,
        aliasName: d.AliasName,
        familyId: d.FamilyId || familyId,
        roomId: d.RoomId,
        roomName: roomNames.get(d.RoomId) ?? '',
        productName: products.get(d.ProductId)?.name ?? d.ProductId,
        iconUrl: d.IconUrl,
        online: online.get(deviceId) ?? false,
        deviceType: d.DeviceType,
        createTime: d.CreateTime,
        updateTime: d.UpdateTime,
      }
    })
  }

  async productList(productIds: string[]): Promise<Product[]> {
    const byId = await this.productsById(productIds)
    return productIds.flatMap((id) => byId.get(id) ?? [])
  }

  /** Online is 1 (Tencent's clients read it so; the reference's example comment has it backwards). */
  private async onlineStates(deviceIds: string[]): Promise<Map<string, boolean>> {
    const batches = await Promise.all(
      chunk(deviceIds, STATUS_BATCH).map((DeviceIds) => this.read('AppGetDeviceStatuses', { DeviceIds }, deviceStatusesShape)),
    )
    return new Map(batches.flat().map((s) => [deviceIdOf(s), s.Online === 1]))
  }

  private async productsById(productIds: string[]): Promise<Map<string, Product>> {
    const missing = productIds.filter((id) => !this.products.has(id))
    const batches = await Promise.all(
      chunk(missing, PRODUCT_BATCH).map((ProductIds) => this.read('AppGetProducts', { ProductIds }, productsShape)),
    )
    for (const p of batches.flatMap((b) => b.Products)) {
      this.products.set(p.ProductId, {
        productId: p.ProductId,
        name: p.Name,
        description: p.Description,
        netType: p.NetType,
        categoryId: p.CategoryId,
        thingModel: readThingModel(p.DataTemplate),
      })
    }
    return new Map(productIds.flatMap((id) => (this.products.has(id) ? [[id, this.products.get(id)!]] : [])))
  }

  private async read<T extends Parameters<typeof readAnswer>[0]>(action: string, params: Params, shape: T) {
    return readAnswer(shape, await this.call(action, params), action)
  }
}
