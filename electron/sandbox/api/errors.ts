/**
 * Error codes the sandbox answers with. Codes the reference's error tables list are used
 * as printed; the few failures the reference never documents (signature checks, replay,
 * sign-in by password) get codes chosen here, marked "sandbox choice" below, so a client
 * can tell them apart and show a readable message.
 */
export const ErrorCode = {
  // Listed by the reference's tables (AppGetTokenByWeiXin, AppLogoutUser and others).
  InvalidAction: 'InvalidAction',
  RequiredParamNotFound: 'ErrorRequiredParamNotFound',
  InvalidParameterValue: 'InvalidParameterValue',
  InvalidJSON: 'InvalidParameterValue.InvalidJSON',
  InvalidAccessToken: 'InvalidParameterValue.InvalidAccessToken',
  NickNameLengthInvalid: 'InvalidParameterValue.NickNameLengthInvalid',
  InternalServerError: 'InternalServerError',
  /** "The user has no permission for the device" (21 tables). */
  NoPermissionToDevice: 'InvalidParameterValue.NoPermission',
  /** "No permission to operate this family" (binding/gateway tables). */
  NoPermissionToFamily: 'UnauthorizedOperation.NoPermissionToFamily',
  FamilyNotExist: 'ResourceNotFound.StudioFamilyNotExist',
  DeviceNotExist: 'ResourceNotFound.DeviceNotExist',
  /** The reference's AppGetTokenByWeiXin failure example ("account does not exist"). */
  UserNotExists: 'InvalidParameterValue.ErrorUserNotExists',

  // Sandbox choices: the reference documents no code for these failures.
  /** AppKey unknown to this cloud. */
  InvalidAppKey: 'InvalidParameterValue.InvalidAppKey',
  /** Signature does not match the AppSecret over the canonical string. */
  InvalidSignature: 'InvalidParameterValue.InvalidSignature',
  /** Timestamp further than the allowed skew from the cloud's clock (either side). */
  InvalidTimestamp: 'InvalidParameterValue.InvalidTimestamp',
  /** The (Timestamp, Nonce) pair was already used by this AppKey. */
  DuplicateNonce: 'InvalidParameterValue.DuplicateNonce',
  /** AppGetToken with a known account and a wrong password. */
  PasswordError: 'InvalidParameterValue.PasswordError',
} as const

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

/** A failure an action reports to its caller; rendered as Response.Error {Code, Message}. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function invalidParam(message: string): ApiError {
  return new ApiError(ErrorCode.InvalidParameterValue, message)
}

export function missingParam(name: string): ApiError {
  return new ApiError(ErrorCode.RequiredParamNotFound, `Required parameter ${name} is missing.`)
}
