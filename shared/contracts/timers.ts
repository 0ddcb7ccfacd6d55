/**
 * Device timers: a device's property values set at a clock time (China time) on chosen
 * days, once or every week (AppGetTimerList, AppCreateTimer, AppModifyTimer,
 * AppModifyTimerStatus, AppDeleteTimer). Values are checked against the product's thing
 * model before anything is sent: a malformed timer is refused and nothing is created.
 */
import { z } from 'zod'
import { homeTimerSchema, REPEAT_NEEDS_A_DAY, repeatNeedsADay, timerSchema, timerSettingsSchema } from '../schedule'
import { changed, command, contract, deviceId, id } from './define'

const timerSettings = timerSettingsSchema.strict()
const newTimer = timerSettings.extend({ deviceId }).refine(repeatNeedsADay, { message: REPEAT_NEEDS_A_DAY, path: ['days'] })
const editedTimer = timerSettings.extend({ deviceId, timerId: id }).refine(repeatNeedsADay, { message: REPEAT_NEEDS_A_DAY, path: ['days'] })

export const timersContract = contract({
  /** Every timer of one device (all pages). */
  'timers.list': command(z.object({ deviceId }).strict(), z.object({ timers: z.array(timerSchema) })),
  /** Every timer of every device of a home, with the devices whose timers could not be read. */
  'timers.listForHome': command(
    z.object({ familyId: id }).strict(),
    z.object({ timers: z.array(homeTimerSchema), unreadable: z.array(z.object({ deviceId: z.string(), deviceName: z.string(), message: z.string() })) }),
  ),
  /** A new timer, enabled (AppCreateTimer). */
  'timers.create': command(newTimer, z.object({ timerId: z.string(), requestId: z.string() })),
  /** Replaces the timer's name, days, time, repetition and values (AppModifyTimer). */
  'timers.modify': command(editedTimer, changed),
  'timers.setEnabled': command(z.object({ deviceId, timerId: id, enabled: z.boolean() }).strict(), changed),
  /** Deletes the timer (AppDeleteTimer): it cannot be undone. */
  'timers.delete': command(z.object({ deviceId, timerId: id }).strict(), changed),
})
