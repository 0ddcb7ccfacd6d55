/** Data Query: a device's current thing-model values. */
import { missingParam } from '../api/errors'
import type { ParamRule } from '../api/params'
import { readableDevice } from './access'
import { catalogParams, type TokenApiAction } from './registry'

/** Tencent's mini-program demo asks with DeviceId alone; accepted beside ProductId + DeviceName. */
const DEVICE_ID: ParamRule = { name: 'DeviceId', type: 'String', kind: 'string', required: false }

const appGetDeviceData: TokenApiAction = {
  action: 'AppGetDeviceData',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppGetDeviceData', { relax: ['ProductId', 'DeviceName'], extra: [DEVICE_ID] }),
  handle(ctx) {
    const device = readableDevice(ctx.cloud.world, ctx.user.userId, deviceIdOf(ctx.params))
    const data: Record<string, { Value: unknown; LastUpdate: number }> = {}
    for (const [id, state] of device.properties) data[id] = { Value: state.value, LastUpdate: state.lastUpdateMs }
    // Data is a JSON string of {propertyId: {Value, LastUpdate (ms)}}, as in the reference.
    return { Data: JSON.stringify(data) }
  },
}

/** DeviceId, or ProductId + DeviceName where a caller sends those instead. */
export function deviceIdOf(params: Record<string, unknown>): string {
  if (typeof params.DeviceId === 'string' && params.DeviceId !== '') return params.DeviceId
  if (!params.ProductId) throw missingParam('ProductId')
  if (!params.DeviceName) throw missingParam('DeviceName')
  return `${String(params.ProductId)}/${String(params.DeviceName)}`
}

export const dataQueryActions = [appGetDeviceData]
