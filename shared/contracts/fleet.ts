/** The account's homes (families), their rooms and devices, and the devices' products. */
import { z } from 'zod'
import { deviceSchema, familyDetailSchema, familySchema, productSchema, roomSchema } from '../domain'
import { command, contract, id, noArgs } from './define'

export const fleetContract = contract(
  {
    'families.list': command(noArgs, z.array(familySchema)),
    'families.describe': command(z.object({ familyId: id }), familyDetailSchema),
    'rooms.list': command(z.object({ familyId: id }), z.array(roomSchema)),
    /**
     * With `streamId`, rows go out in 'devices.progress' events (same streamId) page by page
     * as they are read, and the answer holds only rows not already sent that way (none today):
     * a 50,000-device family shows its first rows at once instead of after the last page.
     */
    'devices.list': command(
      z.object({ familyId: id, roomId: z.string().max(128).optional(), streamId: z.string().max(64).optional() }),
      z.array(deviceSchema),
    ),
    'products.list': command(z.object({ productIds: z.array(id).min(1).max(100) }), z.array(productSchema)),
  },
  {
    /**
     * A running devices.list: list entries read so far of the family's total, after every page;
     * when the list was asked with a streamId, also the complete rows read since the last event.
     */
    'devices.progress': z.object({
      familyId: z.string(),
      loaded: z.number(),
      total: z.number(),
      streamId: z.string().optional(),
      devices: z.array(deviceSchema).optional(),
    }),
  },
)
