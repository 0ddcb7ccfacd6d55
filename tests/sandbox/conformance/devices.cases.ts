/**
 * Conformance cases of devices, binding and control: Distribution Network Management,
 * Device management and Device Control. Cases that change a device bind a fresh one first
 * (by signature, as a device would), so the demo home's own devices stay as generated.
 */
import { NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type ProductKind, type RunningSandbox } from '../../../electron/sandbox'
import { bindNew, bindToGateway, freshName, gatewayBindRequest, sigBindRequest } from '../device-helpers'
import { signIn, tokenapi, type Json } from '../helpers'
import type { ConformanceCase, ConformanceContext } from './types'

const MISSING = 'ErrorRequiredParamNotFound'
const INVALID = 'InvalidParameterValue'
const NO_PERMISSION = 'InvalidParameterValue.NoPermission'
const NO_PERMISSION_TO_FAMILY = 'UnauthorizedOperation.NoPermissionToFamily'
const NOT_CONNECTED = 'InvalidParameterValue.BindDeviceNotConnected'
const TOTAL_AS_NUMBER = 'the table types Total String; the example answers the number (docs/api-decisions.md §4.5), as the sandbox does'

const familyNamed = (ctx: ConformanceContext, name: string) => {
  const found = [...ctx.sandbox.world.families.values()].find((f) => f.name === name)
  if (!found) throw new Error(`no family ${name}`)
  return found.familyId
}

const foreignDevices = new WeakMap<RunningSandbox, Promise<{ ProductId: string; DeviceName: string; DeviceId: string }>>()

/**
 * A device the neighbour binds into his flat for these cases: the demo account cannot see
 * it (the flat's generated devices may be shared with it by other groups' cases).
 */
function foreignDevice(ctx: ConformanceContext): Promise<{ ProductId: string; DeviceName: string; DeviceId: string }> {
  let device = foreignDevices.get(ctx.sandbox)
  if (!device) {
    device = signIn(ctx.sandbox, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password).then((token) =>
      bindNew(ctx.sandbox, (action, params) => tokenapi(ctx.sandbox, token, action, params), 'plug', familyNamed(ctx, "Neighbour's flat")))
    foreignDevices.set(ctx.sandbox, device)
  }
  return device
}

const home = (ctx: ConformanceContext, kind: ProductKind) => {
  const d = ctx.device(kind)
  return { ProductId: d.productId, DeviceName: d.deviceName, DeviceId: d.deviceId }
}

const fresh = (ctx: ConformanceContext, kind: ProductKind) => bindNew(ctx.sandbox, ctx.call, kind, ctx.homeId)

/** A fresh device that has dropped off the network. */
async function offline(ctx: ConformanceContext, kind: ProductKind) {
  const device = await fresh(ctx, kind)
  ctx.sandbox.control.setDeviceOnline(device.DeviceId, false)
  return device
}

const gatewayParams = (ctx: ConformanceContext) => {
  const gw = home(ctx, 'gateway')
  return { GatewayProductId: gw.ProductId, GatewayDeviceName: gw.DeviceName }
}

/** A sensor bound to the home gateway (topology), optionally also into the home. */
async function subDevice(ctx: ConformanceContext, intoFamily: boolean): Promise<Json> {
  const request = await bindToGateway(ctx.sandbox, ctx.call, home(ctx, 'gateway').DeviceId)
  const ids = { ...gatewayParams(ctx), ProductId: request.ProductId, DeviceName: request.DeviceName }
  if (intoFamily) await ctx.ok('AppBindSubDeviceInFamily', ids)
  return ids
}

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64')

