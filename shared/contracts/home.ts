/**
 * Setting a home up: the home itself (create, rename, delete) and its rooms (create, rename,
 * delete, which device sits where). Reading homes, rooms and devices is the fleet domain's.
 */
import { z } from 'zod'
import { changed, command, contract, deviceId, id, text } from './define'

/** What the cloud takes for a home's or a room's name (1 to 64 characters after trimming). */
export const placeName = text(64)
export const address = z.string().trim().max(256)

export const homeContract = contract({
  /** A new home, administered by the signed-in account (AppCreateFamily). */
  'home.create': command(z.object({ name: placeName, address: address.default('') }).strict(), z.object({ familyId: z.string(), requestId: z.string() })),
  /** Renames the home and sets its address (AppModifyFamily takes both). */
  'home.modify': command(z.object({ familyId: id, name: placeName, address: address.default('') }).strict(), changed),
  /** Deletes the home with its rooms, unbinding its devices (AppDeleteFamily): it cannot be undone. */
  'home.delete': command(z.object({ familyId: id, name: placeName }).strict(), changed),
  'home.createRoom': command(z.object({ familyId: id, name: placeName }).strict(), z.object({ roomId: z.string(), requestId: z.string() })),
  'home.renameRoom': command(z.object({ familyId: id, roomId: id, name: placeName }).strict(), changed),
  /** Deletes the room; its devices stay in the home, in the default room. */
  'home.deleteRoom': command(z.object({ familyId: id, roomId: id }).strict(), changed),
  /** Moves one device into a room of its home (AppModifyFamilyDeviceRoom). */
  'home.moveDevice': command(z.object({ familyId: id, deviceId, roomId: id }).strict(), changed),
})
