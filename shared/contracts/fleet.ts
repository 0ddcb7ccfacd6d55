/** The account's homes (families), their rooms and devices, and the devices' products. */
import { z } from 'zod'
import { deviceSchema, familyDetailSchema, familySchema, productSchema, roomSchema } from '../domain'
import { command, contract, id, noArgs } from './define'

export const fleetContract = contract(
  {
    'families.list': command(noArgs, z.array(familySchema)),
    'families.describe': command(z.object({ familyId: id }), familyDetailSchema),
    'rooms.list': command(z.object({ familyId: id }), z.array(roomSchema)),
    'devices.list': command(z.object({ familyId: id, roomId: z.string().max(128).optional() }), z.array(deviceSchema)),
    'products.list': command(z.object({ productIds: z.array(id).min(1).max(100) }), z.array(productSchema)),
  },
  {
    /** A running devices.list: list entries read so far of the family's total, after every page. */
    'devices.progress': z.object({ familyId: z.string(), loaded: z.number(), total: z.number() }),
  },
)
