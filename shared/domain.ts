/** Domain types shown to the renderer. Nothing here ever holds a secret. */

import type { ThingModel } from './thing-model'

export type ProfileKind = 'sandbox' | 'mainland' | 'overseas' | 'custom'

/**
 * How a profile signs in: 'app-key' signs AppGetToken here with AppKey/AppSecret;
 * 'token-broker' sends the credentials to the organisation's endpoint, which signs in
 * server-side so no AppSecret reaches this machine; 'access-token' uses a pasted token.
 */
export type CredentialMode = 'app-key' | 'token-broker' | 'access-token'

export interface ProfileSummary {
  id: string
  name: string
  kind: ProfileKind
  /** Base of the API, ending in `/api/exploreropen`; appapi and tokenapi hang below it. */
  baseUrl: string
  credentialMode: CredentialMode
  /** AppKey with its middle masked; the AppSecret never leaves the main process. */
  appKeyMasked: string | null
  hasAppSecret: boolean
  /** The account last signed in with on this profile, for the sign-in form. */
  lastAccount: string | null
  /** For 'token-broker' profiles. */
  brokerUrl: string | null
  /** A password is remembered for this profile (re-sign-in before expiry works unattended). */
  remembered: boolean
}

/** What saving a profile answers. */
export interface SavedProfile extends ProfileSummary {
  /**
   * A remembered sign-in belongs to the endpoint and AppKey it was entered for: changing the
   * base URL, broker URL, credential mode or AppKey forgot it (the user must sign in again).
   */
  signInForgotten: boolean
}

export type SecretStorage = 'encrypted' | 'session-only'

export interface AppInfo {
  version: string
  mode: 'electron' | 'web'
  /** Whether secrets can be kept across restarts (OS encryption available). */
  secretStorage: SecretStorage
  platform: string
  /** What happened to the data folder at start that the user must hear about. */
  notices: StartNotice[]
}

/** A damaged database was moved aside (to `movedTo`) and a fresh one started. */
export interface StartNotice {
  kind: 'database-reset'
  movedTo: string
}

export interface SessionInfo {
  profileId: string
  profileName: string
  /** What the user signed in as: email, phone or WeChat nickname. */
  account: string
  /** Unix seconds at which the AccessToken stops working; 0 when unknown (pasted token). */
  expireAt: number
  /** Re-signs in by itself before expiry (password remembered). */
  renews: boolean
}

export type SessionEndReason = 'signed-out' | 'expired' | 'revoked'

/** Why a session.changed event came: an end, or a token renewed before expiry. */
export type SessionChangeReason = SessionEndReason | 'renewed'

export interface SessionChange {
  session: SessionInfo | null
  reason?: SessionChangeReason
}

export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'retrying' | 'offline'

export interface ConnectionState {
  status: ConnectionStatus
  /** When status is 'retrying': milliseconds until the next attempt. */
  retryInMs?: number
  /** The last failure, readable, when status is 'retrying' or 'offline'. */
  detail?: string
}

export interface Family {
  familyId: string
  name: string
  /** 1 administrator, 0 member (reference, AppGetFamilyList example comment). */
  role: number
  createTime: number
  updateTime: number
}

export interface FamilyDetail extends Family {
  address: string
}

export interface Room {
  roomId: string
  name: string
  deviceCount: number
  createTime: number
  updateTime: number
}

export interface Device {
  /** `ProductId/DeviceName`, the reference's device id. */
  deviceId: string
  productId: string
  deviceName: string
  aliasName: string
  familyId: string
  roomId: string
  roomName: string
  productName: string
  iconUrl: string
  online: boolean
  /** 0 ordinary, 1 gateway, 2 sub-device (reference, AppGetDeviceInFamily example comment). */
  deviceType: number
  createTime: number
  updateTime: number
}

export interface Product {
  productId: string
  name: string
  description: string
  netType: string
  categoryId: number
  /** The product's thing model (DataTemplate), read into one checked shape. */
  thingModel: ThingModel
}

/** One change made through the app (audit log). `params` is redacted JSON. */
export interface AuditEntry {
  id: number
  timeMs: number
  profileId: string
  profileName: string
  account: string
  action: string
  params: string
  requestId: string
  outcome: 'ok' | 'error'
  errorCode: string
  errorMessage: string
}

export interface AuditFilter {
  fromMs?: number
  toMs?: number
  action?: string
  outcome?: 'ok' | 'error'
  /** Matches params, RequestId or account. */
  text?: string
  limit?: number
  offset?: number
}

export interface AuditPage {
  total: number
  entries: AuditEntry[]
}
