/**
 * Device Control: setting properties and calling actions. Whoever may read a device may
 * control it (access.ts decides); an offline device cannot be reached and answers
 * FailedOperation.DeviceOffline ("The device is offline.", the code the reference lists for
 * AppPublishFirmwareUpdateMessage; the control tables list no offline code).
 */
import { checkControl, controlDevice, pushActionReply } from '../sim/device-behaviour'
import {
  actionOutput, checkActionCall, scheduleActionReply, sendActionCall, successReply, type CheckedCall,
} from '../sim/device-actions'
import { nextClientToken } from '../sim/client-tokens'
import type { Device } from '../world/model'
import { controllableDevice, deviceIdOf, jsonObjectParam } from './device-access'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

const appControlDeviceData: TokenApiAction = {
  action: 'AppControlDeviceData',
  endpoint: 'tokenapi',
  // Response.Data is "" in the example. The example's extra "AppId" is ignored.
  shape: 'flat',
  params: catalogParams('AppControlDeviceData'),
  handle(ctx) {
    const device = targetDevice(ctx)
    const data = checkControl(ctx.cloud, device, jsonObjectParam('Data', ctx.params.Data as string))
    controlDevice(ctx.cloud, device, data, nextClientToken(ctx.cloud, ctx.requestId))
    return { Data: '' }
  },
}

function targetDevice(ctx: TokenCallContext): Device {
  return controllableDevice(ctx.cloud.world, ctx.user.userId, deviceIdOf(ctx.params.ProductId as string, ctx.params.DeviceName as string))
}

function checkedCall(ctx: TokenCallContext, device: Device): CheckedCall {
  const text = ctx.params.InputParams as string | undefined
  const input = text === undefined || text === '' ? {} : jsonObjectParam('InputParams', text)
  return checkActionCall(ctx.cloud, device, ctx.params.ActionId as string, input)
}

/** Both action calls: check the call, push it to the device, and compute its reply. */
function callDeviceAction(ctx: TokenCallContext) {
  const device = targetDevice(ctx)
  const call = checkedCall(ctx, device)
  const clientToken = nextClientToken(ctx.cloud, ctx.requestId)
  const output = actionOutput(ctx.cloud.world.seed, device, call, Math.floor(ctx.nowMs / 1000))
  sendActionCall(ctx.cloud, device, call, clientToken)
  return { device, clientToken, output }
}

const appCallDeviceActionSync: TokenApiAction = {
  action: 'AppCallDeviceActionSync',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppCallDeviceActionSync'),
  handle(ctx) {
    const { device, clientToken, output } = callDeviceAction(ctx)
    pushActionReply(ctx.cloud, device, successReply(clientToken, output))
    // OutputParams is a JSON string like InputParams; "succ" as in the example and the push.
    return { ClientToken: clientToken, OutputParams: JSON.stringify(output), Status: 'succ' }
  },
}

const appCallDeviceActionAsync: TokenApiAction = {
  action: 'AppCallDeviceActionAsync',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppCallDeviceActionAsync'),
  handle(ctx) {
    const { device, clientToken, output } = callDeviceAction(ctx)
    // "The returned results ... can be accessed in real time through persistent connection
    // communication": the reply arrives later as an Action/Report push with this clientToken.
    scheduleActionReply(ctx.cloud, device, successReply(clientToken, output))
    return { ClientToken: clientToken, Status: 'Sent' }
  },
}

export const controlActions = [appControlDeviceData, appCallDeviceActionSync, appCallDeviceActionAsync]
