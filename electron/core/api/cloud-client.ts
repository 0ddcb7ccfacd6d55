import { randomInt, randomUUID } from 'node:crypto'
import { LocalCode } from '../../../shared/errors'
import { ApiError } from './api-error'
import { fetchBounded, MAX_RESPONSE_BYTES, type BoundedAnswer } from './bounded-fetch'
import { callDeadline } from './call-deadline'
import { readEnvelope, type CloudReply } from './envelope'
import { signAppApi } from './signature'

export type Params = Record<string, unknown>

export interface CallOptions {
  signal?: AbortSignal
  timeoutMs?: number
  /** A RequestId chosen by the caller, so it can be stored before the call goes out (rollouts). */
  requestId?: string
}

export interface CloudClientOptions {
  /** API base ending in `/api/exploreropen`. */
  baseUrl: string
  appKey?: string
  appSecret?: string
  fetch?: typeof fetch
  timeoutMs?: number
  /** Largest answer read, after decompression (default 16 MiB). */
  maxResponseBytes?: number
  /** Milliseconds since the epoch; injected for tests. */
  now?: () => number
  newRequestId?: () => string
  newNonce?: () => number
}

const DEFAULT_TIMEOUT_MS = 15_000

/** Talks to one cloud: signed `appapi` calls before sign-in, `tokenapi` calls after. */
export class CloudClient {
  private readonly options: Required<Omit<CloudClientOptions, 'appKey' | 'appSecret'>> &
    Pick<CloudClientOptions, 'appKey' | 'appSecret'>

  constructor(options: CloudClientOptions) {
    this.options = {
      ...options,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
      now: options.now ?? Date.now,
      newRequestId: options.newRequestId ?? randomUUID,
      newNonce: options.newNonce ?? (() => randomInt(1, 2 ** 31 - 1)),
    }
  }

  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** A signed pre-login call (AppGetToken, AppGetTokenByWeiXin). */
  async callAppApi(action: string, params: Params, call: CallOptions = {}): Promise<CloudReply> {
    const { appKey, appSecret } = this.options
    if (!appKey || !appSecret) {
      throw new ApiError({
        kind: 'config',
        code: LocalCode.ProfileIncomplete,
        message: 'This profile has no AppKey and AppSecret, which signing in needs.',
        action,
      })
    }
    const body: Params = {
      ...params,
      Action: action,
      RequestId: this.options.newRequestId(),
      AppKey: appKey,
      Timestamp: Math.floor(this.options.now() / 1000),
      Nonce: this.options.newNonce(),
    }
    body.Signature = signAppApi(body as Record<string, string | number>, appSecret)
    return this.post('appapi', action, body, call)
  }

  /** A call on behalf of a signed-in user. */
  async callTokenApi(action: string, params: Params, accessToken: string, call: CallOptions = {}): Promise<CloudReply> {
    const body: Params = { ...params, Action: action, RequestId: call.requestId ?? this.options.newRequestId(), AccessToken: accessToken }
    return this.post('tokenapi', action, body, call)
  }

  private async post(endpoint: 'appapi' | 'tokenapi', action: string, body: Params, call: CallOptions): Promise<CloudReply> {
    const requestId = String(body.RequestId)
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs
    const deadline = callDeadline(timeoutMs, call.signal)
    let answer: BoundedAnswer
    try {
      answer = await fetchBounded(
        `${this.options.baseUrl}/${endpoint}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: deadline.signal },
        { fetch: this.options.fetch, action, requestId, maxBytes: this.options.maxResponseBytes },
      )
    } catch (cause) {
      throw transportError(cause, { action, requestId, timeoutMs, timedOut: deadline.timedOut })
    } finally {
      deadline.release()
    }
    return readEnvelope(parseBody(answer.text, answer.status, action, requestId), action, requestId)
  }
}

/** JSON, or a typed error: an HTTP error page, an HTML page, an empty or cut-off body. */
export function parseBody(text: string, status: number, action: string, requestId: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    if (status >= 400) {
      throw new ApiError({ kind: 'network', code: `HTTP ${status}`, message: `The cloud answered HTTP ${status}.`, requestId, action })
    }
    const detail = text.trim() === '' ? 'the body is empty' : /^\s*</.test(text) ? 'the body is an HTML page, not JSON' : 'the body is not JSON'
    throw ApiError.malformed(action, requestId, detail)
  }
}

function transportError(
  cause: unknown,
  context: { action: string; requestId: string; timeoutMs: number; timedOut: boolean },
): ApiError {
  const { action, requestId } = context
  if (cause instanceof ApiError) return cause
  if (context.timedOut) {
    return new ApiError({ kind: 'timeout', code: LocalCode.Timeout, message: `No answer within ${context.timeoutMs / 1000} s.`, requestId, action })
  }
  if (cause instanceof Error && cause.name === 'AbortError') {
    return new ApiError({ kind: 'cancelled', code: LocalCode.Cancelled, message: 'The call was cancelled.', requestId, action })
  }
  const detail = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)
  return new ApiError({ kind: 'network', code: LocalCode.NetworkError, message: `Could not reach the cloud: ${detail}`, requestId, action })
}
