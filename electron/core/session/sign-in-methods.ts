import type { SignInCredentials } from '../../../shared/contracts'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from '../api/api-error'
import type { CallOptions, CloudClient, Params } from '../api/cloud-client'
import { readAnswer } from '../api/answers/read'
import { tokenShape } from '../api/answers/session'
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
  const doFetch = options.fetch ?? globalThis.fetch
  let body: unknown
  try {
    const response = await doFetch(brokerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Action: action, ...params }),
      signal: options.call?.signal ?? AbortSignal.timeout(options.call?.timeoutMs ?? 15_000),
    })
    body = await response.json()
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    throw new ApiError({ kind: 'network', code: LocalCode.NetworkError, message: `The token broker could not be reached: ${detail}`, action })
  }
  const answer = unwrap(body)
  const error = answer.Error as { Code?: string; Message?: string } | undefined
  if (error) throw new ApiError({ kind: 'api', code: error.Code || 'BrokerError', message: error.Message || 'The token broker refused the sign-in.', action })
  const { Token, ExpireAt } = readAnswer(tokenShape, { data: answer, requestId: '' }, action)
  return { token: Token, expireAt: ExpireAt }
}

function unwrap(body: unknown): Record<string, unknown> {
  let value = body
  for (const key of ['Response', 'data', 'Data']) {
    const inner = (value as Record<string, unknown> | null)?.[key]
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) value = inner
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
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
