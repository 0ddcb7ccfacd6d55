/**
 * Domain types shown to the renderer, as zod schemas: the bridge contract checks results
 * against them, and the TypeScript types are inferred from them. Nothing here holds a secret.
 */
import { z } from 'zod'
import { thingModelSchema } from './thing-model'

export const profileKindSchema = z.enum(['sandbox', 'mainland', 'overseas', 'custom'])
export type ProfileKind = z.infer<typeof profileKindSchema>

/**
 * How a profile signs in: 'app-key' signs AppGetToken here with AppKey/AppSecret;
 * 'token-broker' sends the credentials to the organisation's endpoint, which signs in
 * server-side so no AppSecret reaches this machine; 'access-token' uses a pasted token.
 */
export const credentialModeSchema = z.enum(['app-key', 'token-broker', 'access-token'])
export type CredentialMode = z.infer<typeof credentialModeSchema>

export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: profileKindSchema,
  /** Base of the API, ending in `/api/exploreropen`; appapi and tokenapi hang below it. */
  baseUrl: z.string(),
  credentialMode: credentialModeSchema,
  /** AppKey with its middle masked; the AppSecret never leaves the main process. */
  appKeyMasked: z.string().nullable(),
  hasAppSecret: z.boolean(),
  /** The account last signed in with on this profile, for the sign-in form. */
  lastAccount: z.string().nullable(),
  /** For 'token-broker' profiles. */
  brokerUrl: z.string().nullable(),
  /** A password is remembered for this profile (re-sign-in before expiry works unattended). */
  remembered: z.boolean(),
})
export type ProfileSummary = z.infer<typeof profileSummarySchema>

/** What saving a profile answers. */
export const savedProfileSchema = profileSummarySchema.extend({
  /**
   * A remembered sign-in belongs to the endpoint and AppKey it was entered for: changing the
   * base URL, broker URL, credential mode or AppKey forgot it (the user must sign in again).
   */
  signInForgotten: z.boolean(),
})
export type SavedProfile = z.infer<typeof savedProfileSchema>

export const secretStorageSchema = z.enum(['encrypted', 'session-only'])
export type SecretStorage = z.infer<typeof secretStorageSchema>

/** A damaged database was moved aside (to `movedTo`) and a fresh one started. */
export const startNoticeSchema = z.object({ kind: z.literal('database-reset'), movedTo: z.string() })
export type StartNotice = z.infer<typeof startNoticeSchema>

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'web']),
  /** Whether secrets can be kept across restarts (OS encryption available). */
  secretStorage: secretStorageSchema,
  platform: z.string(),
  /** What happened to the data folder at start that the user must hear about. */
  notices: z.array(startNoticeSchema),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const sessionInfoSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  /** What the user signed in as: email, phone or WeChat nickname. */
  account: z.string(),
  /** Unix seconds at which the AccessToken stops working; 0 when unknown (pasted token). */
  expireAt: z.number(),
  /** Re-signs in by itself before expiry (password remembered). */
  renews: z.boolean(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>

export const sessionEndReasonSchema = z.enum(['signed-out', 'expired', 'revoked'])
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>

/** Why a session.changed event came: an end, or a token renewed before expiry. */
export const sessionChangeReasonSchema = z.enum([...sessionEndReasonSchema.options, 'renewed'])
export type SessionChangeReason = z.infer<typeof sessionChangeReasonSchema>

export const sessionChangeSchema = z.object({
  session: sessionInfoSchema.nullable(),
  reason: sessionChangeReasonSchema.optional(),
})
export type SessionChange = z.infer<typeof sessionChangeSchema>

export const connectionStatusSchema = z.enum(['idle', 'connecting', 'live', 'retrying', 'offline'])
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>

export const connectionStateSchema = z.object({
  status: connectionStatusSchema,
  /** When status is 'retrying': milliseconds until the next attempt. */
  retryInMs: z.number().optional(),
  /** The last failure, readable, when status is 'retrying' or 'offline'. */
  detail: z.string().optional(),
})
export type ConnectionState = z.infer<typeof connectionStateSchema>

export const familySchema = z.object({
  familyId: z.string(),
  name: z.string(),
  /** 1 administrator, 0 member (the reference's AppGetFamilyList example comment). */
  role: z.number(),
  createTime: z.number(),
  updateTime: z.number(),
})
export type Family = z.infer<typeof familySchema>

export const familyDetailSchema = familySchema.extend({ address: z.string() })
export type FamilyDetail = z.infer<typeof familyDetailSchema>

export const roomSchema = z.object({
  roomId: z.string(),
  name: z.string(),
  deviceCount: z.number(),
  createTime: z.number(),
  updateTime: z.number(),
})
export type Room = z.infer<typeof roomSchema>

export const deviceSchema = z.object({
  /** `ProductId/DeviceName`, the reference's device id. */
  deviceId: z.string(),
  productId: z.string(),
  deviceName: z.string(),
  aliasName: z.string(),
  familyId: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  productName: z.string(),
  iconUrl: z.string(),
  online: z.boolean(),
  /** 0 ordinary, 1 gateway, 2 sub-device (the reference's AppGetDeviceInFamily example comment). */
  deviceType: z.number(),
  createTime: z.number(),
  updateTime: z.number(),
})
export type Device = z.infer<typeof deviceSchema>

export const productSchema = z.object({
  productId: z.string(),
  name: z.string(),
  description: z.string(),
  netType: z.string(),
  categoryId: z.number(),
  /** The product's thing model (DataTemplate), read into one checked shape. */
  thingModel: thingModelSchema,
})
export type Product = z.infer<typeof productSchema>

/** One change made through the app (audit log). `params` is redacted JSON. */
export const auditEntrySchema = z.object({
  id: z.number(),
  timeMs: z.number(),
  profileId: z.string(),
  profileName: z.string(),
  account: z.string(),
  action: z.string(),
  /** The device the change was about, as named when it was made ('' when none). */
  deviceName: z.string(),
  params: z.string(),
  requestId: z.string(),
  outcome: z.enum(['ok', 'error']),
  errorCode: z.string(),
  errorMessage: z.string(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditFilterSchema = z
  .object({
    fromMs: z.number().int().nonnegative().optional(),
    toMs: z.number().int().nonnegative().optional(),
    action: z.string().max(64).optional(),
    outcome: z.enum(['ok', 'error']).optional(),
    /** Case-insensitive substring of the action, device name, params, RequestId or account. */
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().nonnegative().optional(),
  })
  .strict()
export type AuditFilter = z.infer<typeof auditFilterSchema>

export const auditPageSchema = z.object({ total: z.number(), entries: z.array(auditEntrySchema) })
export type AuditPage = z.infer<typeof auditPageSchema>
