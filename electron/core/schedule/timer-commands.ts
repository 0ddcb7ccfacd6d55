/** The timer commands of the bridge (shared/contracts/timers.ts): a device's timers, and a home's. */
import { settleConcurrently } from '../../../shared/concurrency'
import type { timersContract } from '../../../shared/contracts/timers'
import { deviceParams } from '../../../shared/device-id'
import type { Device } from '../../../shared/domain'
import type { Timer } from '../../../shared/schedule'
import { ApiError } from '../api/api-error'
import { createdTimerShape, timerListShape } from '../api/answers/schedule'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import { fetchAllPages } from '../api/paging'
import type { DomainHandlers } from '../dispatcher'
import { checkAgainstModels, type ThingModels } from './model-check'
import { readTimer, timerParams } from './timer-wire'

/** "The total obtained message count, with a maximum of 50." */
const TIMER_PAGE = 50
/** Devices whose timers a home's list reads at once. */
const DEVICE_CONCURRENCY = 4

export interface TimerFleet extends ThingModels {
  devices(familyId: string): Promise<Device[]>
}

/** `call` is the desk's audited call: every change lands in the audit log with its RequestId. */
export function timersCommands(call: CloudCall, fleet: TimerFleet): DomainHandlers<typeof timersContract> {
  const change = async (action: string, params: Params) => ({ requestId: (await call(action, params)).requestId })
  return {
    'timers.list': async ({ deviceId }) => ({ timers: await deviceTimers(call, deviceId) }),
    'timers.listForHome': async ({ familyId }) => {
      const devices = await fleet.devices(familyId)
      const settled = await settleConcurrently(devices, DEVICE_CONCURRENCY, (d) => deviceTimers(call, d.deviceId))
      const name = (d: Device) => d.aliasName || d.deviceName
      return {
        timers: settled.flatMap((s, i) => (s.status === 'fulfilled' ? s.value.map((t) => ({ ...t, deviceName: name(devices[i]!) })) : [])),
        unreadable: settled.flatMap((s, i) =>
          s.status === 'rejected' ? [{ deviceId: devices[i]!.deviceId, deviceName: name(devices[i]!), message: messageOf(s.reason) }] : [],
        ),
      }
    },
    'timers.create': async ({ deviceId, ...settings }) => {
      await checkAgainstModels(fleet, [{ deviceId, values: settings.values }])
      const reply = await call('AppCreateTimer', timerParams(deviceId, settings))
      return { timerId: readAnswer(createdTimerShape, reply, 'AppCreateTimer').TimerId, requestId: reply.requestId }
    },
    'timers.modify': async ({ deviceId, timerId, ...settings }) => {
      await checkAgainstModels(fleet, [{ deviceId, values: settings.values }])
      return change('AppModifyTimer', { ...timerParams(deviceId, settings), TimerId: timerId })
    },
    'timers.setEnabled': ({ deviceId, timerId, enabled }) =>
      change('AppModifyTimerStatus', { ...deviceParams(deviceId), TimerId: timerId, Status: enabled ? 1 : 0 }),
    'timers.delete': ({ deviceId, timerId }) => change('AppDeleteTimer', { ...deviceParams(deviceId), TimerId: timerId }),
  }
}

async function deviceTimers(call: CloudCall, deviceId: string): Promise<Timer[]> {
  const action = 'AppGetTimerList'
  return fetchAllPages(async (Offset, Limit) => {
    const reply = await call(action, { ...deviceParams(deviceId), Offset, Limit })
    const page = readAnswer(timerListShape, reply, action)
    const timers = page.TimerList.map((item) => {
      const read = readTimer(item)
      if ('problem' in read) throw ApiError.malformed(action, reply.requestId, read.problem)
      return read.timer
    })
    return { items: timers, total: page.Total }
  }, TIMER_PAGE)
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
