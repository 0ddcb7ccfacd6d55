/** What the binding actions answer (Distribution Network Management, signature and gateway binding). */
import { z } from 'zod'
import { int, listOf, optInt, optStr, str } from './read'

export const bindTokenShape = z.object({ Token: str })
/** "• Initial production. • 2: Usable status." - anything but 2 still waits for the device. */
export const bindTokenStateShape = z.object({ State: int })

/** AppSigBindDeviceInFamily (lower-case data) and AppBindSubDeviceInFamily (Data): the envelope flattens both. */
export const appDeviceInfoShape = z.object({
  AppDeviceInfo: z.object({ DeviceId: optStr, ProductId: str, DeviceName: str, FamilyId: optStr, RoomId: optStr }),
})

/** BindStatus appears only in the example's comment: 0 not in a home, 1 in one. Total is a number or its text. */
export const gatewayDeviceListShape = z.object({
  DeviceList: listOf(z.object({ DeviceId: optStr, ProductId: optStr, DeviceName: str, AliasName: optStr, BindStatus: optInt })),
  Total: optInt,
})

export const wechatTicketShape = z.object({
  DeviceId: optStr,
  WXIoTDeviceInfo: z.object({ SN: str, SNTicket: str, ModelId: optStr }),
})
