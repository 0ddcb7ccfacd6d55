/**
 * Conformance cases of Firmware Upgrade. Each case binds a device of its own (upgrades
 * reboot devices and change their versions), except the negative ones that need an
 * offline device or another user's.
 */
import { NEIGHBOUR_ACCOUNT, PRODUCT_IDS, type RunningSandbox } from '../../../electron/sandbox'
import { bindNew } from '../device-helpers'
import { signIn, tokenapi } from '../helpers'
import type { ConformanceCase, ConformanceContext } from './types'

const NO_PERMISSION = 'InvalidParameterValue.NoPermission'

/** A new light in the demo home, running the oldest firmware of its product. */
async function outdatedLight(ctx: ConformanceContext): Promise<{ ProductId: string; DeviceName: string }> {
  const { ProductId, DeviceName } = await bindNew(ctx.sandbox, ctx.call, 'light', ctx.homeId)
  const oldest = ctx.sandbox.ota.firmwareOf(ProductId)[0]!.version
  await ctx.ok('AppReportFirmwareVersion', { ProductId, DeviceName, Version: oldest })
  return { ProductId, DeviceName }
}

const foreignDevices = new WeakMap<RunningSandbox, Promise<{ ProductId: string; DeviceName: string }>>()

/**
 * A light the neighbour binds into his flat for these cases: never shared with the demo
 * account (other groups' cases share generated flat devices with it).
 */
function foreignDevice(ctx: ConformanceContext): Promise<{ ProductId: string; DeviceName: string }> {
  let device = foreignDevices.get(ctx.sandbox)
  if (!device) {
    const world = ctx.sandbox.world
    const flat = [...world.families.values()].find((f) => f.ownerId === NEIGHBOUR_ACCOUNT.userId && f.name === "Neighbour's flat")
    if (!flat) throw new Error("no neighbour's flat")
    device = signIn(ctx.sandbox, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password)
      .then((token) => bindNew(ctx.sandbox, (action, params) => tokenapi(ctx.sandbox, token, action, params), 'light', flat.familyId))
      .then(({ ProductId, DeviceName }) => ({ ProductId, DeviceName }))
    foreignDevices.set(ctx.sandbox, device)
  }
  return device
}

const newest = (ctx: ConformanceContext, productId: string) => ctx.sandbox.ota.firmwareOf(productId).at(-1)!.version

export const FIRMWARE_CASES: ConformanceCase[] = [
  {
    action: 'AppReportFirmwareVersion',
    request: async (ctx) => {
      const { ProductId, DeviceName } = await bindNew(ctx.sandbox, ctx.call, 'light', ctx.homeId)
      return { Version: ctx.sandbox.ota.firmwareOf(ProductId)[0]!.version, ProductId, DeviceName }
    },
    negative: { what: "another user's device", request: async (ctx) => ({ ...(await foreignDevice(ctx)), Version: '1.0' }), code: NO_PERMISSION },
  },
  {
    action: 'AppCheckFirmwareUpdate',
    request: (ctx) => outdatedLight(ctx),
    negative: { what: "another user's device", request: (ctx) => foreignDevice(ctx), code: NO_PERMISSION },
  },
  {
    action: 'AppGetDeviceOTAInfo',
    request: (ctx) => outdatedLight(ctx),
    negative: {
      what: 'a device already on the newest firmware (no upgrade task)',
      request: async (ctx) => {
        const { ProductId, DeviceName } = await bindNew(ctx.sandbox, ctx.call, 'light', ctx.homeId)
        await ctx.ok('AppReportFirmwareVersion', { ProductId, DeviceName, Version: newest(ctx, ProductId) })
        return { ProductId, DeviceName }
      },
      code: 'ResourceNotFound.DeviceFirmwareTaskNotExist',
    },
  },
  {
    action: 'AppPublishFirmwareUpdateMessage',
    request: (ctx) => outdatedLight(ctx),
    negative: {
      what: 'an offline device',
      request: async (ctx) => {
        const { ProductId, DeviceName, DeviceId } = await bindNew(ctx.sandbox, ctx.call, 'light', ctx.homeId)
        ctx.sandbox.control.setDeviceOnline(DeviceId, false)
        return { ProductId, DeviceName }
      },
      code: 'FailedOperation.DeviceOffline',
    },
  },
  {
    action: 'AppReportOTAStatus',
    // The example's first sample: done, Persent 100, with the newest version of the product.
    request: async (ctx) => {
      const ids = await outdatedLight(ctx)
      return { ...ids, State: 'done', ResultCode: 0, ResultMsg: '', Version: newest(ctx, ids.ProductId), Persent: 100 }
    },
    negative: {
      what: "another user's device",
      request: async (ctx) => ({ ...(await foreignDevice(ctx)), State: 'downloading', ResultCode: 0, ResultMsg: '', Version: '2.0', Persent: 20 }),
      code: NO_PERMISSION,
    },
  },
  {
    action: 'AppDescribeFirmwareUpdateStatus',
    request: (ctx) => outdatedLight(ctx),
    negative: {
      what: 'a DeviceName that makes no DeviceId',
      request: () => ({ ProductId: PRODUCT_IDS.light, DeviceName: 'li/1' }),
      code: 'InvalidParameterValue',
    },
  },
  {
    action: 'AppDescribeFirmware',
    request: () => ({ ProductId: PRODUCT_IDS.light, FirmwareVersion: '1.10.0' }),
    negative: {
      what: 'a version the product has no firmware of',
      request: () => ({ ProductId: PRODUCT_IDS.light, FirmwareVersion: 't.2' }),
      code: 'ResourceNotFound.FirmwareNotExist',
    },
  },
]
