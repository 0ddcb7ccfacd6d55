/**
 * A tiny client for the sandbox tests. Its signer is written from the reference on its
 * own (not imported from the sandbox or the app), so a mistake on either side shows.
 */
import { createHmac } from 'node:crypto'
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox, type SandboxOptions } from '../../electron/sandbox'

export type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** 2025-01-01T00:00:00Z: a fixed start so worlds and timestamps are reproducible. */
export const T0 = Date.UTC(2025, 0, 1)

/** A clock tests can move. */
export function testClock(start = T0) {
  let now = start
  return {
    now: () => now,
    advance(ms: number) {
      now += ms
    },
  }
}

export function sign(params: Record<string, unknown>, secret: string): string {
  const text = Object.keys(params)
    .filter((k) => k !== 'Signature' && params[k] !== '' && params[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k.replace(/_/g, '.')}=${String(params[k])}`)
    .join('&')
  return createHmac('sha1', secret).update(text).digest('base64')
}

let nonce = 1000
let requestSerial = 0

export function nextRequestId(): string {
  requestSerial += 1
  return `test-${requestSerial}`
}

export async function post(url: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Json }
}

/** Signed appapi call; `overrides` replace common params (after signing unless `presigned`). */
export async function appapi(
  sb: RunningSandbox,
  action: string,
  params: Record<string, unknown>,
  opts: { timestamp?: number; nonce?: number; secret?: string; appKey?: string; requestId?: string } = {},
): Promise<Json> {
  const body: Record<string, unknown> = {
    Action: action,
    RequestId: opts.requestId ?? nextRequestId(),
    AppKey: opts.appKey ?? sb.appKey,
    Timestamp: opts.timestamp ?? Math.floor(sb.options.clock() / 1000),
    Nonce: opts.nonce ?? (nonce += 1),
    ...params,
  }
  body.Signature = sign(body, opts.secret ?? sb.appSecret)
  return (await post(`${sb.baseUrl}/appapi`, body)).json
}

export async function tokenapi(sb: RunningSandbox, token: string, action: string, params: Record<string, unknown> = {}): Promise<Json> {
  const body = { Action: action, RequestId: nextRequestId(), AccessToken: token, ...params }
  return (await post(`${sb.baseUrl}/tokenapi`, body)).json
}

/** Signs in as the demo account by e-mail; returns the token. */
export async function signIn(sb: RunningSandbox, email = DEMO_ACCOUNT.email, password = DEMO_ACCOUNT.password): Promise<string> {
  const json = await appapi(sb, 'AppGetToken', { Type: 'email', Email: email, Password: password })
  const token = json.Response?.Data?.Token ?? json.data?.Data?.Token
  if (typeof token !== 'string') throw new Error(`sign-in failed: ${JSON.stringify(json)}`)
  return token
}

export function errorCode(json: Json): string | undefined {
  return json.Response?.Error?.Code ?? json.data?.Error?.Code
}

export async function withSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, ...options })
}
