/** Live data: the devices on screen, their pushes, and the push connection's state. */
import { z } from 'zod'
import { connectionStateSchema } from '../domain'
import { deviceEventSchema, deviceStateSchema } from '../live'
import { command, contract, id } from './define'

/** The most devices one watch follows: a 10,000-device family live as a whole; larger lists follow the rows on screen. */
export const MAX_WATCHED_DEVICES = 10_000
/** The most devices whose values one read names: rows on screen, with room to spare. */
export const MAX_VALUE_READS = 500

export const liveContract = contract(
  {
    /**
     * Live data for these devices (replaces the previous set); answers their latest known state.
     * Their online states are read and followed; property values are read for `valuesOf` only
     * when given (a long list's rows on screen, see live.readValues), else for all of them.
     */
    'live.watch': command(
      z.object({ deviceIds: z.array(id).max(MAX_WATCHED_DEVICES), valuesOf: z.array(id).max(MAX_VALUE_READS).optional() }),
      z.array(deviceStateSchema),
    ),
    /** Reads the current property values of these watched devices (rows newly on screen); answers their states. */
    'live.readValues': command(z.object({ deviceIds: z.array(id).max(MAX_VALUE_READS) }), z.array(deviceStateSchema)),
  },
  {
    'connection.changed': connectionStateSchema,
    /** Decoded pushes, in batches of at most one per 50 ms. */
    'device.events': z.array(deviceEventSchema),
    /** Latest states after a resync (reconnect or first subscription). */
    'device.states': z.array(deviceStateSchema),
  },
)
