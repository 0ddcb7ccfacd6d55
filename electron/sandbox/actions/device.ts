/** Device management (read side): family device lists, products, online states. */
import { invalidParam } from '../api/errors'
import { readPage, slicePage } from '../api/paging'
import type { EnvelopeMode } from '../options'
import type { Device, Product } from '../world/model'
import { readableDevice, readableFamily } from './access'
import { catalogParams, type TokenApiAction } from './registry'

/** "Maximum return message count, with a maximum value of 50." */
const MAX_DEVICE_PAGE = 50
/** Ids per AppGetProducts / AppGetDeviceStatuses call; the reference states no limit (sandbox choice). */
const MAX_IDS = 100

const appGetFamilyDeviceList: TokenApiAction = {
  action: 'AppGetFamilyDeviceList',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The example comment: RoomId "" lists every room's devices, "0" the default room; the
  // table marks RoomId required, the sandbox also reads its absence as "every room".
  params: catalogParams('AppGetFamilyDeviceList', { relax: ['RoomId'] }),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = readableFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const roomId = (ctx.params.RoomId as string | undefined) || undefined
    if (roomId !== undefined && !world.isRoomOf(family.familyId, roomId)) {
      throw invalidParam(`Room ${roomId} is not a room of family ${family.familyId}.`)
    }
    const page = readPage(ctx.params, MAX_DEVICE_PAGE)
    const devices = world.devicesIn(family.familyId, roomId)
    return { DeviceList: slicePage(devices, page).map(deviceListItem), Total: devices.length }
  },
}

/** Fields of the reference's DeviceList example plus FamilyId and DeviceType (AppGetDeviceInFamily). */
function deviceListItem(device: Device): Record<string, unknown> {
  return {
    ProductId: device.productId,
    DeviceName: device.deviceName,
    DeviceId: device.deviceId,
    AliasName: device.aliasName,
    UserID: device.ownerId,
    FamilyId: device.familyId,
    RoomId: device.roomId,
    IconUrl: device.iconUrl,
    DeviceType: device.deviceType,
    CreateTime: device.createTime,
    UpdateTime: device.updateTime,
  }
}

const appGetProducts: TokenApiAction = {
  action: 'AppGetProducts',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetProducts'),
  handle(ctx) {
    const { world } = ctx.cloud
    const productIds = checkCount('ProductIds', ctx.params.ProductIds as string[])
    const deviceIds = checkCount('DeviceIds', (ctx.params.DeviceIds as string[] | undefined) ?? [])
    // The example asks for one product plus devices of another and gets both products.
    const wanted = new Set(productIds)
    for (const id of deviceIds) wanted.add(readableDevice(world, ctx.user.userId, id).productId)
    const products = [...wanted].map((id) => {
      const product = world.products.get(id)
      if (!product) throw invalidParam(`Product ${id} does not exist.`)
      return productItem(product, ctx.envelope)
    })
    return { Products: products }
  },
}

/**
 * The reference prints DataTemplate as an object; Tencent's apps read it as a JSON string
 * (the iOS app's product model declares `DataTemplate: String` and parses it). So the
 * documented envelope sends the object and the wrapped (production-like) one the string.
 */
function productItem(product: Product, envelope: EnvelopeMode): Record<string, unknown> {
  return {
    ProductId: product.productId,
    Name: product.name,
    Description: product.description,
    State: '',
    DataTemplate: envelope === 'wrapped' ? JSON.stringify(product.dataTemplate) : product.dataTemplate,
    AppTemplate: '',
    NetType: product.netType,
    CategoryId: product.categoryId,
    ProductType: product.productType,
    UpdateTime: product.updateTime,
  }
}

const appGetDeviceStatuses: TokenApiAction = {
  action: 'AppGetDeviceStatuses',
  endpoint: 'tokenapi',
  // The table names the array "Devices", the example "DeviceStatuses"; the example wins.
  shape: 'flat',
  params: catalogParams('AppGetDeviceStatuses'),
  handle(ctx) {
    const { world } = ctx.cloud
    const ids = checkCount('DeviceIds', ctx.params.DeviceIds as string[])
    const statuses = ids.map((id) => {
      const device = readableDevice(world, ctx.user.userId, id)
      // The example's comment says "0 Online; 1: Offline"; Tencent's own clients treat
      // 1 as online, and so does the sandbox: Online 1 = online, 0 = offline.
      return { DeviceId: device.deviceId, ProductId: device.productId, DeviceName: device.deviceName, Online: device.online ? 1 : 0 }
    })
    return { DeviceStatuses: statuses }
  },
}

function checkCount(name: string, ids: string[]): string[] {
  if (ids.length > MAX_IDS) throw invalidParam(`${name} takes at most ${MAX_IDS} ids, not ${ids.length}.`)
  return ids
}

export const deviceActions = [appGetFamilyDeviceList, appGetProducts, appGetDeviceStatuses]
