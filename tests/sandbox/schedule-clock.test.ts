import { afterEach, describe, expect, it } from 'vitest'
import { checkDue } from '../../electron/sandbox/intelligence'
import { scheduleNow } from '../../electron/sandbox/intelligence/schedule-clock'
import { T0 } from './helpers'
import { controlsOf, directCloud, type DirectCloud } from './intelligence-helpers'

/** Under a fast simulation speed, timers and timer conditions keep the sped-up clock: a timer minutes ahead fires seconds later. */
describe('the schedule clock under --sim-speed', () => {
  let dc: DirectCloud
  afterEach(() => dc.stop())

  const timerAt = (hhmm: string, data: string) => {
    const light = dc.device('light')
    dc.ok('AppCreateTimer', { ProductId: light.productId, DeviceName: light.deviceName, TimerName: 'sped', Days: '0000000', TimePoint: hhmm, Repeat: 0, Data: data })
    return light
  }

  it('at speed 60 a timer two minutes ahead fires after two real seconds, not before', () => {
    dc = directCloud(T0, { simSpeed: 60 }) // 08:00 China time
    checkDue(dc.cloud)
    const light = timerAt('08:02', '{"brightness":17}')
    dc.clock.advance(1_000)
    checkDue(dc.cloud)
    expect(controlsOf(dc.pushes, light.deviceId)).toEqual([])
    dc.clock.advance(1_000)
    expect(scheduleNow(dc.cloud)).toBe(T0 + 120_000)
    checkDue(dc.cloud)
    expect(controlsOf(dc.pushes, light.deviceId)).toEqual([{ brightness: 17 }])
  })

  it('at speed 600 the minutes a one-second look spans are each handled, none skipped', () => {
    dc = directCloud(T0, { simSpeed: 600 })
    checkDue(dc.cloud)
    const light = timerAt('08:07', '{"brightness":33}')
    dc.clock.advance(1_000) // ten minutes of schedule time in one look
    checkDue(dc.cloud)
    expect(controlsOf(dc.pushes, light.deviceId)).toEqual([{ brightness: 33 }])
  })

  it('at speed 1 the schedule clock is the cloud clock', () => {
    dc = directCloud(T0)
    dc.clock.advance(5_000)
    expect(scheduleNow(dc.cloud)).toBe(T0 + 5_000)
  })
})
