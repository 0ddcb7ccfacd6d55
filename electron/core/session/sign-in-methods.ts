import type { SignInCredentials } from '../../../shared/contracts'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import { readAnswer } from '../api/answers/read'
import { tokenShape } from '../api/answers/session'
import { fetchBounded, type BoundedAnswer } from '../api/bounded-fetch'
import { callDeadline } from '../api/call-deadline'
import { parseBody, type CallOptions, type CloudClient, type Params } from '../api/cloud-client'
import type { StoredProfile } from './profiles'

export interface IssuedToken {
  token: string
  /** Unix seconds; 0 when unknown. */
  expireAt: number
}

export type PasswordCredentials = Exclude<SignInCredentials, { method: 'token' }>

/**
 * Gets an AccessToken the way the profile says: signed here with AppKey/AppSecret, from
 * the organisation's token broker, or pasted (checked with one harmless call).
 */
export async function acquireToken(
  profile: StoredProfile,
  client: CloudClient,
  credentials: SignInCredentials,
  options: { fetch?: typeof fetch; call?: CallOptions } = {},
): Promise<IssuedToken> {
  if (credentials.method === 'token') return checkPastedToken(client, credentials.accessToken, credentials.expireAt ?? 0, options.call)
  const [action, params] = signInRequest(credentials)
  if (profile.credentialMode === 'token-broker') return askBroker(profile.brokerUrl, action, params, options)
  const reply = await client.callAppApi(action, params, options.call)
  const { Token, ExpireAt } = readAnswer(tokenShape, reply, action)
  return { token: Token, expireAt: ExpireAt }
}

async function checkPastedToken(client: CloudClient, token: string, expireAt: number, call?: CallOptions): Promise<IssuedToken> {
  await client.callTokenApi('AppGetFamilyList', { Offset: 0, Limit: 1 }, token, call)
  return { token, expireAt }
}

/**
 * The broker contract (README): POST the business parameters of AppGetToken /
 * AppGetTokenByWeiXin as JSON with `Action`; it answers `{Token, ExpireAt}` (also inside
 * `Response`/`data`), or `{Error: {Code, Message}}` with any status.
 */
async function askBroker(brokerUrl: string, action: string, params: Params, options: { fetch?: typeof fetch; call?: CallOptions }): Promise<IssuedToken> {
  if (!brokerUrl) {
    throw new ApiError({ kind: 'config', code: LocalCode.ProfileIncomplete, message: 'This profile has no token broker URL.', action })
  }
  const timeoutMs = options.call?.timeoutMs ?? 15_000
  const deadline = callDeadline(timeoutMs, options.call?.signal)
  let answer: BoundedAnswer
  try {
    answer = await fetchBounded(
      brokerUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Action: action, ...params }),
        signal: deadline.signal,
      },
      { fetch: options.fetch ?? globalThis.fetch, action },
    )
  } catch (cause) {
    if (cause instanceof ApiError) throw cause
    const timedOut = deadline.timedOut
    const detail = timedOut ? `no answer within ${timeoutMs / 1000} s` : cause instanceof Error ? cause.message : String(cause)
    throw new ApiError({ kind: timedOut ? 'timeout' : 'network', code: timedOut ? LocalCode.Timeout : LocalCode.NetworkError, message: `The token broker could not be reached: ${detail}`, action })
  } finally {
    deadline.release()
  }
  const answerBody = unwrap(parseBody(answer.text, answer.status, action, ''), action)
  const error = answerBody.Error
  if (error !== undefined && error !== null) {
    if (!isObject(error) || typeof error.Code !== 'string') throw ApiError.malformed(action, '', 'the broker\'s Error is not an object with a string Code')
    const message = typeof error.Message === 'string' && error.Message ? error.Message : 'The token broker refused the sign-in.'
    throw new ApiError({ kind: 'api', code: error.Code || 'BrokerError', message, action })
  }
  const { Token, ExpireAt } = readAnswer(tokenShape, { data: answerBody, requestId: '' }, action)
  return { token: Token, expireAt: ExpireAt }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function unwrap(body: unknown, action: string): Record<string, unknown> {
  if (!isObject(body)) throw ApiError.malformed(action, '', 'the token broker did not answer a JSON object')
  let value = body
  for (const key of ['Response', 'data', 'Data']) {
    const inner = value[key]
    if (isObject(inner)) value = inner
  }
  return value
}

export function signInRequest(credentials: PasswordCredentials): [string, Params] {
  switch (credentials.method) {
    case 'email':
      return ['AppGetToken', { Type: 'email', Email: credentials.email, Password: credentials.password }]
    case 'phone':
      return [
        'AppGetToken',
        { Type: 'phone', CountryCode: credentials.countryCode, PhoneNumber: credentials.phoneNumber, Password: credentials.password },
      ]
    case 'wechat':
      // The table spells it Nickname, the example NickName; the example is what clients send.
      return ['AppGetTokenByWeiXin', { WxOpenID: credentials.wxOpenId, NickName: credentials.nickname, Avatar: credentials.avatar }]
  }
}

export function accountName(credentials: SignInCredentials): string {
  switch (credentials.method) {
    case 'email':
      return credentials.email
    case 'phone':
      return `+${credentials.countryCode} ${credentials.phoneNumber}`
    case 'wechat':
      return credentials.nickname
    case 'token':
      return credentials.label
  }
}
