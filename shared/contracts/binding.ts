/**
 * Adding devices to a home: the Wi-Fi configuration token flow, signature binding with the
 * device's signed payload, gateway sub-devices, and the WeChat ticket a WeChat device needs.
 * Moving a bound device between rooms is the home domain's (home.moveDevice).
 */
import { z } from 'zod'
import { MAX_SIGN_PAYLOAD_LENGTH } from '../binding/sign-payload'
import { changed, command, contract, deviceId, id, noArgs } from './define'

/** A Wi-Fi configuration token as AppCreateDeviceBindToken hands them out. */
export const bindToken = id.regex(/^[A-Za-z0-9]+$/, 'a bind token is letters and digits')
/** The device's signed payload as pasted or scanned (shared/binding/sign-payload.ts reads it). */
export const signPayloadText = z.string().max(MAX_SIGN_PAYLOAD_LENGTH * 2)

/** waiting: the device has not reported the token yet (State 1); used: it has (State 2). */
export const tokenStateSchema = z.enum(['waiting', 'used'])
export type TokenState = z.infer<typeof tokenStateSchema>

/** Where a device landed: the home and room the cloud put it in. */
export const boundDeviceSchema = z.object({ deviceId: z.string(), familyId: z.string(), roomId: z.string(), requestId: z.string() })
export type BoundDevice = z.infer<typeof boundDeviceSchema>

/** A sub-device joined to a gateway; `inHome` once it is in the gateway's home (BindStatus 1). */
export const gatewaySubDeviceSchema = z.object({
  deviceId: z.string(),
  productId: z.string(),
  deviceName: z.string(),
  aliasName: z.string(),
  inHome: z.boolean(),
})
export type GatewaySubDevice = z.infer<typeof gatewaySubDeviceSchema>

export const wechatTicketSchema = z.object({ deviceId: z.string(), sn: z.string(), snTicket: z.string(), modelId: z.string(), requestId: z.string() })
export type WechatTicket = z.infer<typeof wechatTicketSchema>

export const bindingContract = contract({
  /** A new Wi-Fi configuration token to hand to the device (AppCreateDeviceBindToken). */
  'binding.createToken': command(noArgs, z.object({ token: z.string(), requestId: z.string() })),
  /** Whether the device has reported the token yet (AppGetDeviceBindTokenState); the renderer polls it. */
  'binding.tokenState': command(z.object({ token: bindToken }).strict(), z.object({ state: tokenStateSchema })),
  /** Binds the device that reported the token into the room (AppTokenBindDeviceFamily). */
  'binding.bindWithToken': command(z.object({ familyId: id, roomId: id, token: bindToken, deviceId }).strict(), boundDeviceSchema),
  /** Checks the device's signed payload, then binds it into the room (AppSigBindDeviceInFamily). */
  'binding.bindWithSignature': command(z.object({ familyId: id, roomId: id, payload: signPayloadText }).strict(), boundDeviceSchema),
  /** The gateway's sub-devices of one product, in the home or waiting (AppGetGatewayBindDeviceList). */
  'binding.gatewayDevices': command(z.object({ gatewayId: deviceId, productId: id }).strict(), z.array(gatewaySubDeviceSchema)),
  /** Joins a sub-device to the gateway with its signed payload (AppSigGatewayBindDevice). */
  'binding.joinGateway': command(z.object({ gatewayId: deviceId, payload: signPayloadText }).strict(), z.object({ deviceId: z.string(), requestId: z.string() })),
  /** Adds a sub-device of the gateway to the gateway's home, default room (AppBindSubDeviceInFamily). */
  'binding.addSubDevice': command(z.object({ gatewayId: deviceId, deviceId }).strict(), boundDeviceSchema),
  /** Takes a sub-device off its gateway, and so out of its home (AppGatewayUnbindDevice): it cannot be undone. */
  'binding.leaveGateway': command(z.object({ gatewayId: deviceId, deviceId }).strict(), changed),
  /** The WeChat device ticket a WeChat device needs to be registered (APPGetWechatDeviceTicket). */
  'binding.wechatTicket': command(z.object({ deviceId }).strict(), wechatTicketSchema),
})
