import { ApiError } from './api-error'

/** A successful answer, whichever envelope it came in. */
export interface CloudReply {
  /** The action's fields, flattened out of Response / Response.Data / data. */
  data: Record<string, unknown>
  requestId: string
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads both envelopes: the reference's `{Response: {...}}` (fields flat, under Data, under
 * lower-case data, or with no Response at all) and production's `{code, msg, data}`.
 * Throws ApiError for a cloud error or an answer that is neither.
 */
export function readEnvelope(body: unknown, action: string, sentRequestId: string): CloudReply {
  if (!isObject(body)) throw ApiError.malformed(action, sentRequestId, `not a JSON object but ${describe(body)}`)
  if (typeof body.code === 'number' && 'data' in body) return readWrapped(body, action, sentRequestId)
  if ('Response' in body && !isObject(body.Response)) {
    throw ApiError.malformed(action, sentRequestId, `Response is ${describe(body.Response)}, not an object`)
  }
  const response = isObject(body.Response) ? withVerdictBeside(body, body.Response) : body
  return readResponse(response, action, sentRequestId)
}

/**
 * Six of the music examples print ErrorCode/ErrorMsg after Response's closing brace: the
 * music layer's verdict is read there too when Response does not carry its own.
 */
function withVerdictBeside(body: Json, response: Json): Json {
  const beside: Json = {}
  for (const key of ['ErrorCode', 'ErrorMsg']) if (key in body && !(key in response)) beside[key] = body[key]
  return Object.keys(beside).length ? { ...response, ...beside } : response
}

function readWrapped(body: Json, action: string, sentRequestId: string): CloudReply {
  if (body.data !== null && !isObject(body.data)) {
    throw ApiError.malformed(action, sentRequestId, `data is ${describe(body.data)}, not an object`)
  }
  const data = isObject(body.data) ? body.data : {}
  const inner = isObject(data.Response) ? data.Response : data
  if (body.code !== 0 && !isObject(inner.Error)) {
    throw new ApiError({
      kind: 'api',
      code: String(body.code),
      message: typeof body.msg === 'string' && body.msg ? body.msg : `The cloud answered code ${String(body.code)}`,
      requestId: requestIdOf(inner) || sentRequestId,
      action,
    })
  }
  return readResponse(inner, action, sentRequestId)
}

function readResponse(response: Json, action: string, sentRequestId: string): CloudReply {
  const requestId = requestIdOf(response) || sentRequestId
  const error = response.Error
  if (error !== undefined && error !== null) {
    // An Error that is not {Code: string, ...} is not a success either: say so rather than read it as empty.
    if (!isObject(error) || typeof error.Code !== 'string') {
      throw ApiError.malformed(action, requestId, `Error is ${describe(error)}, not an object with a string Code`)
    }
    const { Code, Message } = error
    throw new ApiError({
      kind: 'api',
      code: Code || 'UnknownError',
      message: typeof Message === 'string' && Message ? Message : 'The cloud reported an error without a message.',
      requestId,
      action,
    })
  }
  return { data: flatten(response), requestId }
}

/** Merges an object under Data/data into the top level; a scalar Data stays as `Data`. */
function flatten(response: Json): Json {
  const { RequestId: _requestId, Data, data, ...rest } = response
  const payload = Data !== undefined ? Data : data
  if (isObject(payload)) {
    const { RequestId: _inner, ...fields } = payload
    return { ...rest, ...fields }
  }
  return payload === undefined ? rest : { ...rest, Data: payload }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (isObject(value)) return 'an object without a string Code'
  return `a ${typeof value}`
}

function requestIdOf(response: Json): string {
  for (const holder of [response, response.Data, response.data]) {
    if (isObject(holder) && typeof holder.RequestId === 'string' && holder.RequestId) return holder.RequestId
  }
  return ''
}
