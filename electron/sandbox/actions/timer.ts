/**
 * Device Scheduling: timers that control one device at a clock time (China Standard
 * Time, see intelligence/china-time.ts). They fire from intelligence/timer-engine.ts.
 * The section's error tables list InvalidParameterValue only; a missing device or timer
 * answers it, a refused user its NoPermission sub-code (intelligence/access.ts).
 */
import { invalidParam } from '../api/errors'
import { readPage, slicePage } from '../api/paging'
import type { ParamValues } from '../api/params'
import type { Device } from '../world/model'
import { linkageDevice } from '../intelligence/access'
import { formatClock, isDayMask, parseClock } from '../intelligence/china-time'
import { checkControlData } from '../intelligence/control-data'
import { flag } from '../intelligence/fields'
import type { DeviceTimer } from '../intelligence/model'
import { scheduleNow } from '../intelligence/schedule-clock'
import { intelligenceOf } from '../intelligence/store'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

/** "The total obtained message count, with a maximum of 50." */
const MAX_TIMER_PAGE = 50

/** The settings AppCreateTimer and AppModifyTimer both take, checked. */
interface TimerSettings {
  name: string
  days: string
  timePoint: number
  repeat: 0 | 1
  data: string
}

const appCreateTimer: TokenApiAction = {
  action: 'AppCreateTimer',
  endpoint: 'tokenapi',
  // The success example nests TimerId and TimerName in Response.Data.
  shape: 'data',
  params: catalogParams('AppCreateTimer'),
  handle(ctx) {
    const device = timerDevice(ctx)
    const settings = readSettings(ctx, device)
    const store = intelligenceOf(ctx.cloud.world)
    const now = Math.floor(ctx.nowMs / 1000)
    const timer: DeviceTimer = {
      timerId: store.newTimerId(),
      deviceId: device.deviceId,
      productId: device.productId,
      deviceName: device.deviceName,
      ...settings,
      // The AppGetTimerList example shows a new timer enabled (Status 1).
      status: 1,
      createTime: now,
      updateTime: now,
      armedMs: scheduleNow(ctx.cloud),
    }
    store.timers.set(timer.timerId, timer)
    return { TimerId: timer.timerId, TimerName: timer.name }
  },
}

const appModifyTimer: TokenApiAction = {
  action: 'AppModifyTimer',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppModifyTimer'),
  handle(ctx) {
    const device = timerDevice(ctx)
    const timer = deviceTimer(ctx, device)
    // Every setting is required and replaced; Status changes only through AppModifyTimerStatus.
    Object.assign(timer, readSettings(ctx, device), { updateTime: Math.floor(ctx.nowMs / 1000), armedMs: scheduleNow(ctx.cloud) })
    return {}
  },
}

const appDeleteTimer: TokenApiAction = {
  action: 'AppDeleteTimer',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppDeleteTimer'),
  handle(ctx) {
    const timer = deviceTimer(ctx, timerDevice(ctx))
    intelligenceOf(ctx.cloud.world).timers.delete(timer.timerId)
    return {}
  },
}

const appModifyTimerStatus: TokenApiAction = {
  action: 'AppModifyTimerStatus',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The table marks Status optional, but it is the value being changed.
  params: catalogParams('AppModifyTimerStatus', { require: ['Status'] }),
  handle(ctx) {
    const timer = deviceTimer(ctx, timerDevice(ctx))
    const status = flag(ctx.params.Status, 'Status')
    if (status === 1 && timer.status === 0) timer.armedMs = scheduleNow(ctx.cloud)
    timer.status = status
    timer.updateTime = Math.floor(ctx.nowMs / 1000)
    return {}
  },
}

const appGetTimerList: TokenApiAction = {
  action: 'AppGetTimerList',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetTimerList'),
  handle(ctx) {
    const device = timerDevice(ctx)
    const page = readPage(ctx.params, MAX_TIMER_PAGE)
    const timers = intelligenceOf(ctx.cloud.world).timersOf(device.deviceId)
    return { Total: timers.length, TimerList: slicePage(timers, page).map(timerItem) }
  },
}

/** The fields of the reference's TimerList example; TimePoint always "HH:mm" ("9:30" is listed as "09:30"). */
function timerItem(timer: DeviceTimer): Record<string, unknown> {
  return {
    TimerId: timer.timerId,
    TimerName: timer.name,
    ProductId: timer.productId,
    DeviceName: timer.deviceName,
    Days: timer.days,
    TimePoint: formatClock(timer.timePoint),
    Repeat: timer.repeat,
    Data: timer.data,
    Status: timer.status,
    CreateTime: timer.createTime,
    UpdateTime: timer.updateTime,
  }
}

/** Whoever may control the device (its family's members, users it is shared with) manages its timers. */
function timerDevice(ctx: TokenCallContext): Device {
  return linkageDevice(ctx.cloud.world, ctx.user.userId, ctx.params.ProductId as string, ctx.params.DeviceName as string)
}

function deviceTimer(ctx: TokenCallContext, device: Device): DeviceTimer {
  const timerId = ctx.params.TimerId as string
  const timer = intelligenceOf(ctx.cloud.world).timers.get(timerId)
  if (!timer || timer.deviceId !== device.deviceId) throw invalidParam(`Timer ${timerId} is not a timer of device ${device.deviceId}.`)
  return timer
}

function readSettings(ctx: TokenCallContext, device: Device): TimerSettings {
  const p: ParamValues = ctx.params
  const name = p.TimerName as string
  if (name.trim() === '') throw invalidParam('TimerName must not be empty.')
  const days = p.Days as string
  if (!isDayMask(days)) throw invalidParam('Days must be 7 characters 0/1, Sunday first.')
  const timePoint = parseClock(p.TimePoint as string)
  if (timePoint === undefined) throw invalidParam('TimePoint must be HH:mm.')
  const repeat = flag(p.Repeat, 'Repeat')
  // A one-off timer with no day marked runs once at the next TimePoint; a repeating one needs a day.
  if (repeat === 1 && !days.includes('1')) throw invalidParam('A repeating timer needs at least one day in Days.')
  const data = checkControlData(ctx.cloud, device, p.Data, 'Data')
  return { name, days, timePoint, repeat, data }
}

export const timerActions = [appCreateTimer, appModifyTimer, appDeleteTimer, appModifyTimerStatus, appGetTimerList]
