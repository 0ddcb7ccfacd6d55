/**
 * Response envelopes. 'documented' answers each action the way the reference's success
 * example does (the shapes differ between sections, see SuccessShape); 'wrapped' answers
 * the way Tencent's production endpoints do as read by its official clients:
 * `{code: 0, msg: "", data: <what documented mode puts under Response>}` - the iOS app
 * reads AppGetTokenByWeiXin's token at data.Data.Token, the Android SDK parses
 * AppGetDeviceData's data.Data string.
 */
import type { EnvelopeMode } from '../options'

/**
 * Where an action's success example puts its fields:
 * - 'flat': `{Response: {...fields, RequestId}}` (most actions);
 * - 'data': `{Response: {Data: {...fields}, RequestId}}` (AppGetTokenByWeiXin, AppDescribeFamily, ...).
 * - 'dataWithRequestId': `{Response: {Data: {...fields, RequestId}}}` (AppCreateDeviceBindToken,
 *   AppGetDeviceBindTokenState, AppTokenBindDeviceFamily, APPGetWechatDeviceTicket);
 * - 'lowerData': `{Response: {data: {...fields}, RequestId}}` (AppSigBindDeviceInFamily);
 * - 'bare': `{...fields, RequestId}` with no Response at all (AppGetDeviceExtInfo).
 * Wrapped mode puts under `data` what documented mode puts under Response (for 'bare', the
 * fields themselves).
 */
export type SuccessShape = 'flat' | 'data' | 'dataWithRequestId' | 'lowerData' | 'bare'

export type Payload = Record<string, unknown>

/** The non-zero `code` of a wrapped error; production's values are not documented. */
export const WRAPPED_ERROR_CODE = 1

export function successBody(mode: EnvelopeMode, shape: SuccessShape, requestId: string, payload: Payload): unknown {
  const response = responseOf(shape, requestId, payload)
  if (mode === 'wrapped') return { code: 0, msg: '', data: response }
  return shape === 'bare' ? response : { Response: response }
}

function responseOf(shape: SuccessShape, requestId: string, payload: Payload): Payload {
  switch (shape) {
    case 'data': return { Data: payload, RequestId: requestId }
    case 'dataWithRequestId': return { Data: { ...payload, RequestId: requestId } }
    case 'lowerData': return { data: payload, RequestId: requestId }
    case 'flat':
    case 'bare': return { ...payload, RequestId: requestId }
  }
}

export function errorBody(mode: EnvelopeMode, requestId: string, code: string, message: string): unknown {
  const response = { Error: { Code: code, Message: message }, RequestId: requestId }
  return mode === 'wrapped' ? { code: WRAPPED_ERROR_CODE, msg: message, data: response } : { Response: response }
}