const bindingCases: ConformanceCase[] = [
  {
    action: 'AppCreateDeviceBindToken',
    request: () => ({}),
    negative: { what: 'an invalid AccessToken', request: () => ({ AccessToken: 'not-a-token' }), code: 'InvalidParameterValue.InvalidAccessToken' },
  },
  {
    action: 'AppGetDeviceBindTokenState',
    request: async (ctx) => ({ Token: (await ctx.ok('AppCreateDeviceBindToken')).Token }),
    negative: { what: 'an unknown token', request: () => ({ Token: 'd7a1000000000000000000000a861b3b' }), code: 'InvalidParameterValue.TokenNotExist' },
  },
  {
    action: 'AppTokenBindDeviceFamily',
    request: async (ctx) => {
      const token = (await ctx.ok('AppCreateDeviceBindToken')).Token as string
      const deviceName = freshName('light')
      // The device reports the token it was handed (the sandbox waits for the device by default).
      ctx.sandbox.control.useBindToken(token, `${PRODUCT_IDS.light}/${deviceName}`)
      return { Token: token, ProductId: PRODUCT_IDS.light, DeviceName: deviceName, FamilyId: ctx.homeId, RoomId: '0' }
    },
    negative: {
      what: 'a token the device has not reported yet (State 1)',
      request: async (ctx) => ({
        Token: (await ctx.ok('AppCreateDeviceBindToken')).Token,
        ProductId: PRODUCT_IDS.light,
        DeviceName: freshName('light'),
        FamilyId: ctx.homeId,
        RoomId: '0',
      }),
      code: 'InvalidParameterValue.TokenNotBind',
    },
  },
]

