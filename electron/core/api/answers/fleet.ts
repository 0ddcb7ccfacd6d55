/** What the family, room, device-list and product actions answer. */
import { z } from 'zod'
import { int, optInt, optStr, str } from './read'

export const familyListShape = z.object({
  FamilyList: z
    .array(z.object({ FamilyId: str, Name: optStr, Role: optInt, CreateTime: optInt, UpdateTime: optInt }))
    .default([]),
  Total: optInt,
})

export const familyDetailShape = z.object({
  FamilyId: str,
  FamilyName: optStr,
  Address: optStr,
  CreateTime: optInt,
  UpdateTime: optInt,
})

export const roomListShape = z.object({
  RoomList: z
    .array(z.object({ RoomId: str, RoomName: optStr, DeviceNum: optInt, CreateTime: optInt, UpdateTime: optInt }))
    .default([]),
  Total: optInt,
})

export const deviceListShape = z.object({
  DeviceList: z
    .array(
      z.object({
        DeviceId: optStr,
        ProductId: str,
        DeviceName: str,
        AliasName: optStr,
        FamilyId: optStr,
        RoomId: optStr,
        IconUrl: optStr,
        DeviceType: optInt,
        CreateTime: optInt,
        UpdateTime: optInt,
      }),
    )
    .default([]),
  Total: optInt,
})

const statusItem = z.object({ DeviceId: optStr, ProductId: optStr, DeviceName: optStr, Online: optInt })
/** The table calls the list "Devices", the example "DeviceStatuses": accept either. */
export const deviceStatusesShape = z
  .object({ DeviceStatuses: z.array(statusItem).optional(), Devices: z.array(statusItem).optional() })
  .transform((value) => value.DeviceStatuses ?? value.Devices ?? [])

export const productsShape = z.object({
  Products: z
    .array(
      z.object({
        ProductId: str,
        Name: optStr,
        Description: optStr,
        NetType: optStr,
        CategoryId: optInt,
        DataTemplate: z.unknown().optional(),
      }),
    )
    .default([]),
})

/** A gateway's sub-devices in the family (AppGetFamilySubDeviceList). */
export const subDeviceShape = z.object({
  DeviceList: z.array(z.object({ DeviceId: optStr, ProductId: optStr, DeviceName: optStr, AliasName: optStr, FamilyId: optStr, RoomId: optStr })).default([]),
  Total: int.optional().default(0),
})
