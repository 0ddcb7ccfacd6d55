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
 * Shapes used only by actions not emulated yet (RequestId inside Data, lower-case data,
 * no Response at all) are added with those actions.
 */
export type SuccessShape = 'flat' | 'data'

export type Payload = Record<string, unknown>

/** The non-zero `code` of a wrapped error; production's values are not documented. */
export const WRAPPED_ERROR_CODE = 1

export function successBody(mode: EnvelopeMode, shape: SuccessShape, requestId: string, payload: Payload): unknown {
  const response = shape === 'data' ? { Data: payload, RequestId: requestId } : { ...payload, RequestId: requestId }
  return mode === 'wrapped' ? { code: 0, msg: '', data: response } : { Response: response }
}

export function errorBody(mode: EnvelopeMode, requestId: string, code: string, message: string): unknown {
  const response = { Error: { Code: code, Message: message }, RequestId: requestId }
  return mode === 'wrapped' ? { code: WRAPPED_ERROR_CODE, msg: message, data: response } : { Response: response }
}