const managementCases: ConformanceCase[] = [
  {
    action: 'APPGetWechatDeviceTicket',
    request: (ctx) => ({ ProductId: home(ctx, 'light').ProductId, Devicename: home(ctx, 'light').DeviceName, IsThirdApp: 1 }),
    negative: { what: 'missing Devicename', request: (ctx) => ({ ProductId: home(ctx, 'light').ProductId, IsThirdApp: 1 }), code: MISSING },
  },
  {
    action: 'AppGetProducts',
    request: (ctx) => ({ ProductIds: [PRODUCT_IDS.light], DeviceIds: [home(ctx, 'camera').DeviceId] }),
    negative: { what: "another user's device", request: async (ctx) => ({ ProductIds: [PRODUCT_IDS.light], DeviceIds: [(await foreignDevice(ctx)).DeviceId] }), code: NO_PERMISSION },
  },
  {
    action: 'AppDeleteDeviceInFamily',
    // As the example: no RoomId.
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'plug')
      return { FamilyId: ctx.homeId, ProductId, DeviceName }
    },
    negative: {
      what: 'a device of a family the user is only a member of',
      request: (ctx) => {
        const cottage = familyNamed(ctx, 'Holiday cottage')
        const device = ctx.sandbox.world.devicesIn(cottage)[0]
        return { FamilyId: cottage, RoomId: device?.roomId, ProductId: device?.productId, DeviceName: device?.deviceName }
      },
      code: NO_PERMISSION_TO_FAMILY,
    },
  },
  {
    action: 'AppGetFamilyDeviceList',
    request: (ctx) => ({ FamilyId: ctx.homeId, RoomId: '', Offset: 0, Limit: 2 }),
    negative: { what: "another user's family", request: (ctx) => ({ FamilyId: familyNamed(ctx, "Neighbour's flat"), RoomId: '' }), code: NO_PERMISSION_TO_FAMILY },
  },
  {
    action: 'AppGetDeviceStatuses',
    request: (ctx) => ({ DeviceIds: [home(ctx, 'light').DeviceId] }),
    outputs: { rename: { Devices: 'DeviceStatuses' } },
    negative: { what: 'missing DeviceIds', request: () => ({}), code: MISSING },
  },
  {
    action: 'AppUpdateDeviceInFamily',
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'light')
      return { ProductId, DeviceName, AliasName: '12345' }
    },
    negative: { what: "another user's device", request: async (ctx) => ({ ...(await foreignDevice(ctx)), DeviceId: undefined, AliasName: 'x' }), code: NO_PERMISSION },
  },
  {
    action: 'AppGetDeviceInFamily',
    request: (ctx) => ({ ProductId: home(ctx, 'light').ProductId, FamilyId: ctx.homeId, DeviceName: home(ctx, 'light').DeviceName }),
    negative: {
      what: 'a family the user is no member of',
      request: async (ctx) => ({ ...(await foreignDevice(ctx)), DeviceId: undefined, FamilyId: familyNamed(ctx, "Neighbour's flat") }),
      code: 'ResourceNotFound.StudioMemberNotExist',
    },
  },
  {
    action: 'AppGetDeviceExtInfo',
    request: (ctx) => ({ DeviceId: home(ctx, 'light').DeviceId }),
    negative: { what: "another user's device", request: async (ctx) => ({ DeviceId: (await foreignDevice(ctx)).DeviceId }), code: NO_PERMISSION },
  },
  {
    action: 'AppModifyFamilyDeviceRoom',
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'light')
      const room = ctx.sandbox.world.roomsOf(ctx.homeId)[1]
      return { FamilyId: ctx.homeId, RoomId: room?.roomId, ProductId, DeviceName }
    },
    negative: {
      what: "a room of another family",
      request: async (ctx) => {
        const { ProductId, DeviceName } = await fresh(ctx, 'light')
        const officeRoom = ctx.sandbox.world.roomsOf(familyNamed(ctx, 'Office'))[0]
        return { FamilyId: ctx.homeId, RoomId: officeRoom?.roomId, ProductId, DeviceName }
      },
      code: INVALID,
    },
  },
  {
    action: 'AppBindSubDeviceInFamily',
    request: (ctx) => subDevice(ctx, false),
    negative: {
      what: 'a sub-device not bound to the gateway',
      request: (ctx) => ({ ...gatewayParams(ctx), ProductId: PRODUCT_IDS.sensor, DeviceName: freshName('th') }),
      code: 'UnsupportedOperation.DeviceNotBind',
    },
  },
  {
    action: 'AppGetGatewayBindDeviceList',
    request: (ctx) => ({ ProductId: PRODUCT_IDS.sensor, ...gatewayParams(ctx), Offset: 0, Limit: 2 }),
    outputs: { skip: { Total: TOTAL_AS_NUMBER } },
    negative: {
      what: 'a device that is not a gateway',
      request: (ctx) => ({ ProductId: PRODUCT_IDS.sensor, GatewayProductId: home(ctx, 'light').ProductId, GatewayDeviceName: home(ctx, 'light').DeviceName, Offset: 0, Limit: 2 }),
      code: 'UnsupportedOperation.DeviceNotGateway',
    },
  },
  {
    action: 'AppGetFamilySubDeviceList',
    request: (ctx) => ({ ...gatewayParams(ctx), Offset: 0, Limit: 2 }),
    outputs: { skip: { Total: TOTAL_AS_NUMBER } },
    negative: {
      what: "another user's device",
      request: async (ctx) => {
        const device = await foreignDevice(ctx)
        return { GatewayProductId: device.ProductId, GatewayDeviceName: device.DeviceName, Offset: 0, Limit: 2 }
      },
      code: NO_PERMISSION,
    },
  },
  {
    action: 'AppReportDataAsDevice',
    // TimeStamp as the example spells it (the table: Timestamp), milliseconds.
    request: async (ctx) => ({ DeviceId: (await fresh(ctx, 'light')).DeviceId, Data: '{"brightness":40}', TimeStamp: ctx.sandbox.options.clock() }),
    negative: {
      what: 'an offline device',
      request: async (ctx) => ({ DeviceId: (await offline(ctx, 'light')).DeviceId, Data: '{"brightness":40}', Timestamp: ctx.sandbox.options.clock() }),
      code: NOT_CONNECTED,
    },
  },
  {
    action: 'AppPublishMsgAsDevice',
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'light')
      const Payload = base64({ method: 'report', clientToken: 'conformance-1', params: { brightness: 10 } })
      return { ProductId, DeviceName, Topic: `$thing/up/property/${ProductId}/${DeviceName}`, Payload }
    },
    negative: {
      what: "another device's topic",
      request: async (ctx) => {
        const { ProductId, DeviceName } = await fresh(ctx, 'light')
        return { ProductId, DeviceName, Topic: `$thing/up/property/${home(ctx, 'light').DeviceId}`, Payload: base64({ method: 'report', params: { brightness: 1 } }) }
      },
      code: INVALID,
    },
  },
  {
    action: 'AppReportDeviceEvent',
    // As the example: no EventTimeStamp.
    request: async (ctx) => ({ DeviceId: (await fresh(ctx, 'light')).DeviceId, EventId: 'low_voltage', Params: '{"voltage":3.1}', Method: 'ReportEventAsDevice' }),
    negative: {
      what: 'an offline device',
      request: async (ctx) => ({ DeviceId: (await offline(ctx, 'light')).DeviceId, EventId: 'low_voltage', Params: '{"voltage":3.1}', Method: 'ReportEventAsDevice', EventTimeStamp: ctx.sandbox.options.clock() }),
      code: NOT_CONNECTED,
    },
  },
  {
    action: 'AppSigBindDeviceInFamily',
    request: (ctx) => sigBindRequest(ctx.sandbox, 'light', ctx.homeId),
    negative: {
      what: 'a DeviceTimestamp from an hour ago',
      request: (ctx) => sigBindRequest(ctx.sandbox, 'light', ctx.homeId, { DeviceTimestamp: Math.floor(ctx.sandbox.options.clock() / 1000) - 3600 }),
      code: NOT_CONNECTED,
    },
  },
  {
    action: 'AppSigGatewayBindDevice',
    request: (ctx) => gatewayBindRequest(ctx.sandbox, home(ctx, 'gateway').DeviceId),
    negative: {
      what: 'a wrong dynamic signature',
      request: (ctx) => ({ ...gatewayBindRequest(ctx.sandbox, home(ctx, 'gateway').DeviceId), Signature: 'YZGf0E0000WGUEJGn+SxUf23HYA=' }),
      code: 'InvalidParameterValue.BindDeviceSigMismatch',
    },
  },
  {
    action: 'AppGatewayUnbindDevice',
    request: async (ctx) => {
      const { GatewayProductId, GatewayDeviceName, ProductId, DeviceName } = await subDevice(ctx, true)
      return { GatewayProductId, GatewayDeviceName, ProductId, DeviceName }
    },
    negative: {
      what: 'a gateway that is not one',
      request: async (ctx) => ({
        ...(await subDevice(ctx, false)),
        GatewayProductId: home(ctx, 'light').ProductId,
        GatewayDeviceName: home(ctx, 'light').DeviceName,
      }),
      code: 'UnsupportedOperation.DeviceType',
    },
  },
]

