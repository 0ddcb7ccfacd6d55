/** Profiles: the clouds the app can sign in to, and how. Secrets go in, never come out. */
import { z } from 'zod'
import { profileSummarySchema, savedProfileSchema } from '../domain'
import { command, contract, id, noArgs, nothing, text } from './define'

export const profileInputSchema = z.object({
  /** Absent to create a profile. */
  id: id.optional(),
  name: text(64),
  kind: z.enum(['mainland', 'overseas', 'custom']),
  /** Required for 'custom'; ignored otherwise. */
  baseUrl: z.url({ protocol: /^https?$/ }).max(512).optional(),
  appKey: text(128).optional(),
  /** Write-only: stored in the vault, never returned. Absent keeps the stored one. */
  appSecret: text(256).optional(),
  /** How sign-in works on this profile (default 'app-key'). */
  credentialMode: z.enum(['app-key', 'token-broker', 'access-token']).default('app-key'),
  /** For 'token-broker': the organisation's endpoint that signs in server-side. */
  brokerUrl: z.url({ protocol: /^https?$/ }).max(512).optional(),
})
/** What a caller sends (credentialMode may be left out). */
export type ProfileInput = z.input<typeof profileInputSchema>

export const profilesContract = contract({
  'profiles.list': command(noArgs, z.array(profileSummarySchema)),
  'profiles.save': command(profileInputSchema, savedProfileSchema),
  'profiles.remove': command(z.object({ id }), nothing),
})
