/**
 * The long connection against the reference (seed 6967-7340): ActivePush, the heartbeat
 * (YunApi AppDeviceTraceHeartBeat) and DeviceChange pushes, each checked for the printed
 * message shapes with live ids.
 */
import { expect } from 'vitest'
import { decodePayload, WsTestClient } from '../ws-client'
import type { ConformanceContext, WsConformanceCase } from './types'

async function withClient<T>(ctx: ConformanceContext, use: (client: WsTestClient) => Promise<T>): Promise<T> {
  const client = await WsTestClient.connect(ctx.sandbox.wsUrl)
  try {
    return await use(client)
  } finally {
    client.close()
  }
}

/** Two online lights of the demo home. */
function onlineLights(ctx: ConformanceContext) {
  const lights = ctx.sandbox.world.devicesIn(ctx.homeId).filter((d) => d.online && ctx.sandbox.world.products.get(d.productId)?.kind === 'light')
  if (lights.length < 2) throw new Error('the demo home has fewer than two online lights')
  return lights as [(typeof lights)[number], (typeof lights)[number]]
}

const ENVELOPE = { reqId: 'req0001', error: '', error_message: '' }

const activePush: WsConformanceCase = {
  action: 'ActivePush',
  check: (ctx) =>
    withClient(ctx, async (client) => {
      const ids = [ctx.device('light').deviceId, ctx.device('sensor').deviceId]
      const answer = await client.request('ActivePush', { DeviceIds: ids, AccessToken: ctx.token }, 'req0001')
      expect(answer).toEqual({ ...ENVELOPE, data: { deviceIds: ids } })
    }),
  negative: {
    what: 'an invalid AccessToken (empty deviceIds, as the failure example)',
    check: (ctx) =>
      withClient(ctx, async (client) => {
        const answer = await client.request('ActivePush', { DeviceIds: [ctx.device('light').deviceId], AccessToken: 'f6*****3aad' }, 'req0001')
        expect(answer).toMatchObject({ ...ENVELOPE, data: { deviceIds: [] } })
        expect(answer.data.Response.Error.Code).toBe('InvalidParameterValue.InvalidAccessToken')
      }),
  },
}

const heartbeat: WsConformanceCase = {
  action: 'AppDeviceTraceHeartBeat',
  check: (ctx) =>
    withClient(ctx, async (client) => {
      const ids = [ctx.device('light').deviceId]
      await client.activePush(ctx.token, ids)
      const answer = await client.request('YunApi', {
        Action: 'AppDeviceTraceHeartBeat',
        ActionParams: { DeviceIds: ids, AccessToken: ctx.token, RequestId: 'rest-client' },
      }, 'req0001')
      expect(answer).toEqual({ ...ENVELOPE, data: { Response: { RequestId: 'rest-client' } } })
    }),
  negative: {
    what: "a product outside the app's studio (the logic-error example's code)",
    check: (ctx) =>
      withClient(ctx, async (client) => {
        const answer = await client.request('YunApi', {
          Action: 'AppDeviceTraceHeartBeat',
          ActionParams: { DeviceIds: ['NOTMINE000/device'], AccessToken: ctx.token, RequestId: 'rest-client' },
        }, 'req0001')
        expect(answer).toMatchObject(ENVELOPE)
        expect(answer.data.Response).toEqual({
          Error: { Code: 'UnauthorizedOperation.APPNoPermissionToStudioProduct', Message: expect.any(String) },
          RequestId: 'rest-client',
        })
      }),
  },
}

const deviceChange: WsConformanceCase = {
  action: 'DeviceChange',
  check: (ctx) =>
    withClient(ctx, async (client) => {
      const light = ctx.device('light')
      await client.activePush(ctx.token, [light.deviceId])
      await ctx.ok('AppControlDeviceData', { ProductId: light.productId, DeviceName: light.deviceName, Data: '{"power_switch":0}' })
      const push = await client.waitForPush((p) => p.params.DeviceId === light.deviceId && p.params.Type === 'Template')
      expect(Object.keys(push).sort()).toEqual(['action', 'params', 'push'])
      expect(push).toMatchObject({ action: 'DeviceChange', push: true })
      expect(Object.keys(push.params).sort()).toEqual(['DeviceId', 'Payload', 'Seq', 'SubType', 'Time', 'Topic', 'Type'])
      expect(push.params).toMatchObject({ Type: 'Template', SubType: 'Push', Topic: '', DeviceId: light.deviceId })
      expect(push.params.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
      expect(push.params.Seq).toBeTypeOf('number')
      expect(decodePayload(push)).toMatchObject({ method: 'control', clientToken: expect.any(String), params: { power_switch: 0 } })
      const report = await client.waitForPush((p) => p.params.DeviceId === light.deviceId && p.params.Type === 'Property')
      expect(report.params.Topic).toBe(`$thing/up/property/${light.deviceId}`)
      expect(report.params.Seq).toBeGreaterThan(push.params.Seq)
    }),
  negative: {
    what: 'a device not subscribed on the connection (no push)',
    check: (ctx) =>
      withClient(ctx, async (client) => {
        const [light, other] = onlineLights(ctx)
        await client.activePush(ctx.token, [other.deviceId])
        await ctx.ok('AppControlDeviceData', { ProductId: light.productId, DeviceName: light.deviceName, Data: '{"power_switch":1}' })
        await ctx.ok('AppControlDeviceData', { ProductId: other.productId, DeviceName: other.deviceName, Data: '{"power_switch":1}' })
        // Pushes go out in order: once the subscribed light's arrives, the other's would have.
        await client.waitForPush((p) => p.params.DeviceId === other.deviceId && p.params.Type === 'Template')
        expect(client.pushes.filter((p) => p.params.DeviceId === light.deviceId)).toEqual([])
      }),
  },
}

export const WEBSOCKET_CASES: WsConformanceCase[] = [activePush, heartbeat, deviceChange]
