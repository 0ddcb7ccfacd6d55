import { LocalCode, type BridgeError, type ErrorKind } from '../../../shared/errors'

/** Every failure of a cloud call: the cloud's own error, or why the call never got one. */
export class ApiError extends Error {
  readonly kind: ErrorKind
  readonly code: string
  readonly requestId: string
  readonly action: string

  constructor(fields: { kind: ErrorKind; code: string; message: string; requestId?: string; action?: string }) {
    super(fields.message)
    this.name = 'ApiError'
    this.kind = fields.kind
    this.code = fields.code
    this.requestId = fields.requestId ?? ''
    this.action = fields.action ?? ''
  }

  toBridgeError(): BridgeError {
    const error: BridgeError = { kind: this.kind, code: this.code, message: this.message }
    if (this.requestId) error.requestId = this.requestId
    if (this.action) error.action = this.action
    return error
  }

  static malformed(action: string, requestId: string, detail: string): ApiError {
    return new ApiError({
      kind: 'validation',
      code: LocalCode.MalformedResponse,
      message: `The cloud's answer to ${action} was not in the expected form: ${detail}`,
      requestId,
      action,
    })
  }
}

/** Codes with which the cloud says the AccessToken is no good any more. */
const TOKEN_CODES = new Set([
  'InvalidParameterValue.InvalidAccessToken',
  'InvalidAccessToken',
  'InvalidParameterValue.AccessTokenExpired',
  'InvalidParameterValue.TokenExpired',
])

export function isTokenRejection(error: unknown): error is ApiError {
  return error instanceof ApiError && error.kind === 'api' && TOKEN_CODES.has(error.code)
}