const controlCases: ConformanceCase[] = [
  {
    action: 'AppControlDeviceData',
    // The example's extra "AppId" is sent too.
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'light')
      return { AppId: 1111, ProductId, DeviceName, Data: '{"power_switch":0}' }
    },
    negative: {
      what: 'an offline device (sandbox choice: FailedOperation.DeviceOffline)',
      request: async (ctx) => {
        const { ProductId, DeviceName } = await offline(ctx, 'light')
        return { ProductId, DeviceName, Data: '{"power_switch":0}' }
      },
      code: 'FailedOperation.DeviceOffline',
    },
  },
  {
    action: 'AppCallDeviceActionSync',
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'light')
      return { ProductId, DeviceName, ActionId: 'blink', InputParams: '{"times":3}' }
    },
    negative: {
      what: 'an action the product does not have',
      request: (ctx) => ({ ...home(ctx, 'light'), DeviceId: undefined, ActionId: 'actionid', InputParams: '{"color":6}' }),
      code: INVALID,
    },
  },
  {
    action: 'AppCallDeviceActionAsync',
    request: async (ctx) => {
      const { ProductId, DeviceName } = await fresh(ctx, 'camera')
      return { ProductId, DeviceName, ActionId: 'ptz_control', InputParams: '{"direction":2,"step":3}' }
    },
    negative: { what: 'missing ActionId', request: (ctx) => ({ ...home(ctx, 'light'), DeviceId: undefined, InputParams: '{"times":1}' }), code: MISSING },
  },
]

export const DEVICES_CASES: ConformanceCase[] = [...bindingCases, ...managementCases, ...controlCases]
