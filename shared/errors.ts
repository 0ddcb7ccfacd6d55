/**
 * The one error shape that crosses the bridge. `kind` says what went wrong in a way the
 * renderer can act on; `code`/`requestId`/`action` are the cloud's own, for quoting to
 * the cloud team.
 */
export type ErrorKind =
  | 'api' // the cloud answered with Response.Error
  | 'validation' // bridge arguments or a cloud response failed validation
  | 'network' // could not reach the cloud
  | 'timeout'
  | 'cancelled'
  | 'session' // no session, or it ended (expired, revoked)
  | 'config' // a profile lacks what it needs (AppKey, base URL)
  | 'internal'

export interface BridgeError {
  kind: ErrorKind
  code: string
  message: string
  requestId?: string
  action?: string
  /** Per-field problems, for 'validation'. */
  issues?: { path: string; message: string }[]
}

export type BridgeResult<T> = { ok: true; result: T } | { ok: false; error: BridgeError }

/** Error codes the app itself raises (cloud codes pass through as the cloud sent them). */
export const LocalCode = {
  InvalidArguments: 'Desk.InvalidArguments',
  UnknownCommand: 'Desk.UnknownCommand',
  UnknownAction: 'Desk.UnknownAction',
  NotSignedIn: 'Desk.NotSignedIn',
  SessionExpired: 'Desk.SessionExpired',
  ProfileNotFound: 'Desk.ProfileNotFound',
  ProfileIncomplete: 'Desk.ProfileIncomplete',
  MalformedResponse: 'Desk.MalformedResponse',
  NetworkError: 'Desk.NetworkError',
  Timeout: 'Desk.Timeout',
  Cancelled: 'Desk.Cancelled',
  Internal: 'Desk.Internal',
  /** A device's signed binding payload that is malformed or expired (shared/binding/sign-payload.ts). */
  InvalidSignPayload: 'Desk.InvalidSignPayload',
  /** The host cannot do this (a browser cannot open a folder or show a save dialog). */
  HostUnsupported: 'Desk.HostUnsupported',
  /** The update server could not be reached. */
  UpdateUnreachable: 'Desk.UpdateUnreachable',
  /** The update server answered something that is not a valid update description. */
  UpdateInvalid: 'Desk.UpdateInvalid',
} as const

export function isBridgeError(value: unknown): value is BridgeError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BridgeError).kind === 'string' &&
    typeof (value as BridgeError).code === 'string' &&
    typeof (value as BridgeError).message === 'string'
  )
}
