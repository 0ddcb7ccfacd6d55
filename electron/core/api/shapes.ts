/**
 * The shapes of cloud answers the app relies on, checked where they arrive. Lenient where
 * the reference itself is inconsistent (numbers printed as strings and back, SEED-NOTES §4.5),
 * strict where a wrong shape would mislead the user.
 */
import { z } from 'zod'
import { ApiError } from './api-error'
import type { CloudReply } from './envelope'

const str = z.union([z.string(), z.number()]).transform(String)
const optStr = str.optional().default('')
const int = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number)
const optInt = int.optional().default(0)

export const tokenShape = z.object({ Token: z.string().min(1), ExpireAt: int })

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

/** Checks a reply against a shape; a mismatch is a typed, readable error, never a crash. */
export function readShape<T extends z.ZodType>(shape: T, reply: CloudReply, action: string): z.output<T> {
  const parsed = shape.safeParse(reply.data)
  if (parsed.success) return parsed.data
  const first = parsed.error.issues[0]
  const where = first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'unknown'
  throw ApiError.malformed(action, reply.requestId, where)
}
