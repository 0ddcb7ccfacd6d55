/** Signing in and out, and the session's life (renewal, expiry, revocation). */
import { z } from 'zod'
import { sessionChangeSchema, sessionInfoSchema } from '../domain'
import { command, contract, id, noArgs, nothing, text } from './define'

export const signInCredentialsSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('email'), email: z.email().max(254), password: text(128) }),
  z.object({
    method: z.literal('phone'),
    countryCode: z.string().regex(/^\d{1,4}$/, 'country code is 1–4 digits'),
    phoneNumber: z.string().regex(/^\d{4,20}$/, 'phone number is 4–20 digits'),
    password: text(128),
  }),
  z.object({
    method: z.literal('wechat'),
    wxOpenId: text(128),
    nickname: text(64),
    avatar: z.string().max(512).default(''),
  }),
  /** A support session on an AccessToken someone handed over (profile mode 'access-token'). */
  z.object({
    method: z.literal('token'),
    accessToken: text(512),
    /** Unix seconds, if known; otherwise the token lives until the cloud refuses it. */
    expireAt: z.number().int().positive().optional(),
    /** How the session is shown (whose token it is). */
    label: text(64).default('AccessToken'),
  }),
])
export type SignInCredentials = z.infer<typeof signInCredentialsSchema>

export const sessionContract = contract(
  {
    'session.current': command(noArgs, sessionInfoSchema.nullable()),
    'session.signIn': command(
      z.object({
        profileId: id,
        credentials: signInCredentialsSchema,
        /** Keep the password (encrypted, or for this session only) to sign in again before the token expires. */
        remember: z.boolean().default(false),
      }),
      sessionInfoSchema,
    ),
    'session.signOut': command(noArgs, nothing),
  },
  {
    'session.changed': sessionChangeSchema,
    /** The token ends soon and the app cannot renew it alone: ask the user to sign in again. */
    'session.expiring': z.object({ expireAt: z.number() }),
  },
)
