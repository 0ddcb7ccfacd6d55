/**
 * Conformance cases of Data Query: current values, property history and event history of
 * the demo home's devices (read-only, so the generated home stays as it is).
 */
import type { ConformanceCase, ConformanceContext } from './types'

const INVALID = 'InvalidParameterValue'
const DAY_MS = 86_400_000

const now = (ctx: ConformanceContext) => ctx.sandbox.options.clock()

export const DATA_QUERY_CASES: ConformanceCase[] = [
  {
    action: 'AppGetDeviceData',
    request: (ctx) => {
      const light = ctx.device('light')
      return { ProductId: light.productId, DeviceName: light.deviceName }
    },
    negative: {
      what: 'a DeviceId that is not ProductId/DeviceName',
      request: () => ({ DeviceId: 'no-slash-here' }),
      code: INVALID,
    },
  },
  {
    action: 'AppGetDeviceDataHistory',
    // The example sends ProductId + DeviceName (the table's DeviceId is taken too), 13-digit MinTime/MaxTime.
    request: (ctx) => {
      const sensor = ctx.device('sensor')
      return { ProductId: sensor.productId, DeviceName: sensor.deviceName, MinTime: now(ctx) - DAY_MS, MaxTime: now(ctx), Limit: 20, FieldName: 'temperature' }
    },
    negative: {
      what: 'a FieldName the product does not have',
      request: (ctx) => ({ DeviceId: ctx.device('sensor').deviceId, MinTime: now(ctx) - DAY_MS, MaxTime: now(ctx), Limit: 20, FieldName: 'light_switch' }),
      code: INVALID,
    },
  },
  {
    action: 'AppListEventHistory',
    // The example's ProductID spelling, StartTime/EndTime 0 (the sandbox: oldest kept .. now).
    request: (ctx) => {
      const light = ctx.device('light')
      return { ProductID: light.productId, DeviceName: light.deviceName, StartTime: 0, EndTime: 0, Type: 'info', Size: 5, Context: '' }
    },
    negative: {
      what: 'a Type other than info, alert or fault',
      request: (ctx) => {
        const light = ctx.device('light')
        return { ProductId: light.productId, DeviceName: light.deviceName, Type: 'warning' }
      },
      code: INVALID,
    },
  },
]
