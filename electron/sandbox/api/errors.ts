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
  /** The reference's heartbeat logic-error example: a DeviceId whose product is not this app's. */
  AppNoPermissionToProduct: 'UnauthorizedOperation.APPNoPermissionToStudioProduct',

  // Devices, binding and control (binding, device management, control tables).
  /** AppGetDeviceBindTokenState spells it without "d"... */
  TokenIsExpire: 'InvalidParameterValue.TokenIsExpire',
  /** ...AppTokenBindDeviceFamily with it (docs/api-decisions.md §4.8); each action answers its own spelling. */
  TokenIsExpired: 'InvalidParameterValue.TokenIsExpired',
  TokenNotExist: 'InvalidParameterValue.TokenNotExist',
  /** "Token saving failed": answered when a user holds too many live bind tokens (sandbox choice). */
  TokenInfoSaveError: 'InvalidParameterValue.TokenInfoSaveError',
  /** The bind token is still in its initial state (the device has not reported it yet). */
  TokenNotBind: 'InvalidParameterValue.TokenNotBind',
  /**
   * AppTokenBindDeviceFamily names another device than the one that reported the token
   * (sandbox choice: the reference documents no code; the cloud knows the reporting device).
   */
  TokenDeviceMismatch: 'InvalidParameterValue.TokenDeviceMismatch',
  StudioProductNotExist: 'ResourceNotFound.StudioProductNotExist',
  /** AppGetDeviceInFamily / AppGetGatewayBindDeviceList: the caller is not a member of the family. */
  StudioMemberNotExist: 'ResourceNotFound.StudioMemberNotExist',
  /** "The device has been bound. Do not repeat binding." */
  CannotBindSameFamily: 'UnsupportedOperation.CannotBindSameFamily',
  FamilyDeviceExceedLimit: 'LimitExceeded.FamilyDeviceExceedLimit',
  UnsupportedOperation: 'UnsupportedOperation',
  /** A gateway that is not one, or a sub-device product that is not one (gateway binding). */
  DeviceTypeError: 'UnsupportedOperation.DeviceType',
  DeviceNotGateway: 'UnsupportedOperation.DeviceNotGateway',
  /** "The subdevice is not bound to the gateway device." */
  DeviceNotBind: 'UnsupportedOperation.DeviceNotBind',
  /** "The device has not connected to the cloud recently." */
  BindDeviceNotConnected: 'InvalidParameterValue.BindDeviceNotConnected',
  /** "Dynamic signature error when binding device." */
  BindDeviceSigMismatch: 'InvalidParameterValue.BindDeviceSigMismatch',
  /** "The device is offline." (AppPublishFirmwareUpdateMessage); also control and action calls (sandbox choice). */
  DeviceOffline: 'FailedOperation.DeviceOffline',

  // Device Sharing and Message Management tables.
  /** AppSendShareFamilyInvite: "The user has no permission for this family" (same code as NoPermissionToDevice). */
  NoPermissionToShareFamily: 'InvalidParameterValue.NoPermission',
  InvalidShareDeviceToken: 'InvalidParameterValue.InvalidShareDeviceToken',
  ShareDeviceTokenUsed: 'InvalidParameterValue.ShareDeviceTokenUsed',
  /**
   * "The device has already been bound to the current user": the table prints DeviecBinded,
   * the failure example (a captured answer) DeviceBinded; the sandbox answers the example's.
   */
  DeviceBinded: 'InvalidParameterValue.DeviceBinded',
  UserBindExceedLimit: 'InvalidParameterValue.UserBindExceedLimit',
  DeviceShareExceededLimit: 'InvalidParameterValue.DeviceShareExceededLimit',
  CannotBindOwnDevice: 'InvalidParameterValue.CannotBindOwnDevice',
  /** "No bound devices were found" (AppRemoveUserShareDevice, AppRemoveShareDeviceUser). */
  AppDeviceNotExist: 'InvalidParameterValue.AppDeviceNotExist',
  MsgIDInvalid: 'InvalidParameterValue.MsgIDInvalid',

  // Manual and Automatic Intelligence tables.
  /** "Scenario in execution": running, modifying or deleting a scene that is running. */
  SceneRunInProgress: 'UnsupportedOperation.SceneRunInProgress',
  /** "The quantity exceeds the limit" (AppCreateAutomation, AppModifyAutomation), without sub-code. */
  LimitExceeded: 'LimitExceeded',

  // Cloud Storage Service tables.
  /** "Invalid parameter": a value that cannot be read at all (malformed Date, Context, VideoURL, Thumbnail). */
  InvalidParameter: 'InvalidParameter',

  // Firmware Upgrade tables.
  /** AppPublishFirmwareUpdateMessage: "The device has no firmware version" - nothing newer than it runs. */
  DeviceHasNoFirmware: 'ResourceNotFound.DeviceHasNoFirmware',
  /** AppGetDeviceOTAInfo: no upgrade task (the device runs its product's newest firmware). */
  DeviceFirmwareTaskNotExist: 'ResourceNotFound.DeviceFirmwareTaskNotExist',
  /** AppCheckFirmwareUpdate: the version the device reports matches neither end of its upgrade. */
  DeviceInfoOutdated: 'FailedOperation.DeviceInfoOutdated',
  /** AppDescribeFirmware: the product has no firmware of that version. */
  FirmwareNotExist: 'ResourceNotFound.FirmwareNotExist',
  /**
   * AppPublishFirmwareUpdateMessage while an upgrade is running (sandbox choice: the table
   * has only FailedOperation; the sub-code is the one Tencent's IoT cloud API uses for it).
   */
  DeviceIsUpdating: 'FailedOperation.DeviceIsUpdating',

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
